import { describe, expect, it } from 'vitest';
import { parseSvg } from './parse-svg.js';

// The renderer tests take "parses" to mean "well-formed": that holds only if the parser refuses what is not.
describe('parseSvg(xml) (the tests’ SVG reader)', () => {
  it.each([
    ['a mismatched closing tag', '<svg><g></svg>'],
    ['an unknown entity', '<svg><text>a &nbsp; b</text></svg>'],
    ['a raw < in an attribute', '<svg><text x="<">a</text></svg>'],
    ['a repeated attribute', '<svg a="1" a="2"/>'],
    ['two root elements', '<svg/><svg/>'],
    ['an unclosed element', '<svg><g>'],
  ])('refuses %s', (_what, xml) => {
    expect(() => parseSvg(xml)).toThrow();
  });

  it('reads entities and attributes back', () => {
    const root = parseSvg('<svg xmlns="http://www.w3.org/2000/svg" a="&quot;&apos;"><text>&lt;b&gt; &amp;</text></svg>');
    expect(root.getAttribute('a')).toBe(`"'`);
    expect(root.textContent).toBe('<b> &');
  });
});
