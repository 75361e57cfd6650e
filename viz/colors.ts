/**
 * The class colours every chart uses: the Okabe–Ito palette, which stays distinguishable
 * under the common colour-vision deficiencies. Class `k` is filled with `CLASS_FILLS[k]`
 * and outlined with the darker `CLASS_STROKES[k]`; both cycle after 8 classes.
 * @module
 */

/** Fill colour per class index. */
export const CLASS_FILLS: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** Outline colour per class index, a darker shade of the fill. */
export const CLASS_STROKES: readonly string[] = ['#004B75', '#8F6300', '#005C43', '#8A4C73', '#2F7DA8', '#8A3A00', '#9C9300', '#000000'];

/**
 * The fill colour of class `k`.
 * @param k - A class index, `0 ≤ k`.
 * @returns A `#RRGGBB` colour.
 * @example
 * classFill(1); // '#E69F00'
 */
export function classFill(k: number): string {
  return CLASS_FILLS[k % CLASS_FILLS.length] as string;
}

/**
 * The outline colour of class `k`.
 * @param k - A class index, `0 ≤ k`.
 * @returns A `#RRGGBB` colour.
 * @example
 * classStroke(0); // '#004B75'
 */
export function classStroke(k: number): string {
  return CLASS_STROKES[k % CLASS_STROKES.length] as string;
}
