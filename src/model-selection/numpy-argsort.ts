/**
 * numpy 1.24's `argsort` with its default kind ('quicksort', an introsort), whose order of
 * equal keys scikit-learn's GroupKFold inherits. Ported so that ties come out as they do
 * in Python: quicksort with median-of-three pivots down to partitions of at most 16
 * entries, then insertion sort, and heapsort once the depth limit (twice the floor of
 * log2 n) is spent.
 * @module
 */

/** Partitions with more than SMALL_QUICKSORT + 1 entries are split; smaller ones insertion-sorted. */
const SMALL_QUICKSORT = 15;

/**
 * The indices that sort `v` ascending, ties ordered exactly as numpy 1.24's
 * `np.argsort(v)` orders them for an integer array.
 */
export function numpyArgsort(v: ArrayLike<number>): Int32Array {
  const num = v.length;
  const a = new Int32Array(num);
  for (let i = 0; i < num; i++) a[i] = i;
  if (num < 2) return a;
  const stack: number[] = [];
  const depths: number[] = [];
  let pl = 0;
  let pr = num - 1;
  let cdepth = 2 * Math.floor(Math.log2(num));
  const swap = (i: number, j: number): void => {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  };
  for (;;) {
    if (cdepth < 0) {
      heapsort(v, a, pl, pr - pl + 1);
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (v[a[pm]!]! < v[a[pl]!]!) swap(pm, pl);
        if (v[a[pr]!]! < v[a[pm]!]!) swap(pr, pm);
        if (v[a[pm]!]! < v[a[pl]!]!) swap(pm, pl);
        const vp = v[a[pm]!]!;
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do ++pi;
          while (v[a[pi]!]! < vp);
          do --pj;
          while (vp < v[a[pj]!]!);
          if (pi >= pj) break;
          swap(pi, pj);
        }
        swap(pi, pr - 1);
        // The larger partition waits on the stack; the loop goes on with the smaller.
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depths.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; pi++) {
        const vi = a[pi]!;
        const vp = v[vi]!;
        let pj = pi;
        while (pj > pl && vp < v[a[pj - 1]!]!) {
          a[pj] = a[pj - 1]!;
          pj--;
        }
        a[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    cdepth = depths.pop()!;
  }
  return a;
}

/** numpy's aheapsort on a[start … start + n − 1] (1-based heap indexing, as in numpy). */
function heapsort(v: ArrayLike<number>, a: Int32Array, start: number, n: number): void {
  const at = (k: number): number => start + k - 1;
  for (let l = n >> 1; l > 0; --l) {
    const tmp = a[at(l)]!;
    let i = l;
    for (let j = l << 1; j <= n; ) {
      if (j < n && v[a[at(j)]!]! < v[a[at(j + 1)]!]!) j += 1;
      if (v[tmp]! < v[a[at(j)]!]!) {
        a[at(i)] = a[at(j)]!;
        i = j;
        j += j;
      } else break;
    }
    a[at(i)] = tmp;
  }
  for (; n > 1; ) {
    const tmp = a[at(n)]!;
    a[at(n)] = a[at(1)]!;
    n -= 1;
    let i = 1;
    for (let j = 2; j <= n; ) {
      if (j < n && v[a[at(j)]!]! < v[a[at(j + 1)]!]!) j++;
      if (v[tmp]! < v[a[at(j)]!]!) {
        a[at(i)] = a[at(j)]!;
        i = j;
        j += j;
      } else break;
    }
    a[at(i)] = tmp;
  }
}
