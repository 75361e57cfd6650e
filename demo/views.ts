/**
 * The scatter figure: the test points of a numeric run and what the model says about
 * them (shading, boundary, caption, legend). Text runs have no such picture.
 * @module
 */
import { type LogisticRegression, Matrix } from 'logreg-wasm';
import { clipLine, type Point } from '../viz/clip.js';
import { classFill, classStroke } from '../viz/colors.js';
import { type Domain, paddedDomain } from '../viz/domain.js';
import { renderScatter } from '../viz/scatter-chart.js';
import type { PreparedData } from './data.js';
import { $ } from './form.js';
import type { FinishedRun } from './run.js';

const MAX_DRAWN_POINTS = 2000;
const scatterSvg = document.getElementById('scatter') as unknown as SVGSVGElement;
const SCATTER_CAPTION = $('scatter-caption').textContent ?? '';

/** Width of `box`, and a height `ratio` of it within [180, maxHeight]. */
export function chartSize(box: HTMLElement, ratio: number, maxHeight: number): { width: number; height: number } {
  const width = Math.max(240, Math.floor(box.clientWidth));
  return { width, height: Math.max(180, Math.min(maxHeight, Math.round(width * ratio))) };
}

/** Draws the scatter figure of `run` (hidden for text), or its empty frame when `run` is null. */
export function drawView(run: FinishedRun | null): void {
  const figure = $('scatter-figure');
  figure.hidden = run?.data.kind === 'text';
  if (figure.hidden) return;
  const box = $('scatter-box');
  const desktop = window.innerWidth > 860;
  const size = chartSize(box, 0.82, desktop ? Math.max(320, window.innerHeight - 260) : 440);
  if (run === null) {
    renderScatter(scatterSvg, {
      ...size,
      xName: 'Feature 1',
      yName: 'Feature 2',
      xDomain: { min: -1, max: 1 },
      yDomain: { min: -1, max: 1 },
      px: new Float64Array(0),
      py: new Float64Array(0),
      cls: new Int32Array(0),
      wrong: new Uint8Array(0),
      shading: null,
      boundary: null,
    });
    $('scatter-caption').textContent = SCATTER_CAPTION;
    $('legend').replaceChildren();
    return;
  }
  const { model } = run;
  const data = run.data as PreparedData;
  const d = data.cols;
  const n = data.nTest;
  const classes = model.classes as (number | string)[];
  const classIndex = new Map(classes.map((c, k) => [c, k]));
  const XTest = Matrix.from(data.XTest, n, d);
  const predicted = model.predict(XTest);
  const stride = Math.max(1, Math.ceil(n / MAX_DRAWN_POINTS));
  const m = Math.ceil(n / stride);
  const px = new Float64Array(m);
  const py = new Float64Array(m);
  const cls = new Int32Array(m);
  const wrong = new Uint8Array(m);
  for (let t = 0, i = 0; i < n; i += stride, t++) {
    px[t] = data.XTest[i * d] as number;
    py[t] = d > 1 ? (data.XTest[i * d + 1] as number) : jitter(i);
    cls[t] = classIndex.get(data.yTest[i] as number | string) ?? 0;
    wrong[t] = predicted[i] === data.yTest[i] ? 0 : 1;
  }
  const xDomain = paddedDomain(px);
  const yDomain = d > 1 ? paddedDomain(py) : { min: -0.05, max: 1.05 };
  // Other features are held at their training means for the shading and the boundary.
  const means = new Float64Array(d);
  for (let i = 0; i < data.nTrain; i++) for (let j = 0; j < d; j++) means[j]! += data.XTrain[i * d + j] as number;
  for (let j = 0; j < d; j++) means[j]! /= data.nTrain;
  const shading = shade(model, xDomain, yDomain, means, classes.length);
  let boundary: [Point, Point] | null = null;
  if (classes.length === 2) {
    const w = model.coef.data;
    let c = model.intercept[0] as number;
    for (let j = 2; j < d; j++) c += (w[j] as number) * (means[j] as number);
    boundary = clipLine(w[0] as number, d > 1 ? (w[1] as number) : 0, c, xDomain, yDomain);
  }
  renderScatter(scatterSvg, {
    ...size,
    xName: data.featureNames[0] ?? 'Feature 1',
    yName: d > 1 ? (data.featureNames[1] ?? 'Feature 2') : '(spread for visibility)',
    xDomain,
    yDomain,
    px,
    py,
    cls,
    wrong,
    shading,
    boundary,
  });
  const caption = [
    `Test points by true class${stride > 1 ? ` (every ${stride}th of ${n.toLocaleString('en')})` : ''}; rings mark misclassified points.`,
    classes.length === 2
      ? boundary !== null
        ? 'Shading: P(class) from the model; dashed line: decision boundary (P = 0.5).'
        : 'Shading: P(class) from the model; the decision boundary (P = 0.5) lies outside this view.'
      : 'Shading: the predicted class, stronger where the model is surer.',
    d > 2 ? `Other ${d - 2} features held at their training means.` : '',
  ];
  $('scatter-caption').textContent = caption.filter(Boolean).join(' ');
  $('legend').replaceChildren(
    ...classes.map((label, k) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = classFill(k);
      swatch.style.borderColor = classStroke(k);
      item.append(swatch, document.createTextNode(`${data.targetName} = ${String(label)}`));
      return item;
    }),
  );
}

function jitter(i: number): number {
  const s = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return s - Math.floor(s);
}

/** A small image of the predicted probabilities over the plot's domain, as a data: URL. */
function shade(fitted: LogisticRegression, xd: Domain, yd: Domain, means: Float64Array, K: number): string | null {
  const W = 120;
  const H = 90;
  const d = means.length;
  const grid = new Float64Array(W * H * d);
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      const o = (r * W + c) * d;
      grid.set(means, o);
      grid[o] = xd.min + ((c + 0.5) / W) * (xd.max - xd.min);
      if (d > 1) grid[o + 1] = yd.max - ((r + 0.5) / H) * (yd.max - yd.min);
    }
  }
  const proba = fitted.predictProba(Matrix.from(grid, W * H, d));
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return null;
  const image = ctx.createImageData(W, H);
  const rgb = Array.from({ length: K }, (_, k) => hexRgb(classFill(k)));
  for (let i = 0; i < W * H; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (proba.get(i, k) > proba.get(i, best)) best = k;
    const p = proba.get(i, best);
    const strength = Math.max(0, Math.min(1, (p - 1 / K) / (1 - 1 / K)));
    const [r, g, b] = rgb[best] as [number, number, number];
    image.data[4 * i] = Math.round(255 + (r - 255) * strength);
    image.data[4 * i + 1] = Math.round(255 + (g - 255) * strength);
    image.data[4 * i + 2] = Math.round(255 + (b - 255) * strength);
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}

function hexRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
