/**
 * Suggestions for a misspelt name: the candidate nearest to it by edit distance, for
 * messages such as "did you mean 'roc_auc'?". Used by the library's argument readers
 * (scoring names) and by the CLI (flags, commands, columns).
 * @module
 */

/**
 * The optimal-string-alignment distance (Levenshtein with adjacent transpositions), or
 * `limit + 1` as soon as it must exceed `limit` (so comparing a long name costs little).
 * @example
 * ```ts
 * editDistance('acuracy', 'accuracy', 2); // 1
 * editDistance('roc_auc', 'auc_roc', 2);  // 3: more than the limit
 * ```
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] as number) + 1);
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] as number;
}

/**
 * The candidate nearest to a misspelt `word`, or null when none is close: within an edit
 * distance of a third of the word's length (at least 1, and less than the whole word;
 * case is ignored), or else the only candidate that starts with the word (of 3
 * characters or more).
 * @returns the candidate as it is spelt in `candidates`, or null.
 * @example
 * ```ts
 * nearest('roc-auc', ['accuracy', 'roc_auc', 'roc_auc_ovr']); // 'roc_auc'
 * nearest('ROC_AUC', ['roc_auc']);                           // 'roc_auc' (case differs)
 * nearest('zzz', ['accuracy', 'f1']);                          // null
 * ```
 */
export function nearest(word: string, candidates: Iterable<string>): string | null {
  const w = word.toLowerCase();
  const limit = Math.max(1, Math.floor(w.length / 3));
  let best: string | null = null;
  let bestDistance = limit + 1;
  const prefixed: string[] = [];
  for (const c of candidates) {
    const lc = c.toLowerCase();
    if (w.length >= 3 && lc.startsWith(w) && lc !== w) prefixed.push(c);
    const d = lc === w ? (c === word ? 0 : 0.5) : editDistance(w, lc, limit);
    // A change of every character (`b` for `a`) is no resemblance.
    if (d < bestDistance && d < w.length) [best, bestDistance] = [c, d];
  }
  if (best !== null && bestDistance > 0) return best;
  return prefixed.length === 1 ? (prefixed[0] as string) : null;
}
