/**
 * Reading the SVG that viz/ writes, for the tests: a strict parse (@xmldom/xmldom, stopping
 * on every error and warning, so a test that parses also checks well-formedness) and a few
 * queries. xmldom's one leniency: a bare `&` followed by a space reads as text, so the
 * escaping of `&` itself is pinned by escapeXml's exact-output tests (svg.test.ts).
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { expect } from 'vitest';

export type { Element };

/** Parses `xml` as SVG; throws on anything not well-formed. Returns the root element. */
export function parseSvg(xml: string): Element {
  const doc = new DOMParser({
    onError(level, message) {
      // U+FFFD is what escapeXml writes for characters XML cannot hold: expected, not an encoding fault.
      if (level === 'warning' && message.startsWith('Unicode replacement character')) return;
      throw new Error(`${level}: ${message}`);
    },
  }).parseFromString(xml, 'image/svg+xml');
  const root = doc.documentElement;
  if (root === null) throw new Error('no root element');
  return root;
}

/** `el` and every element below it, in document order, that satisfy `pred`. */
export function all(el: Element, pred: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const visit = (e: Element): void => {
    if (pred(e)) out.push(e);
    for (const c of childElements(e)) visit(c);
  };
  visit(el);
  return out;
}

/** The element children of `el`. */
export function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (let i = 0; i < el.childNodes.length; i++) {
    const node = el.childNodes[i];
    if (node?.nodeType === 1) out.push(node as Element);
  }
  return out;
}

/** The element children of `el` named `name`. */
export function children(el: Element, name: string): Element[] {
  return childElements(el).filter((c) => c.localName === name);
}

/** Every element below `root` (or itself) named `name`. */
export function named(root: Element, name: string): Element[] {
  return all(root, (e) => e.localName === name);
}

/** True when `cls` is one of `e`'s classes. */
export function hasClass(e: Element, cls: string): boolean {
  return (e.getAttribute('class') ?? '').split(/\s+/).includes(cls);
}

/** Every element below `root` (or itself) of class `cls`. */
export function byClass(root: Element, cls: string): Element[] {
  return all(root, (e) => hasClass(e, cls));
}

/** The one element of class `cls`; fails the test when there is none or more than one. */
export function only(root: Element, cls: string): Element {
  const found = byClass(root, cls);
  expect(found, `elements of class ${cls}`).toHaveLength(1);
  return found[0] as Element;
}

/** Attribute `name` of `e` as a number; fails the test when it is missing. */
export function attr(e: Element, name: string): number {
  const v = e.getAttribute(name);
  expect(v, `attribute ${name} of <${e.localName}>`).not.toBeNull();
  return Number(v);
}

/** The text content of `e`. */
export function text(e: Element | undefined): string {
  return e?.textContent ?? '';
}
