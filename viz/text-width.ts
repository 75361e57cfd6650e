/**
 * Layout needs the width of a label before any renderer has measured it (a string SVG
 * has no renderer at all), so charts estimate it from the character count.
 * @module
 */

/**
 * The estimated rendered width of `text`, in pixels (not rounded: callers that lay out
 * on whole pixels round it themselves).
 *
 * @param text - The label.
 * @param fontSize - Font size in pixels.
 * @param emWidth - Average glyph width in ems; the default 0.56 suits the sans-serif UI fonts the charts ask for.
 * @returns `text.length × fontSize × emWidth`.
 * @example
 * textWidth('-0.5', 10); // 22.4
 */
export function textWidth(text: string, fontSize: number, emWidth = 0.56): number {
  return text.length * fontSize * emWidth;
}
