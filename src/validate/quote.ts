/**
 * User text in messages: quoted, with control characters escaped and long text cut short,
 * so a value from a hostile or broken file can neither drive the terminal nor flood it.
 * Used by the library's readers of text formats and by the CLI.
 * @module
 */

/** The most characters of one piece of user data a message quotes. */
export const QUOTE_MAX = 60;

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI on some terminals), the line and
// paragraph separators, and the bidirectional overrides and isolates that can make text
// display in another order than it is stored.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Replaces control characters by escapes (`\n`, `\t`, `\x1b`, `\u202e`), so text prints as inert characters. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const named = NAMED[ch];
    if (named !== undefined) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * User text quoted for a message, control characters escaped: `'mean radius'`. Text
 * longer than `max` characters is cut (between code points), saying how long it was:
 * `'aaaa…' (52428800 characters)`; only the part shown is copied, so a 50 MB cell costs
 * nothing.
 */
export function quoted(text: string, max: number = QUOTE_MAX, quote = "'"): string {
  if (text.length <= max) return `${quote}${escapeControl(text)}${quote}`;
  return `${quote}${escapeControl(head(text, max))}…${quote} (${text.length} characters)`;
}

/** The first `max` UTF-16 units of text, one fewer rather than half a surrogate pair. */
export function head(text: string, max: number): string {
  return text.slice(0, /[\ud800-\udbff]/.test(text[max - 1] as string) ? max - 1 : max);
}
