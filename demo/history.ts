/**
 * The runs of this page, to compare: a table of each finished run's data, settings,
 * metrics and fit time (newest first), each with a button that puts its settings back
 * into the form and a link that reproduces it; and the loss curves of the latest runs
 * overlaid on one chart, on a linear or a log scale, with a legend and a text
 * alternative. Drawn into the `#history` section, with DOM APIs only.
 * @module
 */
import { renderDataTable } from '../viz/data-table.js';
import { svgElement } from '../viz/dom.js';
import { renderLossOverlay, type SeriesGaps, seriesStyle, thinLoss } from '../viz/loss-chart.js';
import { $ } from './form.js';
import type { FinishedRun, ModelSettings, Outcome } from './run.js';

/** Runs kept; older ones are dropped as new ones finish. */
export const MAX_RUNS = 50;
/** Runs whose curves are overlaid (the latest); one line style each. */
export const MAX_CURVES = 8;
/** Points kept of a run's loss curve: two per pixel of the widest chart the page draws. */
const CURVE_POINTS = 2400;

/** What the history keeps of a run: copies only (the run's model is disposed when the next run starts). */
interface PastRun {
  id: number;
  source: string;
  /** The form's data source ('generate', 'dataset', 'csv', 'text'). */
  dataKind: string;
  /** Whether the run's link carries its data: a generated or built-in data set does; the user's own data (pasted or loaded) does not. */
  portable: boolean;
  settings: ModelSettings;
  iterations: number;
  fitTime: number;
  outcome: Outcome;
  metrics: { accuracy: number; logLoss: number; rocAuc: number };
  query: string;
  /** The loss curve, thinned to at most {@link CURVE_POINTS} points. */
  curve: { iters: Float64Array; losses: Float64Array };
  /** Of the whole curve: first, lowest (and where) and last value, and values that are not finite or are ≤ 0. */
  loss: { first: number; lowest: number; lowestAt: number; last: number; nonFinite: number; notPositive: number };
}

/** Newest last. */
let runs: PastRun[] = [];
let restore: (query: string) => void = () => {};
let parts: Parts | null = null;

interface Parts {
  note: HTMLParagraphElement;
  body: HTMLTableSectionElement;
  logScale: HTMLInputElement;
  chartBox: HTMLDivElement;
  svg: SVGSVGElement;
  legend: HTMLUListElement;
  marks: HTMLParagraphElement;
  text: HTMLDivElement;
  caption: HTMLElement;
}

/**
 * Keeps what the history shows of `run` (copies: the model is read now, not kept) and
 * redraws the section. Keeps the last {@link MAX_RUNS} runs.
 *
 * @param run - The run that just finished; its model must not be disposed yet.
 */
export function addRun(run: FinishedRun): void {
  const losses = run.lossHistory;
  let lowest = Infinity;
  let lowestAt = 0;
  let nonFinite = 0;
  let notPositive = 0;
  for (let i = 0; i < losses.length; i++) {
    const v = losses[i] as number;
    if (!Number.isFinite(v)) nonFinite++;
    else {
      if (v <= 0) notPositive++;
      if (v < lowest) {
        lowest = v;
        lowestAt = i + 1;
      }
    }
  }
  const source = new URLSearchParams(run.query).get('source') ?? 'generate';
  let iterations = losses.length;
  try {
    iterations = run.model.nIter;
  } catch {
    // A model disposed already: the curve's length is the iteration count of a binary fit.
  }
  runs.push({
    id: run.id,
    source: run.data.source,
    dataKind: source,
    portable: source === 'generate' || source === 'dataset',
    settings: { ...run.settings },
    iterations,
    fitTime: run.fitTime,
    outcome: run.outcome,
    metrics: { accuracy: run.metrics.accuracy, logLoss: run.metrics.logLoss, rocAuc: run.metrics.rocAuc },
    query: run.query,
    curve: thinLoss(losses, CURVE_POINTS),
    loss: { first: losses[0] ?? NaN, lowest: lowestAt === 0 ? NaN : lowest, lowestAt, last: losses[losses.length - 1] ?? NaN, nonFinite, notPositive },
  });
  if (runs.length > MAX_RUNS) runs = runs.slice(-MAX_RUNS);
  if (parts !== null) parts.note.textContent = '';
  draw();
}

/**
 * Builds the section's parts and wires them; call once at start.
 *
 * @param restoreSettings - Puts a past run's settings (its URL query) back into the form.
 */
export function showHistory(restoreSettings: (query: string) => void): void {
  restore = restoreSettings;
  parts ??= build();
  draw();
}

// ---------------------------------------------------------------- building

function element<K extends keyof HTMLElementTagNameMap>(name: K, props: Partial<Record<string, string>> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(name);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The reuse column comes second, so that on a phone its buttons are in view without scrolling the table. */
/** Columns of words, aligned left; the others hold numbers, aligned right. */
const TEXT_COLUMNS = new Set(['Reuse', 'Data', 'Solver', 'Penalty', 'Outcome']);
const COLUMNS = ['Run', 'Reuse', 'Data', 'Solver', 'Penalty', 'C', 'Learning rate', 'Iterations', 'Threads', 'Accuracy', 'Log-loss', 'ROC AUC', 'Fit time', 'Outcome'];

function build(): Parts {
  const section = $('history');
  const note = element('p', { class: 'history-note', role: 'status', 'aria-live': 'polite' });

  const wrap = element('div', { class: 'history-table-wrap', role: 'region', 'aria-labelledby': 'history-table-caption', tabindex: '0' });
  const table = element('table', { class: 'history-table' });
  const caption = table.createCaption();
  caption.id = 'history-table-caption';
  caption.textContent = 'Runs, newest first';
  const about = element(
    'p',
    { class: 'help history-about' },
    `The last ${MAX_RUNS} runs of this page, with their test-set metrics. A link carries a run's settings: for generated data or a built-in dataset that is the whole run; data you pasted or loaded stays on this machine.`,
  );
  const head = table.createTHead().insertRow();
  for (const name of COLUMNS) head.append(element('th', { scope: 'col', class: TEXT_COLUMNS.has(name) ? 'text' : undefined }, name));
  const body = table.createTBody();
  wrap.append(table);

  const figure = element('figure', { class: 'history-curves' });
  const controls = element('div', { class: 'history-controls' });
  const logLabel = element('label', { class: 'check' });
  const logScale = element('input', { type: 'checkbox', id: 'history-log' });
  logLabel.append(logScale, document.createTextNode(' Log scale'));
  controls.append(logLabel);
  const chartBox = element('div', { id: 'history-loss-box', class: 'chart' });
  const svg = svgElement('svg', { id: 'history-loss', role: 'img', 'aria-labelledby': 'history-loss-caption' });
  chartBox.append(svg);
  const legend = element('ul', { class: 'legend history-legend', 'aria-label': 'Line style of each run' });
  const marks = element('p', { class: 'help history-marks' });
  const figcaption = element('figcaption', { id: 'history-loss-caption' });
  const text = element('div', { class: 'history-loss-text' });
  figure.append(controls, chartBox, legend, marks, figcaption, text);

  const actions = element('div', { class: 'history-actions' });
  const clear = element('button', { type: 'button', id: 'history-clear' }, 'Clear history');
  actions.append(clear);

  section.append(about, note, wrap, figure, actions);

  logScale.addEventListener('change', () => drawCurves());
  clear.addEventListener('click', () => {
    runs = [];
    draw();
    // The section hides with its last run: focus goes where the next run starts.
    $('train').focus();
  });
  body.addEventListener('click', (event) => {
    const button = (event.target as Element).closest('button[data-run]');
    if (button === null) return;
    const run = runs.find((r) => String(r.id) === button.getAttribute('data-run'));
    if (run === undefined) return;
    restore(run.query);
    note.textContent = run.portable
      ? `Run ${run.id}'s settings are in the form: press Train to run it again.`
      : `Run ${run.id}'s settings are in the form, with the ${ownData(run)} now loaded: press Train to run them.`;
  });
  let lastWidth = 0;
  new ResizeObserver(() => {
    const width = Math.floor(chartBox.clientWidth);
    if (width === lastWidth || width === 0) return;
    lastWidth = width;
    requestAnimationFrame(() => drawCurves());
  }).observe(chartBox);
  return { note, body, logScale, chartBox, svg, legend, marks, text, caption: figcaption };
}

// ---------------------------------------------------------------- drawing

/** A number as the tiles show it: 4 significant digits; "n/a" when not defined. */
const num = (x: number): string => (Number.isNaN(x) ? 'n/a' : Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x));
const count = (n: number): string => n.toLocaleString('en');
const timeText = (ms: number): string => (ms < 10 ? `${ms.toFixed(2)} ms` : ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);

const SOLVERS: Record<ModelSettings['solver'], string> = { gd: 'gradient descent', lbfgs: 'L-BFGS', newton: 'Newton-CG', 'newton-cd': 'Newton-CD', owlqn: 'OWL-QN' };
const PENALTIES: Record<ModelSettings['penalty'], string> = { none: 'none', l2: 'L2', l1: 'L1', elasticnet: 'elastic net' };

function draw(): void {
  const section = $('history');
  section.hidden = runs.length === 0;
  if (parts === null) return;
  drawTable(parts);
  drawCurves();
}

function drawTable(p: Parts): void {
  const rows = [...runs].reverse().map((run, index) => {
    const tr = element('tr');
    if (index === 0) tr.className = 'latest';
    const s = run.settings;
    tr.append(element('th', { scope: 'row' }, `#${run.id}`));
    const reuse = element('td', { class: 'text reuse' });
    const button = element('button', { type: 'button', 'data-run': String(run.id), 'aria-label': `Use these settings (run ${run.id})` }, 'Use these settings');
    const link = element('a', { href: `?${run.query}`, 'aria-label': `Link to run ${run.id}` }, 'Link');
    if (!run.portable) link.title = 'Settings only: the data itself cannot travel in a link';
    reuse.append(button, link);
    if (!run.portable) reuse.append(element('span', { class: 'not-in-link' }, ' (settings only)'));
    tr.append(reuse);
    const data = element('td', { class: 'text data' }, run.source);
    if (!run.portable) data.append(element('span', { class: 'not-in-link' }, ` The ${ownData(run)} itself is not in the link (it stays on this machine).`));
    tr.append(data);
    const cells: [string, string][] = [
      ['text', SOLVERS[s.solver] ?? s.solver],
      ['text', s.penalty === 'elasticnet' && s.l1Ratio !== undefined ? `elastic net, L1 ratio ${num(s.l1Ratio)}` : (PENALTIES[s.penalty] ?? s.penalty)],
      ['', s.C === undefined ? '–' : num(s.C)],
      ['', s.learningRate === undefined ? '–' : num(s.learningRate)],
      ['', count(run.iterations)],
      ['', String(s.threads)],
      ['', num(run.metrics.accuracy)],
      ['', num(run.metrics.logLoss)],
      ['', num(run.metrics.rocAuc)],
      ['', timeText(run.fitTime)],
    ];
    for (const [cls, text] of cells) tr.append(element('td', cls === '' ? {} : { class: cls }, text));
    const iterationsCell = tr.cells[7] as HTMLTableCellElement;
    iterationsCell.title = `${count(run.iterations)} of at most ${count(s.maxIter)}`;
    tr.append(element('td', { class: `text outcome-${run.outcome}` }, run.outcome === 'ok' ? 'ok' : run.outcome === 'warning' ? 'warning' : 'diverged'));
    return tr;
  });
  p.body.replaceChildren(...rows);
}

function drawCurves(): void {
  if (parts === null || runs.length === 0) return;
  const p = parts;
  const shown = runs.slice(-MAX_CURVES);
  const log = p.logScale.checked;
  const width = Math.max(240, Math.floor(p.chartBox.clientWidth));
  const height = Math.max(200, Math.min(320, Math.round(width * 0.5)));
  const series = shown.map((run) => ({ name: `Run ${run.id}`, iters: run.curve.iters, losses: run.curve.losses, ...styleOf(run) }));
  const drawnGaps = renderLossOverlay(p.svg, { width, height, series, logScale: log });
  // The counts come from each whole curve, not the thinned copy drawn.
  const gaps: SeriesGaps[] = shown.map((run, k) => ({
    nonFinite: run.loss.nonFinite,
    notPositive: log ? run.loss.notPositive : (drawnGaps[k]?.notPositive ?? 0),
  }));

  p.legend.replaceChildren(
    ...[...shown].reverse().map((run) => {
      const li = element('li');
      const { color, dash } = styleOf(run);
      const swatch = svgElement('svg', { class: 'history-swatch', width: 36, height: 10, viewBox: '0 0 36 10', 'aria-hidden': 'true' });
      swatch.append(svgElement('line', { x1: 1, x2: 35, y1: 5, y2: 5, stroke: color, 'stroke-width': 2.5, ...(dash === '' ? {} : { 'stroke-dasharray': dash }) }));
      li.append(swatch, document.createTextNode(`Run ${run.id}`));
      return li;
    }),
  );

  const older = runs.length - shown.length;
  p.caption.textContent =
    `Training loss per iteration of ${shown.length === 1 ? 'the run' : `the last ${shown.length} runs`}, one line style each` +
    `${older > 0 ? ` (${older} older ${older === 1 ? 'run is' : 'runs are'} in the table only)` : ''}; ${log ? 'log' : 'linear'} vertical scale.`;

  const nonFinite = gaps.reduce((sum, g) => sum + g.nonFinite, 0);
  const notPositive = gaps.reduce((sum, g) => sum + g.notPositive, 0);
  const marks: string[] = [];
  if (nonFinite > 0) marks.push('▲ on the top edge: a loss that is not a finite number (the fit diverged); the curve breaks there.');
  if (notPositive > 0) marks.push('▼ on the bottom edge: a loss of 0, which a log scale cannot place; the curve breaks there.');
  p.marks.textContent = marks.join(' ');
  p.marks.hidden = marks.length === 0;

  const said = [...shown].reverse().map((run, k) => {
    const g = gaps[shown.length - 1 - k] as SeriesGaps;
    const { first, last, lowest } = run.loss;
    let sentence = `run ${run.id}${run.outcome === 'diverged' ? ' (diverged)' : ''} went from ${num(first)} to ${num(last)} in ${count(run.curve.iters.length === 0 ? 0 : (run.curve.iters.at(-1) as number))} iterations`;
    if (Number.isFinite(lowest) && lowest < last) sentence += ` (lowest ${num(lowest)})`;
    if (g.nonFinite > 0) sentence += `, with ${count(g.nonFinite)} values not finite`;
    if (g.notPositive > 0) sentence += `, with ${count(g.notPositive)} values of 0 not drawn on the log scale`;
    return sentence;
  });
  renderDataTable(p.text, {
    summary: `Loss curves, ${log ? 'log' : 'linear'} scale: ${said.join('; ')}.`,
    caption: 'Loss of each run drawn, newest first',
    columns: ['Run', 'Solver', 'Learning rate', 'Loss values', 'First loss', 'Lowest loss', 'At iteration', 'Last loss', 'Not finite', 'Zero'],
    rows: [...shown].reverse().map((run) => [
      `#${run.id}`,
      SOLVERS[run.settings.solver] ?? run.settings.solver,
      run.settings.learningRate === undefined ? '–' : run.settings.learningRate,
      run.curve.iters.length === 0 ? 0 : (run.curve.iters.at(-1) as number),
      run.loss.first,
      run.loss.lowest,
      run.loss.lowestAt,
      run.loss.last,
      run.loss.nonFinite,
      run.loss.notPositive,
    ]),
  });
}

/** What the user's own data of `run` was, in a sentence's words. */
const ownData = (run: PastRun): string => (run.dataKind === 'text' ? 'text' : 'CSV or file');

/** A run keeps its line style as later runs come (runs drawn together have consecutive ids, so styles never repeat among them). */
const styleOf = (run: PastRun): { color: string; dash: string } => seriesStyle(run.id - 1);
