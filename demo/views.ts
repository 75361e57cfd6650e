/**
 * The scatter figure: the test points of a numeric run and what the model says about
 * them, in views that are true for every point drawn (text runs have no such picture).
 *
 * - Decision value (binary): each point at its own w·x + b, under the model's sigmoid; the
 *   shading along the axis is P(class) at that value, so it is each point's own probability.
 * - Predicted probability (three classes or more): each point in the band of its predicted
 *   class, at its own probability of that class; the band's shading is that class.
 * - PCA: the points on the first two principal components of the standardized training
 *   features, with their own predictions as rings and no shading (none would be true).
 * - Slice: any two features, shaded on the plane through the other features' training
 *   means. Exact with one or two features (the default then); with more, the picture says
 *   so inside itself and crosses out the points the shading contradicts.
 *
 * Every point carries `data-row` (its test row), `data-true`, `data-pred` (class indices in
 * the model's `classes` order), `data-p` (its own probability of the predicted class),
 * `data-x`/`data-y` (its coordinates before any spread for visibility) and, where the view
 * shades, `data-shade` (the class of the shading under it), so tests can check the page.
 * @module
 */
import { type LogisticRegression, Matrix } from 'logreg-wasm';
import { clipLine, type Point } from '../viz/clip.js';
import { classFill, classStroke } from '../viz/colors.js';
import { renderDataTable } from '../viz/data-table.js';
import type { DomAttrs } from '../viz/dom.js';
import { type Domain, paddedDomain } from '../viz/domain.js';
import { principalComponents, projectRows } from '../viz/pca.js';
import { renderScatter, type ScatterInput } from '../viz/scatter-chart.js';
import { shapeName, shapePath } from '../viz/shapes.js';
import type { Tick } from '../viz/ticks.js';
import type { PreparedData } from './data.js';
import { $ } from './form.js';
import type { FinishedRun } from './run.js';

const MAX_DRAWN_POINTS = 2000;
const scatterSvg = document.getElementById('scatter') as unknown as SVGSVGElement;
/** The empty frame's caption: nothing but the frame is drawn. */
const EMPTY_CAPTION = 'Train a model: its test points appear here, each with what the model predicts for it.';

/** The views the picker offers. */
export type ViewKind = 'decision' | 'pca' | 'slice';

/** Width of `box`, and a height `ratio` of it within [180, maxHeight]. */
export function chartSize(box: HTMLElement, ratio: number, maxHeight: number): { width: number; height: number } {
  const width = Math.max(240, Math.floor(box.clientWidth));
  return { width, height: Math.max(180, Math.min(maxHeight, Math.round(width * ratio))) };
}

/** What every view of one run draws from, computed once per run. */
interface Basics {
  id: number;
  data: PreparedData;
  model: LogisticRegression;
  classes: (number | string)[];
  K: number;
  d: number;
  /** Every `stride`th test row is drawn; `m` of them. */
  stride: number;
  m: number;
  /** Test row of each drawn point. */
  rows: Int32Array;
  /** The drawn rows, m×d row-major. */
  X: Float64Array;
  trueCls: Int32Array;
  pred: Int32Array;
  /** Own probability of the predicted class. */
  p: Float64Array;
  /** How far `p` is above chance, 1/K → 0, 1 → 1. */
  strength: Float64Array;
  wrong: Uint8Array;
  nWrong: number;
  means: Float64Array;
  /** Decision values of a model with one coefficient row (binary), else null. */
  z: Float64Array | null;
  pca: { a: Float64Array; b: Float64Array; explained: [number, number]; rows: number } | null;
  /** The model's sigmoid over the decision-value view's axis. */
  curve: { x: Float64Array; y: Float64Array } | null;
  /** Shading images and per-point shading classes, by view and axes. */
  images: Map<string, string | null>;
  shades: Map<string, Int32Array>;
}

let basics: Basics | null = null;
let lastRun: FinishedRun | null = null;
/** The reader's choice; reset to the defaults when the data's features or classes change. */
const choice = { key: '', view: 'slice' as ViewKind, x: 0, y: 1 };
/** The view the text alternative was last written for (rewriting it would close an open table). */
let tableKey = '';

/**
 * Draws the scatter figure of `run` in the chosen view (hidden for text), or its empty frame
 * when `run` is null. Cheap to call again for the same run (e.g. on resize): what depends
 * on the data alone is computed once per `run.id`.
 *
 * @param run - The run to show, or null before the first run.
 * @example
 * drawView(current);
 */
export function drawView(run: FinishedRun | null): void {
  const figure = $('scatter-figure');
  figure.hidden = run?.data.kind === 'text';
  if (figure.hidden) return;
  lastRun = run;
  const controls = ensureControls(figure);
  const box = $('scatter-box');
  const desktop = window.innerWidth > 860;
  const size = chartSize(box, 0.82, desktop ? Math.max(320, window.innerHeight - 260) : 440);
  if (run === null) {
    basics = null;
    controls.hidden = true;
    delete figure.dataset['view'];
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
    $('scatter-caption').textContent = EMPTY_CAPTION;
    $('legend').replaceChildren();
    textBox(figure).replaceChildren();
    tableKey = '';
    return;
  }
  const b = basicsOf(run);
  syncControls(controls, b);
  const drawn = choice.view === 'pca' ? pcaView(b) : choice.view === 'decision' ? (b.z !== null ? decisionView(b, b.z) : probabilityView(b)) : sliceView(b);
  renderScatter(scatterSvg, { ...size, ...drawn.input, pointAttrs: (i) => ({ ...pointAttrs(b, i), ...drawn.attrs(i) }) });
  figure.dataset['view'] = choice.view;
  $('scatter-caption').textContent = drawn.caption;
  drawLegend(b);
  const key = `${b.id}|${choice.view}|${choice.x}|${choice.y}`;
  if (key !== tableKey) {
    tableKey = key;
    renderDataTable(textBox(figure), drawn.table);
  }
}

/** One view, drawn: the chart's input, the caption, the per-point attributes and the text alternative. */
interface Drawn {
  input: Omit<ScatterInput, 'width' | 'height' | 'pointAttrs'>;
  caption: string;
  attrs: (i: number) => DomAttrs;
  table: { summary: string; caption: string; columns: string[]; rows: (string | number)[][] };
}

// ---------------------------------------------------------------- what every view shares

function basicsOf(run: FinishedRun): Basics {
  if (basics !== null && basics.id === run.id) return basics;
  const { model } = run;
  const data = run.data as PreparedData;
  const d = data.cols;
  const n = data.nTest;
  const classes = model.classes as (number | string)[];
  const K = classes.length;
  const classIndex = new Map(classes.map((c, k) => [c, k]));
  const stride = Math.max(1, Math.ceil(n / MAX_DRAWN_POINTS));
  const m = Math.ceil(n / stride);
  const rows = Int32Array.from({ length: m }, (_, t) => t * stride);
  const X = new Float64Array(m * d);
  for (let t = 0; t < m; t++) X.set(data.XTest.subarray((rows[t] as number) * d, (rows[t] as number) * d + d), t * d);
  const Xm = Matrix.from(X, m, d);
  const labels = model.predict(Xm);
  const proba = model.predictProba(Xm);
  const trueCls = new Int32Array(m);
  const pred = new Int32Array(m);
  const p = new Float64Array(m);
  const strength = new Float64Array(m);
  const wrong = new Uint8Array(m);
  let nWrong = 0;
  for (let t = 0; t < m; t++) {
    trueCls[t] = classIndex.get(data.yTest[rows[t] as number] as number | string) ?? 0;
    pred[t] = classIndex.get(labels[t] as number | string) ?? 0;
    p[t] = proba.get(t, pred[t] as number);
    strength[t] = Math.max(0, Math.min(1, ((p[t] as number) - 1 / K) / (1 - 1 / K)));
    wrong[t] = pred[t] === trueCls[t] ? 0 : 1;
    nWrong += wrong[t] as number;
  }
  const means = new Float64Array(d);
  for (let i = 0; i < data.nTrain; i++) for (let j = 0; j < d; j++) means[j]! += data.XTrain[i * d + j] as number;
  for (let j = 0; j < d; j++) means[j]! /= Math.max(1, data.nTrain);
  const z = model.coef.rows === 1 ? model.decisionFunction(Xm).slice() : null;
  basics = { id: run.id, data, model, classes, K, d, stride, m, rows, X, trueCls, pred, p, strength, wrong, nWrong, means, z, pca: null, curve: null, images: new Map(), shades: new Map() };
  return basics;
}

function pointAttrs(b: Basics, i: number): DomAttrs {
  return {
    'data-row': b.rows[i] as number,
    'data-true': b.trueCls[i] as number,
    'data-pred': b.pred[i] as number,
    'data-p': b.p[i] as number,
    'data-wrong': b.wrong[i] as number,
  };
}

const label = (b: Basics, k: number): string => String(b.classes[k]);
const featureName = (b: Basics, j: number): string => b.data.featureNames[j] ?? `Feature ${j + 1}`;
const percent = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** "(every 3rd of 5,000 test points)" when not all are drawn. */
function sampleNote(b: Basics): string {
  return b.stride > 1 ? ` (every ${ordinal(b.stride)} of ${b.data.nTest.toLocaleString('en')} test points)` : '';
}

function ordinal(k: number): string {
  const tail = k % 100 >= 11 && k % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][k % 10] ?? 'th');
  return `${k}${tail}`;
}

function misclassifiedSentence(b: Basics): string {
  return `The model misclassifies ${b.nWrong.toLocaleString('en')} of the ${b.m.toLocaleString('en')} points drawn (accuracy ${percent(1 - b.nWrong / b.m)}).`;
}

/** Deterministic spread in [0, 1) for row `i`, so points with equal coordinates do not hide each other. */
function jitter(i: number): number {
  const s = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return s - Math.floor(s);
}

// ---------------------------------------------------------------- decision value (binary)

/** P(classes[1]) and the predicted class index at each decision value in `zs`, from the model itself. */
function atDecisionValues(b: Basics, zs: Float64Array): { p1: Float64Array; cls: Int32Array } {
  const { d, model } = b;
  const w = model.coef.data;
  const c = model.intercept[0] as number;
  let norm2 = 0;
  for (let j = 0; j < d; j++) norm2 += (w[j] as number) ** 2;
  const p1 = new Float64Array(zs.length);
  const cls = new Int32Array(zs.length);
  if (!(norm2 > 0)) {
    // No weights: every row has the decision value c, and P is the model's at c.
    const at = model.predictProba(Matrix.from(new Float64Array(d), 1, d)).get(0, 1);
    p1.fill(at);
    cls.fill(at > 0.5 ? 1 : 0);
    return { p1, cls };
  }
  // The row (z − c)·w/|w|² has decision value z; the model's probability there is its P at z.
  const rows = new Float64Array(zs.length * d);
  for (let t = 0; t < zs.length; t++) {
    const s = ((zs[t] as number) - c) / norm2;
    for (let j = 0; j < d; j++) rows[t * d + j] = s * (w[j] as number);
  }
  const X = Matrix.from(rows, zs.length, d);
  const proba = model.predictProba(X);
  const labels = model.predict(X);
  const index = new Map(b.classes.map((k, i) => [k, i]));
  for (let t = 0; t < zs.length; t++) {
    p1[t] = proba.get(t, 1);
    cls[t] = index.get(labels[t] as number | string) ?? 0;
  }
  return { p1, cls };
}

function decisionView(b: Basics, z: Float64Array): Drawn {
  const { m } = b;
  const xDomain = paddedDomain(Float64Array.from([...z, 0]));
  const yDomain = { min: -0.16, max: 1.16 };
  if (b.curve === null) {
    const x = Float64Array.from({ length: 241 }, (_, t) => xDomain.min + ((xDomain.max - xDomain.min) * t) / 240);
    b.curve = { x, y: atDecisionValues(b, x).p1 };
  }
  let shades = b.shades.get('decision');
  if (shades === undefined) {
    shades = atDecisionValues(b, z).cls;
    b.shades.set('decision', shades);
  }
  const shade = shades;
  const px = z;
  const py = new Float64Array(m);
  for (let i = 0; i < m; i++) py[i] = ((b.trueCls[i] as number) === 1 ? 1 : 0) + (jitter(b.rows[i] as number) - 0.5) * 0.2;
  let image = b.images.get('decision');
  if (image === undefined) {
    const W = 320;
    const columns = atDecisionValues(b, Float64Array.from({ length: W }, (_, c) => xDomain.min + ((c + 0.5) / W) * (xDomain.max - xDomain.min)));
    image = paint(W, 1, (c) => shadeColour(columns.p1[c] as number, 2));
    b.images.set('decision', image);
  }
  const c1 = label(b, 1);
  const c0 = label(b, 0);
  const target = b.data.targetName;
  const yTicks: Tick[] = [0, 0.25, 0.5, 0.75, 1].map((v) => ({ value: v, label: String(v) }));
  const boundary = clipLine(1, 0, 0, xDomain, yDomain);
  const caption =
    `Each test point${sampleNote(b)} at its own decision value z = w·x + b (horizontal); the shading and the sigmoid curve give P(${target} = ${c1}) at z, which is that point's own predicted probability. ` +
    `Points by true class (colour and shape), ${c1} along the top and ${c0} along the bottom, spread vertically for visibility; black rings mark misclassified points` +
    (boundary !== null ? '; dashed line: z = 0, the decision boundary (P = 0.5).' : '.');
  return {
    input: {
      xName: 'Decision value z = w·x + b',
      yName: `P(${target} = ${c1})`,
      xDomain,
      yDomain,
      px,
      py,
      cls: b.trueCls,
      wrong: b.wrong,
      shading: image,
      boundary,
      curve: b.curve,
      yTicks,
    },
    caption,
    attrs: (i) => ({ 'data-x': z[i] as number, 'data-shade': shade[i] as number }),
    table: {
      summary: `${b.m.toLocaleString('en')} test points placed at their decision values, under the sigmoid of the model's probability. ${misclassifiedSentence(b)}`,
      caption: 'Test points at their decision values',
      columns: ['Test row', 'Decision value z', 'True class', 'Predicted class', 'P(predicted class)'],
      rows: Array.from({ length: m }, (_, i) => [(b.rows[i] as number) + 1, z[i] as number, label(b, b.trueCls[i] as number), label(b, b.pred[i] as number), b.p[i] as number]),
    },
  };
}

// ---------------------------------------------------------------- predicted probability (multiclass)

function probabilityView(b: Basics): Drawn {
  const { m, K } = b;
  const band = (k: number): number => K - 1 - k;
  const xDomain = { min: Math.max(0, 1 / K - 0.04), max: 1.02 };
  const yDomain = { min: -0.5, max: K - 0.5 };
  const px = b.p;
  const py = new Float64Array(m);
  for (let i = 0; i < m; i++) py[i] = band(b.pred[i] as number) + (jitter(b.rows[i] as number) - 0.5) * 0.7;
  let image = b.images.get('probability');
  if (image === undefined) {
    const W = 240;
    const per = 24;
    image = paint(W, K * per, (c, r) => {
      const k = Math.floor(r / per);
      // A white line between bands, so smoothing never blends two classes.
      if (r % per === 0 || r % per === per - 1) return [255, 255, 255];
      const x = xDomain.min + ((c + 0.5) / W) * (xDomain.max - xDomain.min);
      return classShade(k, Math.max(0, Math.min(1, (x - 1 / K) / (1 - 1 / K))));
    });
    b.images.set('probability', image);
  }
  const yTicks: Tick[] = b.classes.map((c, k) => ({ value: band(k), label: shorten(String(c), 14) }));
  const caption =
    `Each test point${sampleNote(b)} in the band of the class the model predicts for it, at its own probability of that class (horizontal); the band's shading is that class, stronger where the model is surer, so it matches every point's own prediction. ` +
    `Points by true class (colour and shape), spread vertically within the band for visibility; black rings mark misclassified points.`;
  return {
    input: { xName: 'Own probability of the predicted class', yName: 'Predicted class', xDomain, yDomain, px, py, cls: b.trueCls, wrong: b.wrong, shading: image, boundary: null, yTicks },
    caption,
    attrs: (i) => ({ 'data-x': b.p[i] as number, 'data-shade': b.pred[i] as number }),
    table: {
      summary: `${m.toLocaleString('en')} test points in the bands of their predicted classes, at their own probability of that class. ${misclassifiedSentence(b)}`,
      caption: 'Test points by predicted class and probability',
      columns: ['Test row', 'True class', 'Predicted class', 'P(predicted class)'],
      rows: Array.from({ length: m }, (_, i) => [(b.rows[i] as number) + 1, label(b, b.trueCls[i] as number), label(b, b.pred[i] as number), b.p[i] as number]),
    },
  };
}

// ---------------------------------------------------------------- PCA

function pcaView(b: Basics): Drawn {
  const { m, d } = b;
  if (b.pca === null) {
    const fitted = principalComponents(b.data.XTrain, b.data.nTrain, d);
    const [a, c] = projectRows(fitted, b.X, m);
    b.pca = { a, b: c, explained: fitted.explained, rows: fitted.rows };
  }
  const { a, b: c, explained, rows } = b.pca;
  const sampled = rows < b.data.nTrain ? `, computed from ${rows.toLocaleString('en')} of the ${b.data.nTrain.toLocaleString('en')} training rows` : '';
  const caption =
    `Test points${sampleNote(b)} on the first two principal components of the standardized training features (${percent(explained[0] + explained[1])} of their variance${sampled}). ` +
    `No shading: with ${d} features the model's probability is not a function of these two axes. Fill and shape: true class; coloured ring: the class the model predicts for the point, thicker when surer; black rings mark misclassified points.`;
  return {
    input: {
      xName: `PC 1 (${percent(explained[0])} of variance)`,
      yName: `PC 2 (${percent(explained[1])} of variance)`,
      xDomain: paddedDomain(a),
      yDomain: paddedDomain(c),
      px: a,
      py: c,
      cls: b.trueCls,
      wrong: b.wrong,
      predicted: { cls: b.pred, strength: b.strength },
      shading: null,
      boundary: null,
    },
    caption,
    attrs: (i) => ({ 'data-x': a[i] as number, 'data-y': c[i] as number }),
    table: {
      summary: `${m.toLocaleString('en')} test points on the first two principal components of the standardized training features. ${misclassifiedSentence(b)}`,
      caption: 'Test points on the principal components',
      columns: ['Test row', 'PC 1', 'PC 2', 'True class', 'Predicted class', 'P(predicted class)'],
      rows: Array.from({ length: m }, (_, i) => [(b.rows[i] as number) + 1, a[i] as number, c[i] as number, label(b, b.trueCls[i] as number), label(b, b.pred[i] as number), b.p[i] as number]),
    },
  };
}

// ---------------------------------------------------------------- slice

function sliceView(b: Basics): Drawn {
  const { m, d, K, model } = b;
  const xj = choice.x;
  const yj = d > 1 ? choice.y : -1;
  const px = new Float64Array(m);
  const py = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    px[i] = b.X[i * d + xj] as number;
    py[i] = yj >= 0 ? (b.X[i * d + yj] as number) : jitter(b.rows[i] as number);
  }
  const xDomain = paddedDomain(px);
  const yDomain = yj >= 0 ? paddedDomain(py) : { min: -0.05, max: 1.05 };
  const key = `slice|${xj}|${yj}`;
  let image = b.images.get(key);
  if (image === undefined) {
    image = sliceImage(b, xj, yj, xDomain, yDomain);
    b.images.set(key, image);
  }
  // The shading under each point: the model at the slice's row through that point.
  let shade = b.shades.get(key);
  if (shade === undefined) {
    const rows = new Float64Array(m * d);
    for (let i = 0; i < m; i++) {
      rows.set(b.means, i * d);
      rows[i * d + xj] = px[i] as number;
      if (yj >= 0) rows[i * d + yj] = py[i] as number;
    }
    const labels = model.predict(Matrix.from(rows, m, d));
    const index = new Map(b.classes.map((k, i) => [k, i]));
    shade = Int32Array.from(labels, (l) => index.get(l as number | string) ?? 0);
    b.shades.set(key, shade);
  }
  const exact = d <= 2;
  const marked = new Uint8Array(m);
  let nMarked = 0;
  for (let i = 0; i < m; i++) {
    marked[i] = shade[i] === b.pred[i] ? 0 : 1;
    nMarked += marked[i] as number;
  }
  let boundary: [Point, Point] | null = null;
  if (model.coef.rows === 1) {
    const w = model.coef.data;
    let c = model.intercept[0] as number;
    for (let j = 0; j < d; j++) if (j !== xj && j !== yj) c += (w[j] as number) * (b.means[j] as number);
    boundary = clipLine(w[xj] as number, yj >= 0 ? (w[yj] as number) : 0, c, xDomain, yDomain);
  }
  const others = d - (yj >= 0 ? 2 : 1);
  const notes = exact
    ? []
    : [
        `Slice: the other ${others} features held at their training means; ${nMarked.toLocaleString('en')} of ${m.toLocaleString('en')} points are predicted otherwise than the shading under them (marked ×).`,
      ];
  const shadingWords =
    K === 2
      ? boundary !== null
        ? `Shading: P(class) from the model; dashed line: decision boundary (P = 0.5)${exact ? '' : ' on the slice'}.`
        : `Shading: P(class) from the model; the decision boundary (P = 0.5) lies outside this view.`
      : 'Shading: the predicted class, stronger where the model is surer.';
  const caption = exact
    ? `Test points${sampleNote(b)} by true class (colour and shape); rings mark misclassified points. ${shadingWords}${yj < 0 ? ' Vertical position is spread for visibility.' : ''}`
    : `Slice through the training means: test points${sampleNote(b)} by true class (colour and shape) over the model's prediction for rows equal to the training means except in ${yj >= 0 ? 'these two features' : 'this feature'}. ` +
      `${shadingWords} The other ${others} features are held at their training means, so the shading is not each point's own prediction: coloured rings show each point's own predicted class (thicker when surer); × marks the ${nMarked.toLocaleString('en')} of ${m.toLocaleString('en')} points the shading contradicts; black rings mark misclassified points.${yj < 0 ? ' Vertical position is spread for visibility.' : ''}`;
  const columns = ['Test row', featureName(b, xj), ...(yj >= 0 ? [featureName(b, yj)] : []), 'True class', 'Predicted class', 'P(predicted class)', ...(exact ? [] : ['Shading class'])];
  return {
    input: {
      xName: featureName(b, xj),
      yName: yj >= 0 ? featureName(b, yj) : '(spread for visibility)',
      xDomain,
      yDomain,
      px,
      py,
      cls: b.trueCls,
      wrong: b.wrong,
      ...(exact ? {} : { predicted: { cls: b.pred, strength: b.strength }, marked, notes }),
      shading: image,
      boundary,
      // One feature: the vertical spread has no scale to read.
      ...(yj < 0 ? { yTicks: [] } : {}),
    },
    caption,
    attrs: (i) => ({ 'data-x': px[i] as number, ...(yj >= 0 ? { 'data-y': py[i] as number } : {}), 'data-shade': shade[i] as number, 'data-disagree': marked[i] as number }),
    table: {
      summary: exact
        ? `${m.toLocaleString('en')} test points by ${featureName(b, xj)}${yj >= 0 ? ` and ${featureName(b, yj)}` : ''}, over the model's probability. ${misclassifiedSentence(b)}`
        : `${m.toLocaleString('en')} test points by ${featureName(b, xj)}${yj >= 0 ? ` and ${featureName(b, yj)}` : ''}, over the model's prediction with the other ${others} features at their training means; ${nMarked.toLocaleString('en')} points are predicted otherwise than the shading under them. ${misclassifiedSentence(b)}`,
      caption: 'Test points on the slice',
      columns,
      rows: Array.from({ length: m }, (_, i) => [
        (b.rows[i] as number) + 1,
        px[i] as number,
        ...(yj >= 0 ? [py[i] as number] : []),
        label(b, b.trueCls[i] as number),
        label(b, b.pred[i] as number),
        b.p[i] as number,
        ...(exact ? [] : [label(b, shade[i] as number)]),
      ]),
    },
  };
}

/** The model's probabilities over the slice `xj × yj` through the training means (yj = −1: one feature). */
function sliceImage(b: Basics, xj: number, yj: number, xd: Domain, yd: Domain): string | null {
  const { d, K } = b;
  // About 2 million grid values at most: a coarser image for many features.
  const fine = Math.min(1, Math.sqrt(2_000_000 / (120 * 90 * d)));
  const W = Math.max(24, Math.round(120 * fine));
  const H = yj >= 0 ? Math.max(18, Math.round(90 * fine)) : 1;
  const grid = new Float64Array(W * H * d);
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      const o = (r * W + c) * d;
      grid.set(b.means, o);
      grid[o + xj] = xd.min + ((c + 0.5) / W) * (xd.max - xd.min);
      if (yj >= 0) grid[o + yj] = yd.max - ((r + 0.5) / H) * (yd.max - yd.min);
    }
  }
  const proba = b.model.predictProba(Matrix.from(grid, W * H, d));
  return paint(W, H, (c, r) => {
    const i = r * W + c;
    let best = 0;
    for (let k = 1; k < K; k++) if (proba.get(i, k) > proba.get(i, best)) best = k;
    return classShade(best, Math.max(0, Math.min(1, (proba.get(i, best) - 1 / K) / (1 - 1 / K))));
  });
}

// ---------------------------------------------------------------- colours and images

/** Class `k`'s fill mixed with white: `strength` 0 is white, 1 the full colour. */
function classShade(k: number, strength: number): [number, number, number] {
  const [r, g, b] = hexRgb(classFill(k));
  return [Math.round(255 + (r - 255) * strength), Math.round(255 + (g - 255) * strength), Math.round(255 + (b - 255) * strength)];
}

/** The shading of a binary model where P(classes[1]) = p. */
function shadeColour(p1: number, K: number): [number, number, number] {
  const best = p1 > 0.5 ? 1 : 0;
  const p = best === 1 ? p1 : 1 - p1;
  return classShade(best, Math.max(0, Math.min(1, (p - 1 / K) / (1 - 1 / K))));
}

/** A W×H image whose pixel (column c, row r from the top) is `colour(c, r)`, as a data: URL. */
function paint(W: number, H: number, colour: (c: number, r: number) => [number, number, number]): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return null;
  const image = ctx.createImageData(W, H);
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      const [red, green, blue] = colour(c, r);
      const o = 4 * (r * W + c);
      image.data[o] = red;
      image.data[o + 1] = green;
      image.data[o + 2] = blue;
      image.data[o + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}

function hexRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// ---------------------------------------------------------------- legend, controls, text alternative

function drawLegend(b: Basics): void {
  const SVG_NS = 'http://www.w3.org/2000/svg';
  $('legend').replaceChildren(
    ...b.classes.map((c, k) => {
      const item = document.createElement('li');
      const icon = document.createElementNS(SVG_NS, 'svg');
      icon.setAttribute('class', 'shape');
      icon.setAttribute('width', '14');
      icon.setAttribute('height', '14');
      icon.setAttribute('viewBox', '0 0 14 14');
      icon.setAttribute('aria-hidden', 'true');
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', shapePath(k, 7, 7, 4.6));
      path.setAttribute('fill', classFill(k));
      path.setAttribute('stroke', classStroke(k));
      icon.append(path);
      item.append(icon, document.createTextNode(`${b.data.targetName} = ${String(c)} (${shapeName(k)})`));
      return item;
    }),
  );
}

interface Controls extends HTMLElement {
  view: HTMLSelectElement;
  x: HTMLSelectElement;
  y: HTMLSelectElement;
  xLabel: HTMLElement;
  yLabel: HTMLElement;
}

let controlsEl: Controls | null = null;

/** The view picker, made once, before the chart inside the figure. */
function ensureControls(figure: HTMLElement): Controls {
  if (controlsEl !== null) return controlsEl;
  const div = document.createElement('div') as unknown as Controls;
  div.className = 'view-controls';
  // A label beside (not around) its select, so the select's name is the label's text alone.
  const make = (id: string, text: string): [HTMLElement, HTMLSelectElement] => {
    const wrapper = document.createElement('div');
    wrapper.className = 'view-pick';
    const name = document.createElement('label');
    name.htmlFor = id;
    name.textContent = text;
    const select = document.createElement('select');
    select.id = id;
    wrapper.append(name, select);
    return [wrapper, select];
  };
  const [viewLabel, view] = make('view-kind', 'View');
  const [xLabel, x] = make('view-x', 'X');
  const [yLabel, y] = make('view-y', 'Y');
  Object.assign(div, { view, x, y, xLabel, yLabel });
  div.append(viewLabel, xLabel, yLabel);
  figure.insertBefore(div, $('scatter-box'));
  view.addEventListener('change', () => {
    choice.view = view.value as ViewKind;
    drawView(lastRun);
  });
  const pick = (axis: 'x' | 'y', select: HTMLSelectElement): void => {
    const value = Number(select.value);
    const other = axis === 'x' ? 'y' : 'x';
    // Picking the other axis's feature swaps the two, so the plane stays a plane.
    if (value === choice[other]) choice[other] = choice[axis];
    choice[axis] = value;
    drawView(lastRun);
  };
  x.addEventListener('change', () => pick('x', x));
  y.addEventListener('change', () => pick('y', y));
  controlsEl = div;
  return div;
}

/** The picker's options for `b`'s data, the reader's choice kept while the features and classes stay the same. */
function syncControls(controls: Controls, b: Basics): void {
  controls.hidden = false;
  const key = `${b.K}|${b.d}|${b.data.featureNames.join('\u0000')}`;
  if (key !== choice.key) {
    choice.key = key;
    choice.view = b.d <= 2 ? 'slice' : 'decision';
    choice.x = 0;
    choice.y = b.d > 1 ? 1 : 0;
    const views: [ViewKind, string][] = [
      ['decision', b.z !== null ? 'Decision value' : 'Own probability'],
      ...(b.d >= 3 ? ([['pca', 'PCA']] as [ViewKind, string][]) : []),
      ['slice', b.d <= 2 ? 'Features' : 'Slice (means)'],
    ];
    controls.view.replaceChildren(...views.map(([value, text]) => new Option(text, value)));
    const features = b.data.featureNames.map((_, j) => featureName(b, j));
    controls.x.replaceChildren(...features.map((name, j) => new Option(name, String(j))));
    controls.y.replaceChildren(...features.map((name, j) => new Option(name, String(j))));
  }
  controls.view.value = choice.view;
  controls.x.value = String(choice.x);
  controls.y.value = String(choice.y);
  const slice = choice.view === 'slice';
  controls.xLabel.hidden = !slice;
  controls.yLabel.hidden = !slice || b.d < 2;
}

/** The chart's text alternative, right after the legend. */
function textBox(figure: HTMLElement): HTMLElement {
  let box = document.getElementById('scatter-text');
  if (box === null) {
    box = document.createElement('div');
    box.id = 'scatter-text';
    box.className = 'chart-text';
    figure.append(box);
  }
  return box;
}
