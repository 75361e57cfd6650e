/**
 * One-hot encoding of Arrow string columns, as scikit-learn's `OneHotEncoder` does it: one
 * indicator column per category, the categories (unless given) the distinct values the
 * column holds, sorted as numpy sorts strings (by code point, {@link compareLabels}, the
 * order the CLI's `--one-hot` uses too), and a feature named `column=category`, the CLI's
 * name for it.
 *
 * A column's rows become category numbers (its codes); `Matrix.fromArrow` then writes each
 * row's indicators from them. Dictionary-encoded columns are read through their indices:
 * each chunk's dictionary entry is looked up once, whatever the number of rows.
 * @module
 */
import { describeKind } from '../validate/describe.js';
import { compareLabels } from '../validate/labels.js';
import { type ArrowColumn, type ArrowType, TYPE_DICTIONARY, TYPE_LARGE_UTF8, TYPE_UTF8, isValid, valueReader } from './arrow-table.js';

/**
 * Which columns to one-hot encode: their names (each one's categories are then the values
 * it holds, sorted), or each name with the categories to use, in that order (those a
 * previous call learnt, e.g. `arrowFeatures(train, options).categories`).
 */
export type OneHotColumns = readonly string[] | Readonly<Record<string, readonly string[]>>;

/** What to do with a value outside the given categories: refuse it, or write all its indicators 0 (scikit-learn's `handle_unknown`). */
export type HandleUnknown = 'error' | 'ignore';

/** A one-hot column's rows as category numbers. */
export interface Encoded {
  /** The category of each row, an index into `categories`; −1 for an unknown value ignored. */
  readonly codes: Int32Array;
  readonly categories: readonly string[];
}

/** Whether a column's type can be one-hot encoded: strings, dictionary-encoded or not. */
export function isStringType(type: ArrowType | undefined): boolean {
  return type?.typeId === TYPE_DICTIONARY || type?.typeId === TYPE_UTF8 || type?.typeId === TYPE_LARGE_UTF8;
}

/**
 * Reads the `oneHot` option into each named column's categories (null: learn them from the
 * table).
 * @throws TypeError for an option of the wrong kind; RangeError for a column that is not
 * among `columns`, a name given twice, no categories or a category repeated.
 */
export function readOneHot(where: string, option: unknown, columns: readonly string[]): Map<string, readonly string[] | null> {
  const out = new Map<string, readonly string[] | null>();
  if (option === undefined || option === null) return out;
  const known = new Set(columns);
  const add = (name: string, categories: readonly string[] | null): void => {
    if (!known.has(name)) throw new RangeError(`${where}: oneHot names '${name}', which is not among columns (${columns.join(', ')})`);
    if (out.has(name)) throw new RangeError(`${where}: oneHot names '${name}' twice`);
    out.set(name, categories);
  };
  if (Array.isArray(option)) {
    option.forEach((name, i) => {
      if (typeof name !== 'string') throw new TypeError(`${where}: oneHot[${i}] must be a column name, got ${describeKind(name)}`);
      add(name, null);
    });
    return out;
  }
  if (typeof option !== 'object') {
    throw new TypeError(`${where}: oneHot must be an array of column names or an object of each column's categories, got ${describeKind(option)}`);
  }
  for (const name of Object.keys(option)) {
    const categories = (option as Record<string, unknown>)[name];
    if (!Array.isArray(categories) || categories.some((c) => typeof c !== 'string')) {
      throw new TypeError(`${where}: oneHot['${name}'] must be an array of category strings, got ${describeKind(categories)}`);
    }
    if (categories.length === 0) throw new RangeError(`${where}: oneHot['${name}'] is empty; a one-hot column needs at least one category`);
    const seen = new Set<string>();
    for (const c of categories as string[]) {
      if (seen.has(c)) throw new RangeError(`${where}: oneHot['${name}'] lists the category '${c}' twice`);
      seen.add(c);
    }
    add(name, [...(categories as string[])]);
  }
  return out;
}

/**
 * The categories of a string column's rows.
 * @param given - the categories to use, in order, or null to learn them (sorted).
 * @param fill - write the most frequent value for a null (ties: the first in sort order, as
 * scikit-learn's `SimpleImputer(strategy='most_frequent')`), instead of refusing it.
 * @throws TypeError for a column that does not hold strings; RangeError for a null without
 * `fill`, a column of nulls only, or (handleUnknown 'error') a value not among `given`,
 * naming the column and the row.
 */
export function encodeColumn(
  where: string,
  column: ArrowColumn,
  name: string,
  rows: number,
  given: readonly string[] | null,
  fill: boolean,
  handleUnknown: HandleUnknown,
): Encoded {
  // Each row as an index into `seen` (the column's distinct values in order of appearance), −1 for a null.
  const seen: string[] = [];
  const ids = new Map<string, number>();
  const local = new Int32Array(rows);
  const idOf = (value: unknown, row: number): number => {
    if (typeof value !== 'string') {
      throw new TypeError(`${where}: column '${name}' holds ${describeKind(value)} at row ${row}; a one-hot column must hold strings`);
    }
    let id = ids.get(value);
    if (id === undefined) {
      id = seen.length;
      seen.push(value);
      ids.set(value, id);
    }
    return id;
  };
  let nulls = 0;
  let row = 0;
  for (const chunk of column.data) {
    const n = chunk.length;
    const dictionary = chunk.dictionary;
    if (dictionary !== undefined && dictionary !== null) {
      const indices = chunk.values;
      const entry = valueReader(dictionary);
      if (indices === null || indices === undefined || indices.length < n || entry === null) {
        throw new TypeError(`${where}: column '${name}' has a dictionary chunk without its indices or entries`);
      }
      // The id of each dictionary entry, looked up the first time a row uses it (−2 before).
      const entryIds = new Int32Array(dictionary.length).fill(-2);
      for (let k = 0; k < n; k++) {
        if (chunk.nullCount > 0 && !isValid(chunk, k)) {
          local[row + k] = -1;
          nulls++;
          continue;
        }
        const index = Number(indices[k]);
        let id = entryIds[index];
        if (id === undefined) throw new RangeError(`${where}: column '${name}' has the dictionary index ${index} at row ${row + k}, beyond its ${dictionary.length} entries`);
        if (id === -2) id = entryIds[index] = idOf(entry(index), row + k);
        local[row + k] = id;
      }
    } else {
      // A plain string column: the library decodes each value.
      const value = valueReader(column);
      if (value === null) throw new TypeError(`${where}: column '${name}' is not an Arrow column (no get or at)`);
      for (let k = 0; k < n; k++) {
        const v = value(row + k);
        if (v === null || v === undefined) {
          local[row + k] = -1;
          nulls++;
        } else local[row + k] = idOf(v, row + k);
      }
    }
    row += n;
  }
  if (nulls > 0 && !fill) {
    const at = local.indexOf(-1);
    throw new RangeError(`${where}: column '${name}' is null at row ${at}; a one-hot column needs a category in every row (fill or drop the nulls first, or pass impute: 'mean', which writes the column's most frequent category)`);
  }
  if (seen.length === 0) throw new RangeError(`${where}: column '${name}' holds only nulls; it has no category`);
  const categories = given ?? [...seen].sort(compareLabels);
  const position = new Map(categories.map((c, k) => [c, k]));
  // The category number of each id in `seen` (−1: unknown).
  const code = Int32Array.from(seen, (value) => position.get(value) ?? -1);
  if (handleUnknown === 'error' && given !== null) {
    const unknown = code.indexOf(-1);
    if (unknown >= 0) {
      throw new RangeError(
        `${where}: column '${name}' holds '${seen[unknown]}' at row ${local.indexOf(unknown)}, not among its ${categories.length} categories (${listCategories(categories)}); pass handleUnknown: 'ignore' to write all its indicators 0`,
      );
    }
  }
  let nullCode = -1;
  if (nulls > 0) {
    const counts = new Int32Array(seen.length);
    for (let i = 0; i < rows; i++) if ((local[i] as number) >= 0) counts[local[i] as number]!++;
    let best = -1;
    for (let id = 0; id < seen.length; id++) {
      if (best < 0 || (counts[id] as number) > (counts[best] as number) || ((counts[id] as number) === (counts[best] as number) && compareLabels(seen[id] as string, seen[best] as string) < 0)) best = id;
    }
    nullCode = code[best] as number;
  }
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const id = local[i] as number;
    codes[i] = id < 0 ? nullCode : (code[id] as number);
  }
  return { codes, categories };
}

/** The categories as a message lists them: all of a few, else the first ones and a count. */
function listCategories(categories: readonly string[]): string {
  const shown = categories.slice(0, 10).map((c) => `'${c}'`).join(', ');
  return categories.length > 10 ? `${shown}, … ${categories.length - 10} more` : shown;
}

/** The name of each indicator column of a one-hot column: `column=category` (the CLI's names). */
export function oneHotNames(name: string, categories: readonly string[]): string[] {
  return categories.map((c) => `${name}=${c}`);
}
