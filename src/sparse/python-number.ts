/**
 * Python's `float()` and `int()` on ASCII bytes, the two readers scikit-learn's
 * `load_svmlight_file` applies to every token: the same grammar (underscores between
 * digits, `inf`/`infinity`/`nan` in any case, no hexadecimal) and the same rounding (a
 * decimal string to the nearest double, which `Number` also does once the underscores are
 * gone).
 * @module
 */

// Python's float grammar: digits may be separated by single underscores; a fraction needs
// a digit before or after the point; the exponent needs digits.
const FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;
const INT = /^[+-]?\d(?:_?\d)*$/;

/** `float(token)`, or null where Python raises ValueError. */
export function pythonFloat(token: string): number | null {
  if (!FLOAT.test(token)) return null;
  const body = token.replace(/_/g, '').toLowerCase();
  const unsigned = body.replace(/^[+-]/, '');
  const sign = body.startsWith('-') ? -1 : 1;
  if (unsigned === 'nan') return NaN;
  if (unsigned === 'inf' || unsigned === 'infinity') return sign * Infinity;
  return Number(body);
}

/**
 * `int(token)` as an exact integer, or null where Python raises ValueError. A BigInt, so
 * a value past 2^53 is compared with a bound exactly rather than after rounding.
 */
export function pythonInt(token: string): bigint | null {
  return INT.test(token) ? BigInt(token.replace(/_/g, '')) : null;
}
