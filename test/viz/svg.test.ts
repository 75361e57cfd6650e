import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../viz/escape.js';
import { group, num, tag } from '../../viz/svg.js';
import { parseSvg } from './parse-svg.js';

describe('escapeXml(text)', () => {
  it('escapes the five XML special characters', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;');
  });

  it('replaces characters XML 1.0 cannot hold with U+FFFD and keeps tab, newline, CR and surrogate pairs', () => {
    expect(escapeXml('a\u0000b\u0008c\u001Fd\uFFFEe\uFFFF')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFD');
    expect(escapeXml('\uD800x\uDC00')).toBe('\uFFFDx\uFFFD');
    expect(escapeXml('\t\n\r😀µ×')).toBe('\t\n\r😀µ×');
  });

  it('gives text that reads back as itself in an attribute and as character data', () => {
    const nasty = `"quoted" & 'single' <tag> ]]>`;
    const root = parseSvg(`<svg a="${escapeXml(nasty)}" b='${escapeXml(nasty)}'>${escapeXml(nasty)}</svg>`);
    expect(root.getAttribute('a')).toBe(nasty);
    expect(root.getAttribute('b')).toBe(nasty);
    expect(root.textContent).toBe(nasty);
  });
});

describe('num(v)', () => {
  it.each([
    [12.3456, '12.35'],
    [-0.004, '0'],
    [-0, '0'],
    [100, '100'],
    [0.1 + 0.2, '0.3'],
    [-7.5, '-7.5'],
  ])('writes %d as %s', (v, expected) => {
    expect(num(v)).toBe(expected);
  });
});

describe('tag(name, attrs, text)', () => {
  it('writes an empty element when text is omitted, leaving out undefined attributes', () => {
    expect(tag('circle', { cx: 1.005, cy: 2, r: undefined, fill: '#fff' })).toBe('<circle cx="1" cy="2" fill="#fff"/>');
  });

  it('writes numbers through num and escapes string attributes and text', () => {
    expect(tag('text', { x: 1.234, 'font-family': "'A' & B" }, '<b>')).toBe(`<text x="1.23" font-family="&apos;A&apos; &amp; B">&lt;b&gt;</text>`);
  });
});

describe('group(name, attrs, children, separator)', () => {
  it('puts each child on its own line by default', () => {
    expect(group('g', { class: 'a' }, ['<x/>', '<y/>'])).toBe('<g class="a">\n<x/>\n<y/>\n</g>');
  });

  it('keeps the children on one line with separator ""', () => {
    expect(group('g', {}, ['<x/>', '<y/>'], '')).toBe('<g><x/><y/></g>');
  });
});
