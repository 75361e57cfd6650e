/**
 * A small writer of SVG markup as strings, for the charts written to files (`npm start`'s
 * predictions.svg, the benchmark chart). Every attribute value and text passes through
 * {@link escapeXml}, and every number through {@link num}, so callers never build markup
 * by hand and the output is deterministic.
 * @module
 */
import { escapeXml } from './escape.js';

/** Attribute values; `undefined` leaves the attribute out. */
export type Attrs = Record<string, string | number | undefined>;

/**
 * A coordinate or size as written: rounded to 0.01 (a hundredth of a pixel is below
 * what any renderer shows), no trailing zeros, never `-0`.
 *
 * @param v - A finite number.
 * @returns Its shortest decimal form after rounding.
 * @example
 * num(12.3456); // '12.35'
 */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? '0' : String(r);
}

function attributes(attrs: Attrs): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out += ` ${name}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return out;
}

/**
 * One element with text content, or empty (`<name …/>`) when `text` is omitted.
 *
 * @param name - The element name, e.g. `'circle'` (written as given: callers pass literals).
 * @param attrs - Its attributes, in the order written.
 * @param text - Its text content, escaped.
 * @returns The element's markup.
 * @example
 * tag('text', { x: 1.234, y: 2 }, 'a & b'); // '<text x="1.23" y="2">a &amp; b</text>'
 */
export function tag(name: string, attrs: Attrs, text?: string): string {
  return text === undefined ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;
}

/**
 * One element around already-written children (from {@link tag} or `group` itself).
 *
 * @param name - The element name, e.g. `'g'`.
 * @param attrs - Its attributes, in the order written.
 * @param children - Child markup; joined with `separator`.
 * @param separator - `'\n'` (default) puts each child on its own line; `''` keeps a small group on one line.
 * @returns The element's markup.
 * @example
 * group('g', { class: 'tick' }, [tag('line', { x1: 0 })], ''); // '<g class="tick"><line x1="0"/></g>'
 */
export function group(name: string, attrs: Attrs, children: readonly string[], separator = '\n'): string {
  return `<${name}${attributes(attrs)}>${separator}${children.join(separator)}${separator}</${name}>`;
}
