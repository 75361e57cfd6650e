/**
 * The printed summary table: a {@link SummaryJSON} laid out as statsmodels 0.13.5 prints
 * `Logit(...).fit().summary()` and `MNLogit(...).fit().summary()`, so the two can be read
 * side by side, number for number.
 *
 * The layout (learnt from statsmodels' `iolib/summary.py` and `iolib/table.py`; nothing is
 * copied): a centred title; a two-column block of fit statistics, each half 37 characters
 * (labels left, values right); the coefficient block `coef std err z P>|z| [lo hi]` with
 * one section per equation; `=` rules around blocks and `-` rules under headers and between
 * equations. Each column is at least 10 characters (the interval columns 11) and widens to
 * its longest entry, which makes the standard table 78 characters wide.
 *
 * Where this table differs from statsmodels', on purpose:
 * 1. No `Date:` and `Time:` rows (they make the output differ from run to run): their
 *    places hold `AIC:` and `BIC:`, formatted as `Log-Likelihood:` is.
 * 2. After the coefficient block comes an odds-ratio block, `Odds Ratio [lo hi]`, one
 *    section per equation headed as the coefficient sections are; the odds ratio sits
 *    under `coef` and its interval under the coefficient's interval.
 * 3. Notes (`warnings`) are printed as statsmodels' OLS prints its notes, `Notes:` then
 *    `[1] …`, `[2] …`, wrapped at the table's width; statsmodels' Logit prints its single
 *    quasi-separation note without the heading and number.
 * 4. Names longer than {@link MAX_NAME_WIDTH} characters (features, the dependent variable,
 *    `y=<label>` headings) are shortened in the middle to that width with `...`, where
 *    statsmodels widens the column without limit; shorter names widen their column as in
 *    statsmodels (so a table with long names is wider than 78, there as here). Control
 *    characters in names print as spaces, so every row stays one line.
 * @module
 */
import { describeKind } from '../validate/describe.js';
import type { CoefficientRow, SummaryJSON } from './summary-json.js';

/**
 * The widest a name (a feature, the dependent variable, an equation's `y=<label>` heading)
 * is printed, in characters (code points). Longer names keep their first and last
 * characters around a `...`, since names that differ tend to differ at one end (one-hot
 * columns at the end, prefixed families at the start).
 * @example
 * ```ts
 * MAX_NAME_WIDTH; // 32
 * ```
 */
export const MAX_NAME_WIDTH = 32;

/**
 * Options of {@link formatSummary}.
 * @example
 * ```ts
 * const options: FormatSummaryOptions = { title: 'Churn model', dependent: 'churned' };
 * ```
 */
export interface FormatSummaryOptions {
  /** The title centred above the table. @default `'Logit Regression Results'` or `'MNLogit Regression Results'` (statsmodels' titles) */
  title?: string;
  /** The dependent variable's name, printed as `Dep. Variable:` and in MNLogit's `y=<label>` equation headings. @default `'y'` (statsmodels' default) */
  dependent?: string;
}

/**
 * Lays a summary out as statsmodels 0.13.5 prints a `Logit` or `MNLogit` summary (78
 * characters wide unless long names widen it), with the differences listed in this
 * module's documentation: AIC and BIC where statsmodels prints the date and time, an
 * odds-ratio block after the coefficients, and the `warnings` as numbered notes.
 *
 * Numbers are formatted by statsmodels' rules (as Python's `%` operator formats them,
 * rounding half to even on the exact binary value): coefficients to 4 decimals and the
 * other columns to 3, switching to 4 (coef) or 3 significant digits in exponent form
 * outside [1e-4, 1e4); p-values always to 3 decimals (`0.000` for tiny ones); `nan`,
 * `inf` and `-inf` as Python prints them. The interval headers follow `summary.alpha`:
 * `[0.025 0.975]` at 0.05, `[0.05 0.95]` at 0.10.
 *
 * The summary is printed as given: nothing is recomputed or checked beyond its shape.
 * @param summary - The summary to print (`summary.toJSON()`).
 * @param options - The title and the dependent variable's name; see {@link FormatSummaryOptions}.
 * @returns The table: lines joined by `\n`, no final newline.
 * @throws TypeError when `summary` is not an object with an `equations` array, or an
 * option is not a string.
 * @example
 * ```ts
 * console.log(formatSummary(model.summary().toJSON(), { dependent: 'admitted' }));
 * //                            Logit Regression Results
 * // ==============================================================================
 * // Dep. Variable:               admitted   No. Observations:                  200
 * // Model:                          Logit   Df Residuals:                      196
 * // Method:                           MLE   Df Model:                            3
 * // AIC:                           224.31   Pseudo R-squ.:                  0.2196
 * // BIC:                           237.50   Log-Likelihood:                -108.15
 * // converged:                       True   LL-Null:                       -138.59
 * // Covariance Type:            nonrobust   LLR p-value:                 3.831e-13
 * // ==============================================================================
 * //                  coef    std err          z      P>|z|      [0.025      0.975]
 * // ------------------------------------------------------------------------------
 * // const          0.1503      0.167      0.901      0.368      -0.177       0.477
 * // x1             0.7034      0.181      3.882      0.000       0.348       1.059
 * // …
 * // ==============================================================================
 * //            Odds Ratio                                       [0.025      0.975]
 * // ------------------------------------------------------------------------------
 * // const          1.1622                                        0.838       1.611
 * // …
 * ```
 */
export function formatSummary(summary: SummaryJSON, options: FormatSummaryOptions = {}): string {
  checkArguments(summary, options);
  const title = options.title ?? `${summary.model} Regression Results`;
  const dependent = options.dependent ?? 'y';
  const top = fitStatistics(summary, printableName(dependent), title);
  const coefficients = coefficientBlocks(summary, dependent);
  let text = [...top, ...coefficients].join('\n');
  if (summary.warnings.length > 0) text += `\n\n${notes(summary.warnings, width(top[top.length - 1] ?? ''))}`;
  return text;
}

function checkArguments(summary: unknown, options: unknown): void {
  const where = 'formatSummary';
  if (typeof summary !== 'object' || summary === null || Array.isArray(summary)) {
    throw new TypeError(`${where}: summary must be a SummaryJSON object, got ${describeKind(summary)}`);
  }
  const { equations, warnings } = summary as { equations?: unknown; warnings?: unknown };
  if (!Array.isArray(equations)) throw new TypeError(`${where}: summary.equations must be an array, got ${describeKind(equations)}`);
  if (!Array.isArray(warnings)) throw new TypeError(`${where}: summary.warnings must be an array, got ${describeKind(warnings)}`);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describeKind(options)}`);
  }
  for (const key of ['title', 'dependent'] as const) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined && typeof value !== 'string') {
      throw new TypeError(`${where}: options.${key} must be a string, got ${describeKind(value)}`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// The fit-statistics block

/** The block's two halves, row by row: statsmodels' order, with AIC and BIC in the places of Date and Time. */
function fitStatistics(s: SummaryJSON, dependent: string, title: string): string[] {
  const left: [string, string][] = [
    ['Dep. Variable:', dependent],
    ['Model:', s.model],
    ['Method:', s.method],
    ['AIC:', pyGeneral(s.aic, 5, true, 8)],
    ['BIC:', pyGeneral(s.bic, 5, true, 8)],
    ['converged:', s.converged ? 'True' : 'False'],
    ['Covariance Type:', s.covType],
  ];
  const right: [string, string][] = [
    ['No. Observations:', countOrFloat(s.nObs)],
    ['Df Residuals:', countOrFloat(s.dfResid)],
    ['Df Model:', countOrFloat(s.dfModel)],
    ['Pseudo R-squ.:', pyGeneral(s.pseudoRSquared, 4, true, 6)],
    ['Log-Likelihood:', pyGeneral(s.logLikelihood, 5, true, 8)],
    ['LL-Null:', pyGeneral(s.nullLogLikelihood, 5, true, 8)],
    ['LLR p-value:', pyGeneral(s.llrPValue, 4, true, 6)],
  ];
  // Each half is a label column and a value column of at least 18 characters; the right
  // half's labels are indented by two spaces and padded to 21, which makes 37 + 1 + 40 = 78.
  const labelWidth = Math.max(18, ...left.map(([label]) => width(label)));
  const leftWidth = Math.max(18, ...left.map(([, value]) => width(value)));
  const rightWidth = Math.max(18, ...right.map(([, value]) => width(value)));
  const rows = left.map(([label, value], i) => {
    const [rightLabel, rightValue] = right[i] ?? ['', ''];
    return [pad(label, labelWidth, 'l'), pad(value, leftWidth, 'r'), pad(`  ${rightLabel}`, 21, 'l'), pad(rightValue, rightWidth, 'r')].join(' ');
  });
  const rowWidth = width(rows[rows.length - 1] ?? '');
  return [center(title, rowWidth), '='.repeat(rowWidth), ...rows];
}

/**
 * A count (observations, degrees of freedom) as statsmodels prints one: an integer when it
 * is one (frequency weights may make it fractional), else two decimals; NaN as `NaN`.
 */
function countOrFloat(x: number): string {
  if (Number.isNaN(x)) return '   NaN';
  if (Number.isFinite(x) && Number.isInteger(x)) return pad(BigInt(x).toString(), 6, 'r');
  return pad(pyFixed(x, 2), 8, 'r');
}

// ---------------------------------------------------------------------------------------
// The coefficient and odds-ratio blocks

/** The columns after the names, in order: coef, std err, z, P>|z|, lower, upper. */
type Cells = [string, string, string, string, string, string];

interface Section {
  heading: string;
  header: Cells;
  rows: { name: string; cells: Cells }[];
}

/**
 * The coefficient block (statsmodels' parameter table, one section per equation) and then
 * the odds-ratio block, sharing one set of column widths so their rules and columns line
 * up.
 */
function coefficientBlocks(s: SummaryJSON, dependent: string): string[] {
  const lower = `[${pyRepr(s.alpha / 2)}`;
  const upper = `${pyRepr(1 - s.alpha / 2)}]`;
  const heading = (label: unknown): string => (s.model === 'MNLogit' ? printableName(`${dependent}=${String(label)}`) : '');
  const coefficientSections: Section[] = s.equations.map((equation) => ({
    heading: heading(equation.label),
    header: ['coef', 'std err', 'z', 'P>|z|', lower, upper],
    rows: equation.coefficients.map((row) => ({ name: printableName(row.name), cells: coefficientCells(row) })),
  }));
  const oddsRatioSections: Section[] = s.equations.map((equation) => ({
    heading: heading(equation.label),
    header: ['Odds Ratio', '', '', '', lower, upper],
    rows: equation.coefficients.map((row) => ({ name: printableName(row.name), cells: oddsRatioCells(row) })),
  }));
  const all = [...coefficientSections, ...oddsRatioSections];
  const nameWidth = Math.max(10, ...all.flatMap((section) => [width(section.heading), ...section.rows.map((row) => width(row.name))]));
  const columnWidths = [0, 1, 2, 3, 4, 5].map((j) =>
    Math.max(10, ...all.flatMap((section) => [width(section.header[j] ?? ''), ...section.rows.map((row) => width(row.cells[j] ?? ''))])),
  );
  const line = (first: string, firstAlign: 'l' | 'r', cells: Cells): string =>
    [pad(first, nameWidth, firstAlign), ...cells.map((cell, j) => pad(cell, columnWidths[j] ?? 10, 'r'))].join(' ');
  const rowWidth = nameWidth + columnWidths.reduce((a, b) => a + b, 0) + 6;
  const block = (sections: Section[]): string[] => [
    ...sections.flatMap((section, i) => [
      ...(i > 0 ? ['-'.repeat(rowWidth)] : []),
      line(section.heading, 'r', section.header),
      '-'.repeat(rowWidth),
      ...section.rows.map((row) => line(row.name, 'l', row.cells)),
    ]),
    '='.repeat(rowWidth),
  ];
  return ['='.repeat(rowWidth), ...block(coefficientSections), ...block(oddsRatioSections)];
}

/** statsmodels' cells of one parameter row: coef to 4 places, the rest to 3, the p-value always fixed. */
function coefficientCells(row: CoefficientRow): Cells {
  return [
    statsmodelsNumber(row.estimate, 4),
    statsmodelsNumber(row.stdErr, 3),
    pad(statsmodelsNumber(row.z, 3), 8, 'r'),
    pad(pyFixed(row.pValue, 3), 6, 'r'),
    pad(statsmodelsNumber(row.ciLower, 3), 11, 'r'),
    pad(statsmodelsNumber(row.ciUpper, 3), 11, 'r'),
  ];
}

/** The odds ratio formatted as the coefficient is, its interval as the coefficient's interval is. */
function oddsRatioCells(row: CoefficientRow): Cells {
  return [
    statsmodelsNumber(row.oddsRatio, 4),
    '',
    '',
    '',
    pad(statsmodelsNumber(row.oddsRatioLower, 3), 11, 'r'),
    pad(statsmodelsNumber(row.oddsRatioUpper, 3), 11, 'r'),
  ];
}

/**
 * statsmodels' number in a parameter table: `digits` decimals in a field of `digits + 6`,
 * or `digits` significant digits (`%g`, exponent form when small or large) when |x| is
 * outside [1e-4, 1e4). NaN takes the fixed branch and ±∞ the other, as in Python, where
 * both print as `nan` / `inf`.
 */
function statsmodelsNumber(x: number, digits: 3 | 4): string {
  const magnitude = Math.abs(x);
  const general = magnitude >= 1e4 || magnitude < 1e-4;
  return pad(general ? pyGeneral(x, digits, false, 0) : pyFixed(x, digits), digits + 6, 'r');
}

// ---------------------------------------------------------------------------------------
// Notes

/** The warnings as numbered notes under a `Notes:` heading, each wrapped at `columns`. */
function notes(warnings: readonly string[], columns: number): string {
  const lines = ['Notes:'];
  warnings.forEach((warning, i) => lines.push(...wrap(`[${i + 1}] ${String(warning)}`, columns)));
  return lines.join('\n');
}

/** Greedy word wrap at `columns`, keeping the text's own line breaks; a word longer than a line keeps a line of its own. */
function wrap(text: string, columns: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let current = '';
    for (const word of paragraph.split(/[ \t]+/).filter((w) => w !== '')) {
      if (current === '') current = word;
      else if (width(current) + 1 + width(word) <= columns) current += ` ${word}`;
      else {
        out.push(current);
        current = word;
      }
    }
    out.push(current);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Text helpers. Widths count code points, as Python's len does (statsmodels pads with it).

function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function pad(s: string, columns: number, align: 'l' | 'r'): string {
  const fill = ' '.repeat(Math.max(0, columns - width(s)));
  return align === 'l' ? s + fill : fill + s;
}

/** Python's `str.center`: when the margin is odd, the extra space goes left only if the margin and the width are both odd. */
function center(s: string, columns: number): string {
  const margin = columns - width(s);
  if (margin <= 0) return s;
  const left = Math.floor(margin / 2) + (margin & columns & 1);
  return ' '.repeat(left) + s + ' '.repeat(margin - left);
}

/** A name as printed: control characters as spaces, at most {@link MAX_NAME_WIDTH} code points, the middle dropped for `...`. */
function printableName(name: string): string {
  const chars = Array.from(name.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' '));
  if (chars.length <= MAX_NAME_WIDTH) return chars.join('');
  const keep = MAX_NAME_WIDTH - 3;
  const head = Math.ceil(keep / 2);
  return `${chars.slice(0, head).join('')}...${chars.slice(chars.length - (keep - head)).join('')}`;
}

// ---------------------------------------------------------------------------------------
// Python's number formatting. A double is exactly n / 10^k for integers n ≥ 0, k ≥ 0, so
// every rounding below is done on that exact value, half to even, as CPython's dtoa does
// (JavaScript's toFixed rounds exact ties away from zero, and toPrecision likewise).

/** |x| as n / 10^k exactly, for finite x. */
function exactDecimal(x: number): { n: bigint; k: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  if (exponent >= 0) return { n: mantissa << BigInt(exponent), k: 0 };
  // m / 2^e = m·5^e / 10^e
  return { n: mantissa * 5n ** BigInt(-exponent), k: -exponent };
}

/** n / d rounded to the nearest integer, ties to even. */
function divideHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const twice = 2n * (n % d);
  if (twice > d || (twice === d && q % 2n === 1n)) return q + 1n;
  return q;
}

function sign(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

/** Python's `'%.{decimals}f' % x`. */
function pyFixed(x: number, decimals: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const { n, k } = exactDecimal(x);
  const scaled = k <= decimals ? n * 10n ** BigInt(decimals - k) : divideHalfEven(n, 10n ** BigInt(k - decimals));
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  return sign(x) + (decimals > 0 ? `${whole}.${digits.slice(digits.length - decimals)}` : whole);
}

/** |x| rounded to `significant` digits: the digits and the decimal exponent of the first. */
function roundSignificant(x: number, significant: number): { digits: string; exponent: number } {
  const { n, k } = exactDecimal(x);
  if (n === 0n) return { digits: '0'.repeat(significant), exponent: 0 };
  const length = n.toString().length;
  let exponent = length - 1 - k;
  let q = length > significant ? divideHalfEven(n, 10n ** BigInt(length - significant)) : n * 10n ** BigInt(significant - length);
  if (q.toString().length > significant) {
    // Rounded up to a power of ten: one more digit before the point.
    q /= 10n;
    exponent += 1;
  }
  return { digits: q.toString(), exponent };
}

/**
 * Python's `'%{flag}{minWidth}.{precision}g' % x`: `precision` significant digits, exponent
 * form when the rounded exponent is below −4 or at least `precision`; without the `#`
 * flag (`alternate`) trailing zeros and a bare point are dropped.
 */
function pyGeneral(x: number, precision: number, alternate: boolean, minWidth: number): string {
  const special = nonFinite(x);
  if (special !== null) return pad(special, minWidth, 'r');
  const p = Math.max(1, precision);
  const { digits, exponent } = roundSignificant(x, p);
  let body: string;
  if (exponent >= -4 && exponent < p) {
    body = pyFixed(Math.abs(x), p - 1 - exponent);
    if (alternate && !body.includes('.')) body += '.';
    if (!alternate && body.includes('.')) body = body.replace(/\.?0+$/, '');
  } else {
    let mantissa = digits.length > 1 || alternate ? `${digits[0]}.${digits.slice(1)}` : digits;
    if (!alternate) mantissa = mantissa.replace(/\.?0+$/, '').replace(/\.$/, '');
    body = `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return pad(sign(x) + body, minWidth, 'r');
}

/**
 * Python's `str(x)` for a float: the shortest digits that read back as x (JavaScript's
 * `String` finds the same digits), written in fixed form when the exponent is in
 * [−4, 16) — with `.0` for whole numbers — and in exponent form with at least two
 * exponent digits otherwise.
 */
function pyRepr(x: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  if (x === 0) return `${sign(x)}0.0`;
  const [mantissa = '', exponentPart] = String(Math.abs(x)).split('e');
  const point = mantissa.indexOf('.');
  let digits = mantissa.replace('.', '');
  // The position of the decimal point counted from the start of `digits`.
  let pointAt = (point === -1 ? mantissa.length : point) + Number(exponentPart ?? 0);
  const leading = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leading).replace(/0+$/, '');
  pointAt -= leading;
  const exponent = pointAt - 1;
  let body: string;
  if (exponent >= -4 && exponent < 16) {
    if (pointAt <= 0) body = `0.${'0'.repeat(-pointAt)}${digits}`;
    else if (pointAt >= digits.length) body = `${digits}${'0'.repeat(pointAt - digits.length)}.0`;
    else body = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  } else {
    const mantissaText = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${mantissaText}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return sign(x) + body;
}
