/**
 * The demo page's accessibility: axe-core finds no violation in any state a user reaches
 * (ready, trained with every results part showing, a refused field, a text run), at both
 * viewports; every chart has a text alternative; the focus ring stands out (≥ 3:1) from
 * what is around it. Screenshots go to test-results/browser/.
 */
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, CHROMIUM_NOTICE } from './chromium.js';
import { axeViolations, DESKTOP, PHONE, SHOTS, trainAndWait, useDemo } from './demo-page.js';

if (!chromiumAvailable()) throw new Error(CHROMIUM_NOTICE);

const demo = useDemo();

/** WCAG relative luminance of an `rgb(…)`/`rgba(…)` colour. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

for (const [name, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe(`the demo page on a ${name} (${viewport.width}×${viewport.height})`, () => {
    it('has no axe-core violations when it opens', async () => {
      const page = await demo.open(viewport);
      expect(await axeViolations(page)).toEqual([]);
      expect(page.errors).toEqual([]);
    });

    it('has no axe-core violations after the reference experiment, with every results part showing', async () => {
      const page = await demo.open(viewport);
      expect(await trainAndWait(page)).toBe('done');
      await page.screenshot({ path: `${SHOTS}a11y-trained-${name}.png`, fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      expect(page.errors).toEqual([]);
    });

    it('has no axe-core violations with a field refused', async () => {
      const page = await demo.open(viewport);
      await page.fill('input[name=nSamples]', '-5');
      expect(await trainAndWait(page)).toBe('error');
      expect(await axeViolations(page)).toEqual([]);
    });

    it('has no axe-core violations after a text run', async () => {
      const page = await demo.open(viewport);
      await page.check('input[name=source][value=text]');
      await page.click('#load-sample');
      await page.waitForFunction(() => (document.querySelector('textarea[name=textData]') as HTMLTextAreaElement).value.length > 0);
      expect(await trainAndWait(page)).toBe('done');
      expect(await axeViolations(page)).toEqual([]);
      expect(page.errors).toEqual([]);
    });
  });
}

describe('the charts', () => {
  it('each have an accessible name and, once a run is shown, a summary and a data table', async () => {
    const page = await demo.open();
    expect(await trainAndWait(page)).toBe('done');
    const charts = await page.$$eval('#results svg', (svgs) =>
      svgs
        // Charts: shown, and not a decorative icon hidden from assistive technology (a legend's shape).
        .filter((svg) => (svg as SVGSVGElement).getBoundingClientRect().width > 0 && svg.closest('[aria-hidden="true"]') === null)
        .map((svg) => {
          const labelledBy = svg.getAttribute('aria-labelledby');
          const name = svg.getAttribute('aria-label') ?? (labelledBy === null ? '' : (document.getElementById(labelledBy)?.textContent ?? ''));
          const figure = svg.closest('figure, section');
          return {
            id: svg.id,
            role: svg.getAttribute('role'),
            name: name.trim(),
            table: figure?.querySelector('details.chart-data table') !== null && figure?.querySelector('details.chart-data table') !== undefined,
            summary: (figure?.querySelector('.chart-summary')?.textContent ?? '').trim(),
          };
        }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const chart of charts) {
      expect(chart.role, chart.id).toBe('img');
      expect(chart.name.length, chart.id).toBeGreaterThan(0);
      expect(chart.table, chart.id).toBe(true);
      expect(chart.summary.length, chart.id).toBeGreaterThan(0);
    }
  });
});

describe('the focus ring', () => {
  it('contrasts at least 3:1 with the page and the panel around the focused control', async () => {
    const page = await demo.open();
    const rings: { control: string; ring: string; around: string }[] = [];
    for (const selector of ['#train', 'input[name=nSamples]', 'select[name=solver]']) {
      await page.focus(selector);
      // Keyboard focus (:focus-visible): press a key that moves nothing.
      await page.keyboard.press('Shift');
      rings.push(
        await page.$eval(selector, (node) => {
          const style = getComputedStyle(node);
          let around = 'rgb(255, 255, 255)';
          for (let up = node.parentElement; up !== null; up = up.parentElement) {
            const bg = getComputedStyle(up).backgroundColor;
            if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') {
              around = bg;
              break;
            }
          }
          return { control: node.tagName, ring: style.outlineStyle === 'none' ? '' : style.outlineColor, around };
        }),
      );
    }
    for (const { control, ring, around } of rings) {
      expect(ring, control).not.toBe('');
      expect(contrast(ring, around), `${control}: ${ring} on ${around}`).toBeGreaterThanOrEqual(3);
      expect(contrast(ring, 'rgb(255, 255, 255)'), `${control}: ${ring} on white`).toBeGreaterThanOrEqual(3);
    }
  });
});
