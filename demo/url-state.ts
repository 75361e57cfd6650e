/**
 * The form's settings in the page's URL, so a link reproduces a run: every named control
 * but the data the user pasted or loaded (which stays on their machine) is written as a
 * query parameter when a run starts, and read back when the page opens. A link is
 * versioned (`v=1`) so that links written before a change of names can be told apart.
 *
 * A query comes from anyone who can send a link, so reading one never throws and only
 * ever sets a control's `value` or `checked`: a parameter that names no control is
 * ignored (`__proto__`, `constructor`, …), a select or radio group takes only a value it
 * offers, and a number field is given the text as it is, for Train to refuse as it
 * refuses typing (e.g. `1e999` is not a finite number).
 * @module
 */
import { form } from './form.js';

/** The version of the parameter names {@link settingsQuery} writes. */
export const SETTINGS_VERSION = 1;

/** Controls whose values never go into a URL: the user's own data. */
const PRIVATE = new Set(['csvText', 'csvFile', 'textData']);

/**
 * Longest value taken from a query: far more than any setting needs (a number, an
 * option's value), and short enough that a hostile link cannot fill a field with megabytes.
 */
const MAX_VALUE_LENGTH = 100;

/** What {@link applySettingsQuery} did with a query. */
export interface AppliedSettings {
  /** The query's `v`: `null` for a link from before versions (same names as version 1), `NaN` when not a number. */
  version: number | null;
  /** Names of the controls set, in the form's order. */
  applied: string[];
  /** Names of the form's controls the query named but that were left as they were (a value not offered, too long, or given twice differently). */
  ignored: string[];
}

function controls(): (HTMLInputElement | HTMLSelectElement)[] {
  return [...form.elements].filter(
    (node): node is HTMLInputElement | HTMLSelectElement =>
      (node instanceof HTMLInputElement || node instanceof HTMLSelectElement) && node.name !== '' && !PRIVATE.has(node.name) && node.type !== 'file',
  );
}

/**
 * The form's settings now, as a query string without the `?`: `v` first, then one
 * parameter per control (a radio group's checked value; a checkbox as `1` or `0`).
 *
 * @returns E.g. `'v=1&source=generate&nSamples=1000&…&threads=1'`.
 * @example
 * history.replaceState(null, '', `?${settingsQuery()}`);
 */
export function settingsQuery(): string {
  const query = new URLSearchParams();
  query.set('v', String(SETTINGS_VERSION));
  for (const node of controls()) {
    if (node instanceof HTMLInputElement && node.type === 'radio') {
      if (node.checked) query.set(node.name, node.value);
    } else if (node instanceof HTMLInputElement && node.type === 'checkbox') {
      query.set(node.name, node.checked ? '1' : '0');
    } else {
      query.set(node.name, node.value);
    }
  }
  return query.toString();
}

/**
 * Puts the settings of `query` into the form. Never throws and never sets anything but a
 * control's `value` or `checked`. A parameter that names no control is ignored; one the
 * form has is left alone (and listed in `ignored`) when its value is longer than 100
 * characters, is given twice with different values, or is not among a select's or radio
 * group's options. A number field takes any other text, and Train refuses it as typed.
 *
 * @param query - A query string, with or without its leading `?`.
 * @returns What was applied and what was not; see {@link AppliedSettings}.
 * @example
 * applySettingsQuery(location.search); // { version: 1, applied: ['source', 'nSamples', …], ignored: [] }
 */
export function applySettingsQuery(query: string): AppliedSettings {
  // URLSearchParams never throws: a broken %-escape reads as U+FFFD.
  const params = new URLSearchParams(typeof query === 'string' ? query : '');
  const v = params.get('v');
  const result: AppliedSettings = { version: v === null ? null : /^\d{1,6}$/.test(v) ? Number(v) : NaN, applied: [], ignored: [] };
  const seen = new Set<string>();
  for (const node of controls()) {
    const { name } = node;
    // Radio buttons share a name: judge the group once.
    if (seen.has(name)) continue;
    seen.add(name);
    const values = params.getAll(name);
    if (values.length === 0) continue;
    const value = values[0] as string;
    if (value.length > MAX_VALUE_LENGTH || values.some((other) => other !== value) || !set(name, value)) result.ignored.push(name);
    else result.applied.push(name);
  }
  return result;
}

/** Sets the control (or radio group) `name` to `value`; false when it does not offer that value. */
function set(name: string, value: string): boolean {
  const group = controls().filter((node) => node.name === name);
  const first = group[0];
  if (first instanceof HTMLInputElement && first.type === 'radio') {
    const match = group.find((node) => node.value === value) as HTMLInputElement | undefined;
    if (match === undefined) return false;
    match.checked = true;
    return true;
  }
  if (first instanceof HTMLInputElement && first.type === 'checkbox') {
    if (value !== '0' && value !== '1') return false;
    first.checked = value === '1';
    return true;
  }
  if (first instanceof HTMLSelectElement) {
    if (![...first.options].some((o) => o.value === value)) return false;
    first.value = value;
    return true;
  }
  if (first === undefined) return false;
  first.value = value;
  return true;
}
