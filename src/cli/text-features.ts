/**
 * A CSV column of text as features: the vectorizer `train` fits on the training rows'
 * cells (the library's HashingVectorizer, CountVectorizer or TfidfVectorizer, equal to
 * scikit-learn's), saved in the model file with its column, and applied by `predict` and
 * `evaluate` to the same column of their files. A cell is a document as it is: an empty
 * cell is an empty document, and `NA` is the word "na" (text has no missing values).
 * @module
 */
import { CountVectorizer, HashingVectorizer, TfidfVectorizer, type CsrMatrix, type Dtype } from '../index.js';
import { cellString, describeColumn, type Cell, type CsvTable } from './csv.js';
import { CliError, UsageError } from './errors.js';
import { columnIndices } from './preprocess.js';
import { TEXT_RENAMED, VECTORIZERS, type TextRequest, type VectorizerKind } from './text-options.js';
import { quoted } from './text.js';

/** A fitted vectorizer of any kind. */
export type Vectorizer = HashingVectorizer<Dtype> | CountVectorizer<Dtype> | TfidfVectorizer<Dtype>;

/** A model's text input: the column and the fitted vectorizer. */
export interface TextInput {
  column: string;
  kind: VectorizerKind;
  vectorizer: Vectorizer;
}

/** Each kind's class: its constructor and its reader of `toJSON` documents. */
const CLASSES = {
  hashing: HashingVectorizer,
  count: CountVectorizer,
  tfidf: TfidfVectorizer,
} as const;

/** A vectorizer's messages in the flags' terms: `minDf` → `--min-df`, the class's name dropped. */
function inTextFlagTerms(message: string): string {
  let text = message.replace(/^(Hashing|Count|Tfidf)Vectorizer(\.\w+)?: /, '');
  for (const [option, flag] of TEXT_RENAMED) text = text.replace(new RegExp(`\\b${option}\\b`, 'g'), flag);
  return text;
}

/** The vectorizer a request asks for, unfitted. @throws UsageError with its refusal of an option. */
export function makeVectorizer(request: TextRequest): Vectorizer {
  try {
    return new CLASSES[request.kind](request.options as never);
  } catch (error) {
    throw new UsageError(inTextFlagTerms((error as Error).message), 'train');
  }
}

/**
 * The text cells of `column` for rows of a table (all rows when `rows` is absent).
 * @throws CliError naming the file and a column it lacks.
 */
export function documents(file: string, table: Pick<CsvTable, 'header' | 'columns' | 'rows'>, column: string, rows?: readonly number[]): string[] {
  const [j] = columnIndices(file, table, [column], 'text') as [number];
  const order = rows ?? table.rows.map((_, i) => i);
  return order.map((i) => cellString((table.rows[i] as Cell[])[j] as Cell));
}

/**
 * Fits a vectorizer on documents and returns their features.
 * @throws CliError naming the file and column for the vectorizer's refusal (no term at
 * all, or none left after --min-df, --max-df and --max-features).
 */
export function fitText(file: string, table: Pick<CsvTable, 'header'>, column: number, vectorizer: Vectorizer, docs: readonly string[]): CsrMatrix<Dtype> {
  try {
    return vectorizer.fitTransform(docs);
  } catch (error) {
    throw new CliError(`${file}: ${describeColumn(table.header, column)}: ${inTextFlagTerms((error as Error).message)}`);
  }
}

/** The features of documents under a fitted vectorizer. @throws CliError naming the file for the vectorizer's refusal. */
export function transformText(file: string, vectorizer: Vectorizer, docs: readonly string[]): CsrMatrix<Dtype> {
  try {
    return vectorizer.transform(docs);
  } catch (error) {
    throw new CliError(`${file}: ${inTextFlagTerms((error as Error).message)}`);
  }
}

/** The number of features a fitted vectorizer gives. */
export function textInputWidth(input: TextInput): number {
  const v = input.vectorizer;
  return v instanceof HashingVectorizer ? v.nFeatures : v.getFeatureNamesOut().length;
}

/** How the model file stores a text input. */
export function textInputJson(input: TextInput): { column: string; kind: VectorizerKind; vectorizer: unknown } {
  return { column: input.column, kind: input.kind, vectorizer: input.vectorizer.toJSON() };
}

/**
 * Reads a model file's `text` field: the column, the kind and the vectorizer's own document
 * (checked by its `fromJSON`).
 * @throws CliError naming the file and what is damaged.
 */
export function readTextInput(file: string, value: unknown): TextInput {
  const bad = (what: string) => new CliError(`${file}: the model file is damaged (${what})`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('text must be an object with column, kind and vectorizer');
  const { column, kind, vectorizer } = value as Record<string, unknown>;
  if (typeof column !== 'string' || column.trim() === '') throw bad('text.column must be a column name');
  if (typeof kind !== 'string' || !(VECTORIZERS as readonly string[]).includes(kind)) {
    throw bad(`text.kind must be ${VECTORIZERS.map((k) => quoted(k)).join(', ')}; got ${typeof kind === 'string' ? quoted(kind) : typeof kind}`);
  }
  try {
    return { column, kind: kind as VectorizerKind, vectorizer: CLASSES[kind as VectorizerKind].fromJSON(vectorizer) };
  } catch (error) {
    throw bad(`text.vectorizer: ${(error as Error).message.replace(/^(Hashing|Count|Tfidf)Vectorizer\.fromJSON: /, '')}`);
  }
}
