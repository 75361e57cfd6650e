import { Matrix } from '../src/index.js';

/** A small deterministic binary problem: y = 1 when a fixed linear rule plus noise is positive. */
export function linearProblem(rows: number, cols: number, seed = 1): { X: Matrix; y: Float64Array } {
  let state = seed;
  const next = (): number => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647 - 0.5;
  };
  const X = Matrix.zeros(rows, cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let t = 0;
    for (let j = 0; j < cols; j++) {
      const v = next() * 4;
      X.data[i * cols + j] = v;
      t += v * (j % 2 === 0 ? 1 : -0.5);
    }
    y[i] = t + next() > 0 ? 1 : 0;
  }
  return { X, y };
}

/** max_i |a_i − b_i| / max_i |b_i|: relative error that stays meaningful when some entries are near 0. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return scale === 0 ? diff : diff / scale;
}
