/**
 * The form's fields and how the page reads a number from one: every module that reads the
 * form goes through `field` and `readNumber`, and refuses a value with a {@link FieldError}
 * that names the field as its label says it.
 * @module
 */

/** The element with `id`; the page's markup is fixed, so a missing one is a bug. */
export const $ = <T extends HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`#${id} is missing`);
  return node as T;
};

export const form = $<HTMLFormElement>('controls');

/** The form control named `name`. */
export const field = (name: string): HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement =>
  form.elements.namedItem(name) as HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement;

/** The checked value of the radio group `name`. */
export const radioValue = (name: string): string => (form.elements.namedItem(name) as RadioNodeList).value;

/** A form value the page refuses: `field` is focused, `alsoInvalid` are marked with it. */
export class FieldError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly alsoInvalid: readonly string[] = [],
  ) {
    super(message);
  }
}

/** The words of the label around the field `name`, as the user reads them. */
export function labelOf(name: string): string {
  const input = field(name);
  const label = input.closest('label');
  return (label?.childNodes[0]?.textContent ?? name).trim();
}

/** The number in the field `name`, checked against `rule`; a {@link FieldError} in the label's words otherwise. */
export function readNumber(name: string, rule: { min?: number; max?: number; integer?: boolean; above?: number }): number {
  const input = field(name);
  const label = labelOf(name);
  const raw = input.value.trim();
  if (raw === '' || input.validity?.badInput) throw new FieldError(`${label}: enter a number.`, name);
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new FieldError(`${label}: ${raw} is not a finite number.`, name);
  if (rule.integer === true && !Number.isInteger(value)) throw new FieldError(`${label}: ${raw} is not a whole number.`, name);
  if (rule.above !== undefined && !(value > rule.above)) throw new FieldError(`${label} must be greater than ${rule.above}; got ${raw}.`, name);
  if (rule.min !== undefined && value < rule.min) throw new FieldError(`${label} must be at least ${rule.min}; got ${raw}.`, name);
  if (rule.max !== undefined && value > rule.max) throw new FieldError(`${label} must be at most ${rule.max.toLocaleString('en')}; got ${raw}.`, name);
  return value;
}

/** The text of the option `value` of the select `name`, as the form shows it. */
export function optionText(name: string, value: string): string {
  const option = [...(field(name) as HTMLSelectElement).options].find((o) => o.value === value);
  return (option?.textContent ?? value).trim();
}

/** "a, b or c" */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) as string}`;
}

/** `n` in superscript digits: 2⁴. */
export function superscript(n: number): string {
  return String(n).replace(/\d/g, (digit) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(digit)] as string);
}
