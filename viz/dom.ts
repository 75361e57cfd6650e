/**
 * Creating SVG elements in a page, for the charts the demo draws live. Text goes in
 * through `textContent` and values through `setAttribute`, never as markup, so user
 * text (column names from a CSV) cannot inject elements.
 * @module
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Attribute values, written with `String(value)`. */
export type DomAttrs = Record<string, string | number>;

/**
 * A new SVG element with the given attributes and, optionally, text.
 *
 * @param name - The SVG tag name, e.g. `'circle'`.
 * @param attrs - Attributes to set.
 * @param text - Text content.
 * @returns The element, not yet attached.
 * @example
 * svg.append(svgElement('text', { x: 10, y: 20 }, columnName));
 */
export function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attrs: DomAttrs = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Empties `svg` and sizes it to `width × height` real pixels, with a matching viewBox
 * (the charts lay out in pixels and are redrawn on resize rather than scaled).
 *
 * @param svg - The chart's `<svg>` element.
 * @param size - The size in CSS pixels.
 * @example
 * resetSvg(svg, { width: 600, height: 400 });
 */
export function resetSvg(svg: SVGSVGElement, size: { width: number; height: number }): void {
  svg.replaceChildren();
  svg.setAttribute('width', String(size.width));
  svg.setAttribute('height', String(size.height));
  svg.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
}
