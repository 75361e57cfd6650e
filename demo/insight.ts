/**
 * Model insight: what the fitted model says about its features and how well it ranks and
 * calibrates the test rows, drawn into the `#insight` section — coefficients (with 95%
 * confidence intervals and p-values when the model is unpenalised), the confusion matrix,
 * ROC and reliability curves, training vs test metrics, a predictions CSV, and on demand
 * a validation curve over C (cross-validation in a worker, cancellable).
 *
 * Everything is computed once per run (by `run.id`) while the run's model is alive (the
 * page disposes it when the next run starts); a redraw at another width only redraws the
 * charts. Metrics are the library's (`accuracy`, `logLoss`, `rocAuc`, `confusionMatrix`,
 * `crossValidate`, `LogisticRegression#summary`); the curves' points are viz/curves.ts's.
 * @module
 */
import {
  accuracy,
  type CoefficientRow,
  confusionMatrix,
  CsrMatrix,
  type Label,
  LogisticRegression,
  LogisticRegressionCV,
  logLoss,
  Matrix,
  rocAuc,
  type Scoring,
} from 'logreg-wasm';
import { neutraliseCell } from '../src/cli/text.js';
import { type Bar, renderBarChart } from '../viz/bar-chart.js';
import { classFill, classStroke } from '../viz/colors.js';
import { calibrationBins, type CalibrationBin, rocPoints, thinPolyline } from '../viz/curves.js';
import { renderDataTable } from '../viz/data-table.js';
import { paddedDomain } from '../viz/domain.js';
import { DASHES, type LineSeries, MARKERS, renderLineChart } from '../viz/line-chart.js';
import type { CvReply, CvRequest, FitSettings } from './cv-worker.js';
import type { CsrArrays, PreparedData } from './data.js';
import { $ } from './form.js';
import type { FinishedRun, ModelSettings } from './run.js';

/** Bars drawn per class at most; the rest are in the data table. */
const MAX_BARS = 20;
/** Classes drawn as curves at most (one dash and marker each); every class is in the data tables. */
const MAX_CURVES = MARKERS.length;
/** Training rows the training metrics are computed on at most (the first ones: the split shuffled them). */
const MAX_TRAIN_ROWS = 200_000;
/** Training values (rows × features) the summary's fit, made again in the worker, takes at most: beyond, copying them out blocks the page. */
const MAX_SUMMARY_VALUES = 4_000_000;
/** Coefficient charts (one per class) drawn at most. */
const MAX_CLASS_CHARTS = 8;
/** The validation curve's work is capped: at most this many training values (rows × features) go into it. */
export const MAX_CV_VALUES = 2_000_000;
const CV_FOLDS = 5;
/** The grid of C: LogisticRegressionCV's default, numpy's logspace(-4, 4, 10). */
const CV_GRID = ((): number[] => {
  const cv = new LogisticRegressionCV({ Cs: 10 });
  const grid = Array.from(cv.Cs);
  cv.dispose();
  return grid;
})();
/** Glyphs of the legend, matching viz/line-chart.ts's MARKERS in order. */
const GLYPHS: Record<(typeof MARKERS)[number], string> = { circle: '●', square: '■', triangle: '▲', diamond: '◆', cross: '✕', down: '▼' };

type Metrics = { accuracy: number; logLoss: number; rocAuc: number; why: string[] };

interface Curve {
  label: Label;
  k: number;
  fpr: Float64Array;
  tpr: Float64Array;
  auc: number;
  bins: CalibrationBin[];
}

type SummaryState =
  | { status: 'pending' }
  | { status: 'ok'; rows: CoefficientRow[]; warnings: string[] }
  | { status: 'none'; reason: string };

type CvState =
  | { status: 'idle' }
  | { status: 'running'; done: number; total: number; worker: Worker }
  | { status: 'done'; reply: Extract<CvReply, { kind: 'validation'; ok: true }>; scoring: Scoring }
  | { status: 'failed'; message: string }
  | { status: 'cancelled' };

/** What one run's insight is computed from, once. */
interface Insight {
  runId: number;
  run: FinishedRun;
  classes: Label[];
  coef: Float64Array;
  coefRows: number;
  intercept: Float64Array;
  testPred: Label[];
  testProba: Float64Array;
  confusion: { labels: Label[]; matrix: number[][] };
  train: Metrics;
  test: Metrics;
  curves: Curve[];
  summary: SummaryState;
  cv: CvState;
  /** The validation curve's plan: its settings, rows and the sentence that says what it does. */
  cvPlan: { settings: FitSettings; rows: number; describe: string } | { refused: string };
}

let current: Insight | null = null;
let summaryWorker: Worker | null = null;

const section = (): HTMLElement => $('insight');

// ---------------------------------------------------------------- DOM skeleton

/** An element with a class and optional text. */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== '') node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function svgNode(id: string, label: string): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.id = id;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return svg;
}

let built = false;

/** The section's parts, made once: each figure a chart (or table), its caption, its legend and its text alternative. */
function build(): void {
  if (built) return;
  built = true;
  const grid = el('div', 'insight-grid');
  grid.id = 'insight-grid';

  const coef = el('figure', 'insight-fig insight-coef');
  coef.id = 'insight-coef';
  const coefCharts = el('div', 'coef-charts');
  coefCharts.id = 'insight-coef-charts';
  const coefWhy = el('p', 'insight-why');
  coefWhy.id = 'insight-coef-why';
  const coefCaption = el('figcaption');
  coefCaption.id = 'insight-coef-caption';
  const coefTable = el('div', 'table-box');
  coefTable.id = 'insight-coef-table';
  coef.append(coefCharts, coefCaption, coefWhy, coefTable);

  const confusion = el('figure', 'insight-fig insight-confusion');
  confusion.id = 'insight-confusion';
  const confusionScroll = el('div', 'confusion-scroll');
  const confusionTable = el('table', 'confusion');
  confusionTable.id = 'insight-confusion-table';
  confusionScroll.append(confusionTable);
  const confusionCaption = el('figcaption');
  confusionCaption.id = 'insight-confusion-caption';
  confusion.append(confusionScroll, confusionCaption);

  const metrics = el('figure', 'insight-fig insight-metrics');
  const metricsTable = el('table', 'train-test');
  metricsTable.id = 'insight-metrics-table';
  const download = el('button', '', 'Download predictions CSV');
  download.id = 'insight-download';
  download.type = 'button';
  download.addEventListener('click', downloadPredictions);
  const downloadNote = el('p', 'help');
  downloadNote.id = 'insight-download-note';
  metrics.append(metricsTable, download, downloadNote);

  const roc = curveFigure('roc', 'ROC curve');
  const calibration = curveFigure('calibration', 'Reliability curve');

  const cv = el('figure', 'insight-fig insight-cv');
  cv.id = 'insight-cv';
  const controls = el('div', 'cv-controls');
  controls.id = 'insight-cv-controls';
  const run = el('button', '', 'Run the validation curve');
  run.id = 'insight-cv-run';
  run.type = 'button';
  run.addEventListener('click', startValidation);
  const cancel = el('button', '', 'Cancel');
  cancel.id = 'insight-cv-cancel';
  cancel.type = 'button';
  cancel.disabled = true;
  cancel.addEventListener('click', cancelValidation);
  const scoringLabel = el('label', 'cv-scoring', 'Score ');
  const scoring = el('select');
  scoring.id = 'insight-cv-scoring';
  scoringLabel.append(scoring);
  const status = el('span', 'cv-status');
  status.id = 'insight-cv-status';
  status.setAttribute('role', 'status');
  controls.append(run, cancel, scoringLabel, status);
  const plan = el('p', 'help');
  plan.id = 'insight-cv-plan';
  const box = el('div', 'chart');
  box.id = 'insight-cv-box';
  const svg = svgNode('insight-cv-svg', 'Validation curve over C');
  svg.setAttribute('aria-labelledby', 'insight-cv-caption');
  box.append(svg);
  const caption = el('figcaption');
  caption.id = 'insight-cv-caption';
  const legend = el('ul', 'legend line-legend');
  legend.id = 'insight-cv-legend';
  legend.setAttribute('aria-label', 'Validation curve series');
  const table = el('div', 'table-box');
  table.id = 'insight-cv-table';
  cv.append(controls, plan, box, caption, legend, table);

  grid.append(coef, confusion, metrics, roc, calibration, cv);
  section().append(grid);
}

function curveFigure(name: string, title: string): HTMLElement {
  const figure = el('figure', `insight-fig insight-${name}`);
  figure.id = `insight-${name}`;
  const box = el('div', 'chart');
  box.id = `insight-${name}-box`;
  const svg = svgNode(`insight-${name}-svg`, title);
  svg.setAttribute('aria-labelledby', `insight-${name}-caption`);
  box.append(svg);
  const caption = el('figcaption');
  caption.id = `insight-${name}-caption`;
  const legend = el('ul', 'legend line-legend');
  legend.id = `insight-${name}-legend`;
  legend.setAttribute('aria-label', `${title} series`);
  const table = el('div', 'table-box');
  table.id = `insight-${name}-table`;
  figure.append(box, caption, legend, table);
  return figure;
}

// ---------------------------------------------------------------- computing, once per run

const labelText = (label: Label): string => String(label);
const fmt = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : 'n/a');
const pText = (p: number): string => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

function metricsOf(model: LogisticRegression, y: Label[], pred: Label[], proba: Float64Array, K: number): Metrics {
  const classes = model.classes as Label[];
  const why: string[] = [];
  const out: Metrics = { accuracy: accuracy(y, pred), logLoss: NaN, rocAuc: NaN, why };
  const P = Matrix.from(proba, y.length, K);
  try {
    out.logLoss = logLoss(y, P, { labels: classes });
  } catch (error) {
    why.push((error as Error).message);
  }
  try {
    out.rocAuc =
      K === 2
        ? rocAuc(y, Float64Array.from({ length: y.length }, (_, i) => proba[i * 2 + 1] as number), { labels: classes })
        : rocAuc(y, P, { multiClass: 'ovr', labels: classes });
  } catch (error) {
    why.push((error as Error).message);
  }
  return out;
}

/** Predicted labels and probabilities of `model` on the first `rows` dense or CSR rows of the training or test set. */
function predictRows(model: LogisticRegression, data: FinishedRun['data'], which: 'train' | 'test', rows: number): { pred: Label[]; proba: Float64Array } {
  let X: Matrix | CsrMatrix;
  if (data.kind === 'dense') {
    X = Matrix.from((which === 'train' ? data.XTrain : data.XTest).subarray(0, rows * data.cols), rows, data.cols);
  } else {
    const csr = which === 'train' ? data.XTrain : data.XTest;
    const indptr = (csr.indptr as Int32Array).subarray(0, rows + 1);
    const end = indptr[rows] as number;
    X = CsrMatrix.from({ rows, cols: data.cols, indptr, indices: (csr.indices as Int32Array).subarray(0, end), values: (csr.values as Float64Array).subarray(0, end) });
  }
  try {
    const proba = model.predictProba(X).data.slice();
    const pred = model.predict(X) as Label[];
    return { pred, proba };
  } finally {
    if (X instanceof CsrMatrix) X.dispose();
  }
}

function compute(run: FinishedRun): Insight {
  const { model, data } = run;
  const classes = model.classes as Label[];
  const K = classes.length;
  const yTest = data.yTest as Label[];
  // The training metrics on at most MAX_TRAIN_ROWS rows: on this thread, and the tiles do not need them.
  const trainRows = Math.min(data.nTrain, MAX_TRAIN_ROWS);
  const yTrain = (data.yTrain as Label[]).slice(0, trainRows);
  const test = predictRows(model, data, 'test', data.nTest);
  const train = predictRows(model, data, 'train', trainRows);
  const curves: Curve[] = [];
  const ks = K === 2 ? [1] : classes.map((_, k) => k);
  for (const k of ks) {
    const positive = Uint8Array.from(yTest, (v) => (v === classes[k] ? 1 : 0));
    const score = Float64Array.from({ length: yTest.length }, (_, i) => test.proba[i * K + k] as number);
    let auc = NaN;
    try {
      // For two classes exactly as the tile computes it; for more, class k against the rest.
      auc = K === 2 ? rocAuc(yTest, score, { labels: classes }) : rocAuc(Array.from(positive), score, { labels: [0, 1] });
    } catch {
      // A class absent from the test rows has no curve.
    }
    const { fpr, tpr } = rocPoints(positive, score);
    curves.push({ label: classes[k] as Label, k, fpr, tpr, auc, bins: calibrationBins(positive, score, 10) });
  }
  const coef = model.coef;
  const insight: Insight = {
    runId: run.id,
    run,
    classes,
    coef: coef.data.slice(),
    coefRows: coef.rows,
    intercept: model.intercept.slice(),
    testPred: test.pred,
    testProba: test.proba,
    confusion: confusionMatrix(yTest, test.pred, { labels: classes }),
    train: metricsOf(model, yTrain, train.pred, train.proba, K),
    test: metricsOf(model, yTest, test.pred, test.proba, K),
    curves,
    summary: { status: 'none', reason: '' },
    cv: { status: 'idle' },
    cvPlan: planValidation(run),
  };
  insight.summary = requestSummary(insight);
  return insight;
}

// ---------------------------------------------------------------- inference (in the worker)

const penaltyName = (p: ModelSettings['penalty']): string => ({ none: 'none', l2: 'L2', l1: 'L1', elasticnet: 'elastic-net' })[p];

function fitSettings(s: ModelSettings): FitSettings {
  const out: FitSettings = { solver: s.solver, penalty: s.penalty, maxIter: s.maxIter, tol: s.tol };
  if (s.C !== undefined) out.C = s.C;
  if (s.l1Ratio !== undefined) out.l1Ratio = s.l1Ratio;
  if (s.learningRate !== undefined) out.learningRate = s.learningRate;
  return out;
}

function requestSummary(insight: Insight): SummaryState {
  const { run } = insight;
  const { data, settings } = run;
  if (data.kind === 'text') return { status: 'none', reason: '' };
  if (settings.penalty !== 'none') {
    return {
      status: 'none',
      reason: `No confidence intervals or p-values: the model is penalised (${penaltyName(settings.penalty)}, C = ${String(settings.C)}), and a penalised estimate, pulled towards 0, has no maximum-likelihood standard errors. Choose penalty none for them.`,
    };
  }
  if (insight.classes.length > 2) {
    return {
      status: 'none',
      reason: `No confidence intervals: with ${insight.classes.length} classes the likelihood's equations compare each class with ${labelText(insight.classes[0] as Label)} (statsmodels' MNLogit), not the per-class coefficients drawn here.`,
    };
  }
  if (data.cols + 1 > 2048) return { status: 'none', reason: `No confidence intervals: ${data.cols.toLocaleString('en')} features are more than the summary's 2,047 (its matrix inverse is O(p³)).` };
  if (data.nTrain * data.cols > MAX_SUMMARY_VALUES) {
    return {
      status: 'none',
      reason: `No confidence intervals here for more than ${MAX_SUMMARY_VALUES.toLocaleString('en')} training values (${(data.nTrain * data.cols).toLocaleString('en')}): the summary needs the fit made again on them; call model.summary() after fit in your own code.`,
    };
  }
  if (run.outcome === 'diverged') return { status: 'none', reason: 'No confidence intervals: the fit diverged, so it is not a maximum of the likelihood.' };
  summaryWorker ??= new Worker(new URL('./cv-worker.js', import.meta.url), { type: 'module', name: 'demo insight' });
  summaryWorker.onmessage = (event: MessageEvent<CvReply>) => onSummary(event.data);
  summaryWorker.onerror = (event) => {
    event.preventDefault();
    if (current !== null && current.summary.status === 'pending') {
      current.summary = { status: 'none', reason: `No confidence intervals: the worker failed (${event.message || 'it could not start'}).` };
      drawCoefficients(current);
    }
    summaryWorker?.terminate();
    summaryWorker = null;
  };
  const request: CvRequest = {
    kind: 'summary',
    runId: run.id,
    settings: fitSettings(settings),
    featureNames: data.featureNames,
    coef: insight.coef,
    X: data.XTrain.slice(),
    rows: data.nTrain,
    cols: data.cols,
    y: data.yTrain,
  };
  summaryWorker.postMessage(request, [request.X.buffer]);
  return { status: 'pending' };
}

/** Whether the summary's refit is running (it takes a core: the race waits for it). */
export function summaryPending(): boolean {
  return current !== null && current.summary.status === 'pending';
}

function onSummary(reply: CvReply): void {
  if (reply.kind !== 'summary' || current === null || reply.runId !== current.runId) return;
  if (!reply.ok) {
    current.summary = { status: 'none', reason: `No confidence intervals: ${reply.message}` };
  } else {
    const scale = Math.max(1, ...Array.from(current.coef, Math.abs));
    if (reply.largestDifference > 1e-6 * scale) {
      current.summary = { status: 'none', reason: `No confidence intervals: the fit made again for them differs from this run's by ${reply.largestDifference.toPrecision(2)}.` };
    } else {
      current.summary = { status: 'ok', rows: reply.equations[0]?.coefficients ?? [], warnings: reply.warnings };
    }
  }
  drawCoefficients(current);
}

// ---------------------------------------------------------------- drawing

/** Shows the insight of `run` in `#insight` (computed once per run, redrawn at the current width), or hides and empties the section when `run` is null. */
export function showInsight(run: FinishedRun | null): void {
  const box = section();
  if (run === null) {
    box.hidden = true;
    if (current !== null) forget(current);
    current = null;
    return;
  }
  build();
  box.hidden = false;
  if (current === null || current.runId !== run.id) {
    if (current !== null) forget(current);
    current = compute(run);
    fillScoring(current);
  }
  draw(current);
}

/** Stops the work still under way for a run no longer on show. */
function forget(insight: Insight): void {
  if (insight.cv.status === 'running') insight.cv.worker.terminate();
  if (insight.summary.status === 'pending') {
    summaryWorker?.terminate();
    summaryWorker = null;
  }
}

/** Widths measured once per redraw, before any drawing: a width read after a change forces the page's layout again. */
let measured: Map<string, number> | null = null;

function draw(insight: Insight): void {
  measured = null;
  measured = new Map(['insight-coef', 'insight-roc', 'insight-calibration', 'insight-cv'].map((id) => [id, widthOf(id)]));
  drawCoefficients(insight);
  drawConfusion(insight);
  drawMetrics(insight);
  drawRoc(insight);
  drawCalibration(insight);
  drawValidation(insight);
  measured = null;
}

function widthOf(id: string): number {
  return measured?.get(id) ?? Math.max(240, Math.floor($(id).clientWidth));
}

function drawCoefficients(insight: Insight): void {
  const { run, classes, coef, coefRows } = insight;
  const figure = $('insight-coef');
  const charts = $('insight-coef-charts');
  const why = $('insight-coef-why');
  const caption = $('insight-coef-caption');
  if (run.data.kind === 'text') {
    charts.replaceChildren();
    caption.textContent = '';
    why.textContent = 'No coefficient chart for text: its features are thousands of words, and the words that weigh most for each class are listed beside the classifier above.';
    $('insight-coef-table').replaceChildren();
    figure.dataset['kind'] = 'text';
    return;
  }
  delete figure.dataset['kind'];
  const data = run.data as PreparedData;
  const d = data.cols;
  const names = data.featureNames;
  const summary = insight.summary;
  const rowsByName = new Map<string, CoefficientRow>();
  if (summary.status === 'ok') for (const row of summary.rows.slice(1)) rowsByName.set(row.name, row);
  const chartsShown = Math.min(coefRows, MAX_CLASS_CHARTS);
  // Small multiples side by side, at least 260 px each; one order of features in every one (by the largest size over the classes).
  const full = widthOf('insight-coef');
  const across = coefRows === 1 ? 1 : Math.max(1, Math.min(chartsShown, Math.floor((full + 12) / 272)));
  const width = Math.floor((full - 12 * (across - 1)) / across);
  charts.style.gridTemplateColumns = `repeat(${across}, minmax(0, 1fr))`;
  const size = (j: number): number => {
    let most = 0;
    for (let r = 0; r < coefRows; r++) most = Math.max(most, Math.abs(coef[r * d + j] as number));
    return most;
  };
  const order = Array.from({ length: d }, (_, j) => j).sort((a, b) => size(b) - size(a));
  const nodes: HTMLElement[] = [];
  for (let r = 0; r < chartsShown; r++) {
    // A binary model's one row is the log-odds of classes[1]; a multinomial model has a row per class.
    const k = coefRows === 1 ? 1 : r;
    const bars: Bar[] = order.slice(0, MAX_BARS).map((j) => {
      const value = coef[r * d + j] as number;
      const other = coefRows === 1 ? 0 : -1;
      const bar: Bar = {
        label: names[j] as string,
        value,
        fill: value >= 0 ? classFill(k) : other === 0 ? classFill(0) : '#c9ced5',
        stroke: value >= 0 ? classStroke(k) : other === 0 ? classStroke(0) : '#7d8793',
      };
      const row = rowsByName.get(names[j] as string);
      if (coefRows === 1 && row !== undefined) {
        bar.lower = row.ciLower;
        bar.upper = row.ciUpper;
      }
      return bar;
    });
    const holder = el('div', 'coef-chart');
    if (coefRows > 1) holder.append(el('h3', 'minor', `Class ${labelText(classes[k] as Label)}`));
    const svg = svgNode(`insight-coef-svg-${r}`, coefRows === 1 ? `Coefficients of the ${d} features` : `Coefficients for class ${labelText(classes[k] as Label)}`);
    holder.append(svg);
    renderBarChart(svg, { width, bars, xName: coefRows === 1 ? `Coefficient (log-odds of ${labelText(classes[1] as Label)} per unit)` : 'Coefficient (per unit)' });
    // p-values as attributes of the bars, exact, beside the intervals.
    if (coefRows === 1) {
      for (const g of svg.querySelectorAll<SVGGElement>('g.bar')) {
        const row = rowsByName.get(g.dataset['label'] ?? '');
        if (row !== undefined) g.dataset['p'] = String(row.pValue);
      }
    }
    nodes.push(holder);
  }
  charts.replaceChildren(...nodes);
  const shown = Math.min(d, MAX_BARS);
  const positive = coefRows === 1 ? `; bars to the right push towards ${labelText(classes[1] as Label)}, to the left towards ${labelText(classes[0] as Label)}` : '';
  caption.textContent =
    `Coefficients per feature${d > MAX_BARS ? `: the ${shown} largest of ${d.toLocaleString('en')} by size (all in the data table)` : ', largest first'}${positive}.` +
    (coefRows > 1 ? ' Per class: bars to the right raise that class’s score, grey bars to the left lower it.' : '') +
    (summary.status === 'ok' ? ' Whiskers: 95% confidence intervals.' : '') +
    (coefRows > MAX_CLASS_CHARTS ? ` The first ${MAX_CLASS_CHARTS} of ${coefRows} classes are drawn.` : '') +
    ' Compare sizes only between features on the same scale.';
  why.textContent =
    summary.status === 'pending'
      ? 'Computing confidence intervals and p-values…'
      : summary.status === 'none'
        ? summary.reason
        : summary.warnings.map((w) => w.replace(/\s+/g, ' ')).join(' ');
  figure.dataset['summary'] = summary.status;
  // The text alternative: every coefficient, with its inference when there is one.
  const columns = summary.status === 'ok' ? ['Feature', 'Coefficient', 'Std. error', '95% CI low', '95% CI high', 'p-value'] : ['Feature', ...Array.from({ length: coefRows }, (_, r) => (coefRows === 1 ? 'Coefficient' : `Class ${labelText(classes[r] as Label)}`))];
  const rows: (string | number)[][] = [];
  if (summary.status === 'ok') {
    for (const row of summary.rows) rows.push([row.name === 'const' ? 'intercept' : row.name, row.estimate, row.stdErr, row.ciLower, row.ciUpper, pText(row.pValue)]);
  } else {
    rows.push(['intercept', ...Array.from(insight.intercept)]);
    for (let j = 0; j < d; j++) rows.push([names[j] as string, ...Array.from({ length: coefRows }, (_, r) => coef[r * d + j] as number)]);
  }
  const top = Array.from({ length: d }, (_, j) => j).sort((a, b) => Math.abs(coef[b] as number) - Math.abs(coef[a] as number))[0] ?? 0;
  renderDataTable($('insight-coef-table'), {
    summary: `${d} coefficients${coefRows > 1 ? ` for each of ${coefRows} classes` : ''}; the largest in size is ${names[top] as string} (${fmt(coef[top] as number)}${coefRows > 1 ? ` for class ${labelText(classes[0] as Label)}` : ''}).`,
    caption: summary.status === 'ok' ? 'Coefficients with standard errors, 95% confidence intervals and p-values (statsmodels Logit)' : 'Coefficients',
    columns,
    rows,
  });
  // With inference, the p-values are the point: the table is open.
  const details = $('insight-coef-table').querySelector('details');
  if (details !== null && summary.status === 'ok' && rows.length <= 21) details.open = true;
}

function drawConfusion(insight: Insight): void {
  const { labels, matrix } = insight.confusion;
  const table = $<HTMLTableElement>('insight-confusion-table');
  table.replaceChildren();
  const caption = table.createCaption();
  caption.textContent = 'Confusion matrix of the test rows';
  const head = table.createTHead().insertRow();
  const corner = el('th', 'corner', 'true ↓ predicted →');
  corner.scope = 'col';
  head.append(corner);
  for (const label of labels) {
    const th = el('th', '', labelText(label));
    th.scope = 'col';
    head.append(th);
  }
  const body = table.createTBody();
  let total = 0;
  let hits = 0;
  matrix.forEach((row, i) => {
    const tr = body.insertRow();
    const th = el('th', '', labelText(labels[i] as Label));
    th.scope = 'row';
    tr.append(th);
    const rowSum = row.reduce((a, b) => a + b, 0);
    row.forEach((count, j) => {
      const td = tr.insertCell();
      td.textContent = count.toLocaleString('en');
      td.dataset['value'] = String(count);
      if (i === j) td.className = 'hit';
      // Shade by the row's share: how the true class's rows were predicted.
      const share = rowSum > 0 ? count / rowSum : 0;
      td.style.background = `rgba(${i === j ? '0, 114, 178' : '213, 94, 0'}, ${(share * 0.45).toFixed(3)})`;
      total += count;
      if (i === j) hits += count;
    });
  });
  $('insight-confusion-caption').textContent = `Rows: true class; columns: predicted class. ${hits.toLocaleString('en')} of ${total.toLocaleString('en')} test rows on the diagonal (accuracy ${fmt(hits / Math.max(1, total))}); shading: the share of the row.`;
}

function drawMetrics(insight: Insight): void {
  const { run, train, test } = insight;
  const table = $<HTMLTableElement>('insight-metrics-table');
  table.replaceChildren();
  table.createCaption().textContent = 'Training vs test rows';
  const head = table.createTHead().insertRow();
  for (const [text, scope] of [
    ['Metric', 'col'],
    [run.data.nTrain > MAX_TRAIN_ROWS ? `Training (first ${MAX_TRAIN_ROWS.toLocaleString('en')} of ${run.data.nTrain.toLocaleString('en')})` : `Training (${run.data.nTrain.toLocaleString('en')})`, 'col'],
    [`Test (${run.data.nTest.toLocaleString('en')})`, 'col'],
  ]) {
    const th = el('th', '', text);
    th.scope = scope as string;
    head.append(th);
  }
  const body = table.createTBody();
  for (const [name, key] of [
    ['Accuracy', 'accuracy'],
    ['Log-loss', 'logLoss'],
    ['ROC AUC', 'rocAuc'],
  ] as const) {
    const tr = body.insertRow();
    tr.dataset['metric'] = key;
    const th = el('th', '', name);
    th.scope = 'row';
    tr.append(th);
    for (const m of [train, test]) {
      const td = tr.insertCell();
      td.textContent = fmt(m[key]);
      td.dataset['value'] = String(m[key]);
    }
  }
  const gap = train.accuracy - test.accuracy;
  $('insight-download-note').textContent =
    (gap > 0.05 ? `Training accuracy is ${fmt(gap)} above the test's: the model may be fitting noise. ` : '') +
    `The CSV holds the ${run.data.nTest.toLocaleString('en')} test rows${run.data.kind === 'dense' ? ' (their features)' : ''}, the true and predicted labels and each class's probability.`;
}

/** The curves drawn (at most MAX_CURVES, the classes with the most test rows), in class order. */
function drawnCurves(insight: Insight): Curve[] {
  if (insight.curves.length <= MAX_CURVES) return insight.curves;
  const counts = insight.confusion.matrix.map((row) => row.reduce((a, b) => a + b, 0));
  return [...insight.curves].sort((a, b) => (counts[b.k] ?? 0) - (counts[a.k] ?? 0)).slice(0, MAX_CURVES).sort((a, b) => a.k - b.k);
}

function seriesStyle(i: number, k: number): Pick<LineSeries, 'color' | 'dash' | 'marker'> {
  return { color: classStroke(k), dash: DASHES[i % DASHES.length] as string, marker: MARKERS[i % MARKERS.length] as (typeof MARKERS)[number] };
}

/** A legend item: the line's dash and marker drawn with CSS and a glyph, then the text. */
function legendItem(style: Pick<LineSeries, 'color' | 'dash' | 'marker'>, text: string, value?: number): HTMLLIElement {
  const li = el('li');
  const swatch = el('span', 'line-swatch');
  swatch.setAttribute('aria-hidden', 'true');
  swatch.style.color = style.color;
  swatch.style.borderTopStyle = style.dash === '' ? 'solid' : style.dash.startsWith('2') || style.dash.startsWith('1') ? 'dotted' : 'dashed';
  swatch.textContent = GLYPHS[style.marker];
  li.append(swatch, el('span', 'legend-text', text));
  if (value !== undefined) li.dataset['value'] = String(value);
  return li;
}

function curveSize(id: string): { width: number; height: number } {
  const width = widthOf(id);
  return { width, height: Math.max(220, Math.min(340, Math.round(width * 0.78))) };
}

function drawRoc(insight: Insight): void {
  const curves = drawnCurves(insight);
  const binary = insight.classes.length === 2;
  const series: LineSeries[] = curves.map((c, i) => {
    const keep = thinPolyline(c.fpr, c.tpr, 1 / 800);
    return { name: labelText(c.label), x: keep.map((t) => c.fpr[t] as number), y: keep.map((t) => c.tpr[t] as number), ...seriesStyle(i, c.k), maxMarkers: 8 };
  });
  const unit = { min: -0.02, max: 1.02 };
  renderLineChart($('insight-roc-svg') as unknown as SVGSVGElement, { ...curveSize('insight-roc'), xDomain: unit, yDomain: unit, xName: 'False-positive rate', yName: 'True-positive rate', series, diagonal: true });
  $('insight-roc-legend').replaceChildren(
    ...curves.map((c, i) => legendItem(seriesStyle(i, c.k), `${binary ? `${labelText(c.label)} (positive)` : `${labelText(c.label)} vs rest`} · AUC ${fmt(c.auc)}`, c.auc)),
  );
  $('insight-roc-caption').textContent =
    `ROC curve${binary ? '' : 's, one class against the rest'} on the test rows; dotted diagonal: a random ranking (AUC 0.5).` +
    (curves.length < insight.curves.length ? ` The ${curves.length} largest of ${insight.curves.length} classes are drawn; every AUC is in the data table.` : '');
  const rows: (string | number)[][] = [];
  for (const c of insight.curves) {
    const keep = thinPolyline(c.fpr, c.tpr, 0.05);
    for (const t of keep) rows.push([labelText(c.label), c.auc, c.fpr[t] as number, c.tpr[t] as number]);
  }
  renderDataTable($('insight-roc-table'), {
    summary: insight.curves.map((c) => `${binary ? 'AUC' : `${labelText(c.label)} vs rest: AUC`} ${fmt(c.auc)}`).join('; ') + '.',
    caption: 'ROC curve points (thinned to steps of 0.05)',
    columns: ['Class', 'AUC', 'False-positive rate', 'True-positive rate'],
    rows,
  });
}

function drawCalibration(insight: Insight): void {
  const curves = drawnCurves(insight);
  const binary = insight.classes.length === 2;
  const series: LineSeries[] = curves.map((c, i) => ({
    name: labelText(c.label),
    x: c.bins.map((b) => b.meanPredicted),
    y: c.bins.map((b) => b.fractionPositive),
    ...seriesStyle(i, c.k),
    maxMarkers: 10,
  }));
  const unit = { min: -0.02, max: 1.02 };
  renderLineChart($('insight-calibration-svg') as unknown as SVGSVGElement, {
    ...curveSize('insight-calibration'),
    xDomain: unit,
    yDomain: unit,
    xName: `Mean predicted probability${binary ? ` of ${labelText(insight.classes[1] as Label)}` : ''}`,
    yName: 'Fraction positive',
    series,
    diagonal: true,
  });
  $('insight-calibration-legend').replaceChildren(...curves.map((c, i) => legendItem(seriesStyle(i, c.k), binary ? labelText(c.label) : `${labelText(c.label)} vs rest`)));
  $('insight-calibration-caption').textContent = `Reliability curve on the test rows: 10 equal-width bins of predicted probability, each at its mean prediction and the fraction of its rows that are positive; dotted diagonal: perfectly calibrated.`;
  const rows: (string | number)[][] = [];
  for (const c of insight.curves) for (const b of c.bins) rows.push([labelText(c.label), b.meanPredicted, b.fractionPositive, b.count]);
  const worst = Math.max(0, ...insight.curves.flatMap((c) => c.bins.map((b) => Math.abs(b.fractionPositive - b.meanPredicted))));
  renderDataTable($('insight-calibration-table'), {
    summary: `The bins lie at most ${fmt(worst)} from the diagonal (a bin with few rows can stray by chance; see the counts).`,
    caption: 'Reliability curve bins',
    columns: ['Class', 'Mean predicted', 'Fraction positive', 'Rows'],
    rows,
  });
}

// ---------------------------------------------------------------- the predictions CSV

/** A CSV cell: a text neutralised for spreadsheets (a leading = + - @ would run as a formula) and quoted when it holds a delimiter, quote or line break. */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const cell = neutraliseCell(value);
  return /[",;\t\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function predictionsCsv(insight: Insight): string {
  const { run, classes, testPred, testProba } = insight;
  const { data } = run;
  const K = classes.length;
  const features = data.kind === 'dense' ? data.featureNames : [];
  const header = [...features, 'true label', 'predicted label', ...classes.map((c) => `P(${labelText(c)})`)];
  const lines = [header.map(csvCell).join(',')];
  const d = features.length;
  for (let i = 0; i < data.nTest; i++) {
    const row: (string | number)[] = [];
    if (data.kind === 'dense') for (let j = 0; j < d; j++) row.push(data.XTest[i * d + j] as number);
    row.push(data.yTest[i] as string | number, testPred[i] as string | number);
    for (let k = 0; k < K; k++) row.push(testProba[i * K + k] as number);
    lines.push(row.map((v) => csvCell(v)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function downloadPredictions(): void {
  if (current === null) return;
  const blob = new Blob([predictionsCsv(current)], { type: 'text/csv' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'predictions.csv';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------- the validation curve

const solverName = (s: string): string => ({ gd: 'gradient descent', lbfgs: 'L-BFGS', newton: 'Newton-CG', 'newton-cd': 'Newton with coordinate descent', owlqn: 'OWL-QN' })[s] ?? s;

function accepts(settings: FitSettings): boolean {
  try {
    new LogisticRegression(settings).dispose();
    return true;
  } catch {
    return false;
  }
}

/** The settings, rows and description of the validation curve, or why there is none. */
function planValidation(run: FinishedRun): Insight['cvPlan'] {
  const s = run.settings;
  const penalty = s.penalty === 'none' ? 'l2' : s.penalty;
  let solver: FitSettings['solver'] = s.solver === 'gd' ? 'lbfgs' : s.solver;
  const settings: FitSettings = { solver, penalty, maxIter: Math.min(s.maxIter, 1000), tol: s.tol };
  if (s.solver === 'gd') {
    // Gradient descent's step would have to suit every C: L-BFGS with the library's defaults instead.
    settings.maxIter = 100;
    settings.tol = 1e-4;
  }
  if (penalty === 'elasticnet') settings.l1Ratio = s.l1Ratio ?? 0.5;
  if (!accepts(settings)) {
    solver = 'lbfgs';
    settings.solver = solver;
    settings.penalty = 'l2';
    delete settings.l1Ratio;
  }
  const { data } = run;
  const n = data.nTrain;
  // Dense: rows × features values; text: the stored entries of the first rows.
  let rows = n;
  if (data.kind === 'dense') rows = Math.min(n, Math.floor(MAX_CV_VALUES / data.cols));
  else while (rows > 0 && (data.XTrain.indptr[rows] as number) > MAX_CV_VALUES) rows = Math.floor(rows / 2);
  if (rows < CV_FOLDS * 2) return { refused: `The validation curve needs at least ${CV_FOLDS * 2} training rows.` };
  const why =
    s.solver === 'gd'
      ? ' (gradient descent’s step would have to suit every C)'
      : solver !== s.solver
        ? ` (${solverName(s.solver)} does not take this penalty)`
        : '';
  const penaltyWhy = s.penalty === 'none' ? ' (this run has none: C needs a penalty to act on)' : '';
  const describe =
    `${CV_FOLDS}-fold stratified cross-validation over ${CV_GRID.length} values of C from 10⁻⁴ to 10⁴, ${solverName(settings.solver as string)}${why}, ${penaltyName(settings.penalty as ModelSettings['penalty'])} penalty${penaltyWhy}, ` +
    `at most ${String(settings.maxIter)} iterations: ${(CV_GRID.length * CV_FOLDS).toLocaleString('en')} fits in a worker on ` +
    (rows < n
      ? `the first ${rows.toLocaleString('en')} of ${n.toLocaleString('en')} training rows (the work is capped at ${MAX_CV_VALUES.toLocaleString('en')} ${data.kind === 'dense' ? 'values' : 'stored entries'}).`
      : `the ${n.toLocaleString('en')} training rows.`);
  return { settings, rows, describe };
}

function fillScoring(insight: Insight): void {
  const select = $<HTMLSelectElement>('insight-cv-scoring');
  const binary = insight.classes.length === 2;
  const options: [Scoring & string, string][] = [
    ['accuracy', 'accuracy'],
    [binary ? 'roc_auc' : 'roc_auc_ovr', 'ROC AUC'],
    ['neg_log_loss', 'negative log-loss'],
  ];
  const previous = select.value;
  select.replaceChildren(...options.map(([value, text]) => new Option(text, value)));
  select.value = options.some(([value]) => value === previous) ? previous : 'accuracy';
}

function startValidation(): void {
  const insight = current;
  if (insight === null || insight.cv.status === 'running' || !('settings' in insight.cvPlan)) return;
  const { data } = insight.run;
  const { settings, rows } = insight.cvPlan;
  const scoring = $<HTMLSelectElement>('insight-cv-scoring').value as Scoring;
  const worker = new Worker(new URL('./cv-worker.js', import.meta.url), { type: 'module', name: 'demo validation curve' });
  insight.cv = { status: 'running', done: 0, total: CV_GRID.length, worker };
  worker.onmessage = (event: MessageEvent<CvReply>) => {
    const reply = event.data;
    if (current !== insight || insight.cv.status !== 'running' || reply.runId !== insight.runId) return;
    if (reply.kind === 'progress') {
      insight.cv.done = reply.done;
    } else if (reply.kind === 'validation') {
      worker.terminate();
      insight.cv = reply.ok ? { status: 'done', reply, scoring } : { status: 'failed', message: reply.message };
      $('insight-cv-run').focus();
    }
    drawValidation(insight);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    if (current !== insight) return;
    insight.cv = { status: 'failed', message: `the worker failed (${event.message || 'it could not start'})` };
    drawValidation(insight);
  };
  const common = { kind: 'validation', runId: insight.runId, settings, Cs: CV_GRID, folds: CV_FOLDS, scoring, y: data.yTrain.slice(0, rows) } as const;
  if (data.kind === 'dense') {
    const X = data.XTrain.slice(0, rows * data.cols);
    worker.postMessage({ ...common, X, rows, cols: data.cols } satisfies CvRequest, [X.buffer]);
  } else {
    const indptr = data.XTrain.indptr as Int32Array;
    const indices = data.XTrain.indices as Int32Array;
    const values = data.XTrain.values as Float64Array;
    const end = indptr[rows] as number;
    const csr: CsrArrays = { rows, cols: data.cols, indptr: indptr.slice(0, rows + 1), indices: indices.slice(0, end), values: values.slice(0, end) };
    worker.postMessage({ ...common, csr } satisfies CvRequest, [csr.indptr.buffer, csr.indices.buffer, csr.values.buffer]);
  }
  drawValidation(insight);
  $('insight-cv-cancel').focus();
}

function cancelValidation(): void {
  const insight = current;
  if (insight === null || insight.cv.status !== 'running') return;
  insight.cv.worker.terminate();
  insight.cv = { status: 'cancelled' };
  drawValidation(insight);
  $('insight-cv-run').focus();
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** The population standard deviation (numpy's default, as scikit-learn's validation-curve plots use). */
const std = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
};

function drawValidation(insight: Insight): void {
  const figure = $('insight-cv');
  const run = $<HTMLButtonElement>('insight-cv-run');
  const cancel = $<HTMLButtonElement>('insight-cv-cancel');
  const status = $('insight-cv-status');
  const plan = $('insight-cv-plan');
  const box = $('insight-cv-box');
  const cv = insight.cv;
  figure.dataset['state'] = cv.status;
  $('insight-cv-controls').hidden = !('settings' in insight.cvPlan);
  if (!('settings' in insight.cvPlan)) {
    run.disabled = true;
    cancel.disabled = true;
    plan.textContent = insight.cvPlan.refused;
    status.textContent = '';
    box.hidden = true;
    $('insight-cv-caption').textContent = 'Validation curve over C: not available for this run.';
    $('insight-cv-legend').replaceChildren();
    $('insight-cv-table').replaceChildren();
    return;
  }
  plan.textContent = insight.cvPlan.describe;
  run.disabled = cv.status === 'running';
  cancel.disabled = cv.status !== 'running';
  $<HTMLSelectElement>('insight-cv-scoring').disabled = cv.status === 'running';
  status.textContent =
    cv.status === 'running'
      ? `Cross-validating: ${cv.done} of ${cv.total} values of C done…`
      : cv.status === 'cancelled'
        ? 'Cancelled.'
        : cv.status === 'failed'
          ? `Failed: ${cv.message}`
          : cv.status === 'done'
            ? `Done: ${cv.reply.fits} fits in ${cv.reply.seconds.toFixed(1)} s${cv.reply.unconverged > 0 ? `; ${cv.reply.unconverged} stopped at the iteration limit` : ''}.`
            : '';
  if (cv.status !== 'done') {
    box.hidden = true;
    $('insight-cv-caption').textContent = 'Validation curve over C: how the cross-validated score changes with the strength of the penalty (run it above).';
    $('insight-cv-legend').replaceChildren();
    $('insight-cv-table').replaceChildren();
    return;
  }
  box.hidden = false;
  const { Cs, test, train } = cv.reply;
  const x = Cs.map((c) => Math.log10(c));
  const testMean = test.map(mean);
  const testSd = test.map(std);
  const trainMean = train.map(mean);
  const trainSd = train.map(std);
  const scoreName = $<HTMLSelectElement>('insight-cv-scoring').selectedOptions[0]?.textContent ?? String(cv.scoring);
  const scoringText = cv.scoring === 'accuracy' ? 'Accuracy' : cv.scoring === 'neg_log_loss' ? 'Negative log-loss' : 'ROC AUC';
  const heldOut: LineSeries = {
    name: 'held-out folds',
    x,
    y: testMean,
    color: classStroke(0),
    dash: '',
    marker: 'circle',
    band: { lower: testMean.map((m, i) => m - (testSd[i] as number)), upper: testMean.map((m, i) => m + (testSd[i] as number)) },
  };
  const training: LineSeries = {
    name: 'training folds',
    x,
    y: trainMean,
    color: classStroke(1),
    dash: DASHES[1] as string,
    marker: 'square',
    band: { lower: trainMean.map((m, i) => m - (trainSd[i] as number)), upper: trainMean.map((m, i) => m + (trainSd[i] as number)) },
  };
  const yDomain = paddedDomain([...(heldOut.band?.lower as number[]), ...(heldOut.band?.upper as number[]), ...(training.band?.lower as number[]), ...(training.band?.upper as number[])]);
  const own = insight.run.settings.penalty === 'none' ? undefined : insight.run.settings.C;
  const width = widthOf('insight-cv');
  renderLineChart($('insight-cv-svg') as unknown as SVGSVGElement, {
    width,
    height: Math.max(220, Math.min(320, Math.round(width * 0.45))),
    xDomain: { min: -4.3, max: 4.3 },
    yDomain,
    xName: 'log₁₀ C (larger C: weaker penalty)',
    yName: scoringText,
    series: [heldOut, training],
    ...(own !== undefined && own >= 1e-4 && own <= 1e4 ? { markX: { x: Math.log10(own), label: `this run: C = ${String(own)}` } } : {}),
  });
  let best = 0;
  testMean.forEach((m, i) => {
    if (m > (testMean[best] as number)) best = i;
  });
  $('insight-cv-legend').replaceChildren(
    legendItem(heldOut, `held-out folds: mean ± 1 sd (band)`),
    legendItem(training, 'training folds: mean ± 1 sd'),
  );
  $('insight-cv-caption').textContent =
    `Validation curve: ${scoreName} of ${CV_FOLDS}-fold stratified cross-validation at each C, mean ± one standard deviation over the folds as a band.` +
    (own === undefined ? ' This run has no penalty, so it has no C to mark.' : ' Dashed vertical line: this run’s C.');
  renderDataTable($('insight-cv-table'), {
    summary: `The best mean held-out ${scoreName} is ${fmt(testMean[best] as number)} at C = ${fmt(Cs[best] as number)}; from C = ${fmt(Cs[0] as number)} to ${fmt(Cs[Cs.length - 1] as number)} it goes from ${fmt(testMean[0] as number)} to ${fmt(testMean[testMean.length - 1] as number)}.`,
    caption: `${scoreName} per C: mean and standard deviation over ${CV_FOLDS} folds`,
    columns: ['C', 'Held-out mean', 'Held-out sd', 'Training mean', 'Training sd'],
    rows: Cs.map((c, i) => [c, testMean[i] as number, testSd[i] as number, trainMean[i] as number, trainSd[i] as number]),
  });
}
