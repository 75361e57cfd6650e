/**
 * Escaping text for SVG (XML 1.0) written as a string.
 * @module
 */

/** Characters XML 1.0 cannot hold at all: C0 controls other than tab/LF/CR, U+FFFE, U+FFFF and unpaired surrogates. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Escapes `text` for XML character data and for attribute values in either quote style;
 * characters XML 1.0 cannot represent become U+FFFD, so any string yields a well-formed
 * document and reads back (through a parser) as itself wherever it was representable.
 *
 * @param text - Any string, e.g. a user-chosen title.
 * @returns The escaped text.
 * @example
 * escapeXml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITY[ch] as string).replace(NOT_XML, '\uFFFD');
}
