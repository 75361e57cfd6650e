/**
 * The small data the CV command tests share (test/cli/cv.test.ts, train-cv.test.ts): 60 rows
 * of two features, y from a noisy linear score: 'yes' (35) or 'no' (25), and the same rows
 * with three classes: a (23), b (11), c (26); each written as a CSV file in `tmp`.
 */
import type { scratch } from './helpers.js';

export function cvData(tmp: ReturnType<typeof scratch>) {
  const X = Array.from({ length: 60 }, (_, i) => [((i * 37) % 23) / 4 - 2.75, ((i * 11) % 17) / 4 - 2]);
  const Y = X.map(([a, b], i) => (a! + 0.5 * b! + (((i * 7) % 5) - 2) * 0.8 > 0 ? 'yes' : 'no'));
  const Y3 = X.map(([a], i) => {
    const s = a! + (((i * 7) % 5) - 2) * 0.6;
    return s > 1 ? 'c' : s > -1 ? 'b' : 'a';
  });
  const csv = (y: string[]) => `x1,x2,y\n${X.map((row, i) => `${row.join(',')},${y[i]}`).join('\n')}\n`;
  return { X, Y, Y3, DATA: tmp.file('d.csv', csv(Y)), DATA3: tmp.file('d3.csv', csv(Y3)) };
}
