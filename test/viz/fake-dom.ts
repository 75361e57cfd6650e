/**
 * Just enough of a DOM for the renderers that draw into a live `<svg>` (viz/dom.ts's
 * `svgElement` and `resetSvg`): elements with attributes, text and children, made by a
 * `document.createElementNS` installed on `globalThis` for the test. No layout.
 */

/** An element of the fake DOM. */
export class FakeElement {
  readonly attributes = new Map<string, string>();
  children: FakeElement[] = [];
  private text = '';
  constructor(readonly localName: string) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    this.children = [];
    this.text = value;
  }
  append(...nodes: FakeElement[]): void {
    this.children.push(...nodes);
  }
  replaceChildren(...nodes: FakeElement[]): void {
    this.text = '';
    this.children = [...nodes];
  }
  /** This element and every one below it, in document order. */
  all(): FakeElement[] {
    return [this, ...this.children.flatMap((c) => c.all())];
  }
  /** Every element below (or this one) whose class list holds `cls`. */
  byClass(cls: string): FakeElement[] {
    return this.all().filter((e) => (e.getAttribute('class') ?? '').split(/\s+/).includes(cls));
  }
}

/** Installs the fake `document` (once) and returns a fresh `<svg>` to draw into. */
export function fakeSvg(): SVGSVGElement & FakeElement {
  const g = globalThis as { document?: unknown };
  g.document ??= { createElementNS: (_ns: string, name: string) => new FakeElement(name) };
  return new FakeElement('svg') as unknown as SVGSVGElement & FakeElement;
}
