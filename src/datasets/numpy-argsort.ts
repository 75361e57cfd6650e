/**
 * numpy 1.24's default `argsort` (introsort), for the callers whose results depend on the
 * order numpy gives equal keys: CountVectorizer's `maxFeatures` ties and GroupKFold's
 * equal-sized groups.
 * @module
 */

/**
 * numpy 1.24's `argsort` with its default kind on an array of exact integers held in
 * doubles: introsort (median-of-3 quicksort, insertion sort on runs of up to 16 (SMALL_QUICKSORT 15), heapsort
 * past a depth of 2·floor(log2 n)). Not stable, so equal keys come out in numpy's order,
 * which is what decides scikit-learn's `max_features` ties.
 * @example
 * ```ts
 * numpyArgsort(new Float64Array([3, 1, 2])); // Int32Array [1, 2, 0]
 * ```
 */
export function numpyArgsort(v: Float64Array): Int32Array {
  const a = Int32Array.from(v, (_, i) => i);
  const swap = (i: number, j: number) => {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  };
  const stack: number[] = [];
  let pl = 0;
  let pr = v.length - 1;
  let depth = 2 * (31 - Math.clz32(Math.max(v.length, 1))); // numpy's 2 · npy_get_msb(n)
  for (;;) {
    if (depth < 0) {
      heapsort(v, a, pl, pr - pl + 1);
    } else {
      while (pr - pl > 15) {
        const pm = pl + ((pr - pl) >> 1);
        if (v[a[pm]!]! < v[a[pl]!]!) swap(pm, pl);
        if (v[a[pr]!]! < v[a[pm]!]!) swap(pr, pm);
        if (v[a[pm]!]! < v[a[pl]!]!) swap(pm, pl);
        const vp = v[a[pm]!]!;
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do pi++;
          while (v[a[pi]!]! < vp);
          do pj--;
          while (vp < v[a[pj]!]!);
          if (pi >= pj) break;
          swap(pi, pj);
        }
        swap(pi, pr - 1);
        // The larger side waits on the stack; the loop goes on with the smaller.
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr, --depth);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1, --depth);
          pl = pi + 1;
        }
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
    depth = stack.pop()!;
    pr = stack.pop()!;
    pl = stack.pop()!;
  }
  return a;
}

/** numpy's `aheapsort` of a[start, start + n) by v (its 1-based heap indexing kept). */
function heapsort(v: Float64Array, a: Int32Array, start: number, n: number): void {
  const at = (k: number) => start + k - 1;
  const sift = (l: number, size: number) => {
    const tmp = a[at(l)]!;
    let i = l;
    for (let j = l << 1; j <= size; ) {
      if (j < size && v[a[at(j)]!]! < v[a[at(j + 1)]!]!) j++;
      if (!(v[tmp]! < v[a[at(j)]!]!)) break;
      a[at(i)] = a[at(j)]!;
      i = j;
      j += j;
    }
    a[at(i)] = tmp;
  };
  for (let l = n >> 1; l > 0; l--) sift(l, n);
  for (let size = n; size > 1; ) {
    const tmp = a[at(size)]!;
    a[at(size)] = a[at(1)]!;
    size--;
    a[at(1)] = tmp;
    sift(1, size);
  }
}
