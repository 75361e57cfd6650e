/**
 * The demo page: data → split (in a data worker; text also becomes features there) → fit
 * (in a worker, via fitInWorker) → one {@link FinishedRun} that the metrics, the views,
 * the model insight, the run history and the race each draw from; for text, a box that
 * classifies what the user types (on this thread). User text only ever reaches the page
 * through `textContent`, `value` and attributes, never as markup.
 * @module
 */
import { CsrMatrix, type Label, LogisticRegression, Matrix, TfidfVectorizer, logLoss, rocAuc } from 'logreg-wasm';
import { fitInWorker } from 'logreg-wasm/worker';
import { classify, renderProbabilities, renderTopWords, type TextVectorizer, topWords, vectorizerOf } from './classify.js';
import type { DataReply, DataRequest, Prepared } from './data.js';
import { dataField, fileLoading, keepLoadedData, readDataRequest, syncDataFields, wireDataForm } from './data-form.js';
import { $, FieldError, field, form, optionText, orList, readNumber } from './form.js';
import { addRun, showHistory } from './history.js';
import { showInsight } from './insight.js';
import { clearFieldError, clearMessage, showMessage, showWarning } from './messages.js';
import { showRace } from './race.js';
import type { FinishedRun, ModelSettings, Outcome } from './run.js';
import { applySettingsQuery, settingsQuery } from './url-state.js';
import { chartSize, drawView } from './views.js';
import { renderDataTable } from '../viz/data-table.js';
import { renderLoss } from '../viz/loss-chart.js';

type State = 'ready' | 'preparing' | 'training' | 'done' | 'error' | 'cancelled';

const trainButton = $<HTMLButtonElement>('train');
const cancelButton = $<HTMLButtonElement>('cancel');
const resetButton = $<HTMLButtonElement>('reset-settings');
const downloadButton = $<HTMLButtonElement>('download');
const downloadVectorizerButton = $<HTMLButtonElement>('download-vectorizer');
const sentenceInput = $<HTMLInputElement>('sentence');
const statusText = $<HTMLSpanElement>('status');
const progressBar = $<HTMLProgressElement>('progress');
const lossSvg = document.getElementById('loss') as unknown as SVGSVGElement;
const resultsBox = $<HTMLElement>('results');

// ---------------------------------------------------------------- state

function setState(state: State): void {
  document.body.dataset['state'] = state;
  const busy = state === 'preparing' || state === 'training';
  trainButton.disabled = busy;
  cancelButton.disabled = !busy;
  form.setAttribute('aria-busy', String(busy));
}

// ---------------------------------------------------------------- reading the model settings

function readModelSettings(): ModelSettings {
  const penalty = field('penalty').value as ModelSettings['penalty'];
  const solver = field('solver').value as ModelSettings['solver'];
  const threads = Number(field('threads').value);
  const settings: ModelSettings = { solver, penalty, maxIter: 1, tol: 0, threads };
  if (penalty !== 'none') settings.C = readNumber('C', { above: 0, max: 1e12 });
  if (penalty === 'elasticnet') settings.l1Ratio = readNumber('l1Ratio', { min: 0, max: 1 });
  if (solver === 'gd') settings.learningRate = readNumber('learningRate', { above: 0, max: 1e6 });
  settings.maxIter = readNumber('maxIter', { integer: true, min: 1, max: 10_000_000 });
  settings.tol = readNumber('tol', { min: 0, max: 1e6 });
  try {
    new LogisticRegression(settings); // the library's own checks, e.g. solver/penalty pairs
  } catch (error) {
    const message = (error as Error).message;
    if (/does not support penalty/.test(message)) {
      // Said with the form's names, suggesting only the solvers the form offers.
      const fits = [...(field('solver') as HTMLSelectElement).options]
        .map((o) => o.value)
        .filter((value) => accepts({ ...settings, solver: value as ModelSettings['solver'] }));
      const penaltyName = optionText('penalty', penalty);
      throw new FieldError(
        `${optionText('solver', solver)} does not support the ${penaltyName} penalty. Choose the solver ${orList(fits.map((v) => optionText('solver', v)))}, or another penalty.`,
        'penalty',
      );
    }
    throw new FieldError(message.replace(/^LogisticRegression: /, ''), /penalty/.test(message) ? 'penalty' : 'solver');
  }
  return settings;
}

function accepts(settings: ModelSettings): boolean {
  try {
    new LogisticRegression(settings);
    return true;
  } catch {
    return false;
  }
}

function syncModelFields(): void {
  const penalty = field('penalty').value;
  field('C').disabled = penalty === 'none';
  field('l1Ratio').disabled = penalty !== 'elasticnet';
  field('learningRate').disabled = field('solver').value !== 'gd';
}

/**
 * The thread counts the page offers: 1 up to the logical cores (at most 8), or only 1
 * where the page is not cross-origin isolated (no SharedArrayBuffer, so no threads).
 */
function fillThreadOptions(): void {
  const select = field('threads');
  const most = crossOriginIsolated ? Math.max(1, Math.min(8, navigator.hardwareConcurrency || 1)) : 1;
  select.replaceChildren(...Array.from({ length: most }, (_, i) => new Option(String(i + 1), String(i + 1))));
  select.value = '1';
  select.disabled = most === 1;
  select.title = crossOriginIsolated ? 'Threads of the fit: the worker and its helper threads share the WebAssembly memory' : 'Threads need a cross-origin isolated page (SharedArrayBuffer)';
}

// ---------------------------------------------------------------- the data worker

let dataWorker: Worker | null = null;
let cached: { key: string; data: Prepared } | null = null;

function prepareData(request: DataRequest, signal: AbortSignal): Promise<Prepared> {
  const key = JSON.stringify(request);
  if (cached !== null && cached.key === key) return Promise.resolve(cached.data);
  dataWorker ??= new Worker(new URL('./data-worker.js', import.meta.url), { type: 'module', name: 'demo data' });
  const worker = dataWorker;
  return new Promise((resolve, reject) => {
    const done = (): void => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    const onMessage = (event: MessageEvent<DataReply>): void => {
      done();
      const reply = event.data;
      if (reply.ok) {
        cached = { key, data: reply.data };
        resolve(reply.data);
      } else {
        reject(Object.assign(new Error(reply.message), { field: reply.field }));
      }
    };
    const onError = (event: ErrorEvent): void => {
      done();
      dataWorker = null;
      worker.terminate();
      reject(new Error(`The data worker failed: ${event.message || 'it could not start'}`));
    };
    const onAbort = (): void => {
      done();
      dataWorker = null;
      worker.terminate();
      reject(signal.reason);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
    worker.postMessage(request);
  });
}

// ---------------------------------------------------------------- training

let controller: AbortController | null = null;
/** The run on show, or null. */
let current: FinishedRun | null = null;
let runCount = 0;
/** For text: the fitted vectorizer, which turns what the user types into the model's features. */
let vectorizer: TextVectorizer | null = null;
let liveIters: number[] = [];
let liveLosses: number[] = [];
let lossAxisMax = 1000;
let redrawQueued = false;

function queueLossRedraw(): void {
  if (redrawQueued) return;
  redrawQueued = true;
  requestAnimationFrame(() => {
    redrawQueued = false;
    drawLoss();
  });
}

async function train(): Promise<void> {
  const reading = fileLoading();
  if (reading !== null) {
    setState('preparing');
    statusText.textContent = 'Reading the file…';
    await reading;
  }
  clearMessage();
  let request: DataRequest;
  let settings: ModelSettings;
  try {
    request = readDataRequest();
    settings = readModelSettings();
  } catch (error) {
    if (error instanceof FieldError) showMessage(error.message, error.field, error.alsoInvalid);
    else showMessage(String(error));
    setState('error');
    statusText.textContent = 'Check the highlighted field.';
    // The results on show are of settings no longer in the form.
    if (current !== null) resultsBox.dataset['stale'] = 'true';
    return;
  }
  const query = settingsQuery();
  history.replaceState(null, '', `?${query}`);
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  // One run's results at a time: the previous run's go as this one starts.
  clearResults();
  setState('preparing');
  statusText.textContent = 'Preparing the data…';
  drawLoss();
  // On a narrow screen the results are below the form: bring the progress bar into view.
  if (window.innerWidth <= 860) document.querySelector('.results')?.scrollIntoView({ block: 'start' });
  progressBar.removeAttribute('value');
  let data: Prepared;
  try {
    data = await prepareData(request, signal);
  } catch (error) {
    if (signal.aborted) return;
    setState('error');
    progressBar.value = 0;
    statusText.textContent = 'The data could not be used.';
    showMessage((error as Error).message, dataField(request, (error as { field?: 'data' | 'target' }).field));
    return;
  }
  lossAxisMax = settings.maxIter;
  liveIters = [];
  liveLosses = [];
  let offset = 0;
  let lastProblem = 0;
  let lastIter = 0;
  setState('training');
  progressBar.max = lossAxisMax;
  progressBar.value = 0;
  const threads = settings.threads === 1 ? 'one thread' : `${settings.threads} threads`;
  statusText.textContent = `Training on ${data.nTrain.toLocaleString('en')} × ${data.cols} (${threads})…`;
  drawLoss();
  try {
    const XTrain = data.kind === 'dense' ? Matrix.from(data.XTrain, data.nTrain, data.cols) : CsrMatrix.from(data.XTrain);
    const warnings: string[] = [];
    const fitting = fitInWorker(XTrain, data.yTrain, {
      // The library's words (its option names), said to be its own.
      params: { ...settings, onWarning: (text: string) => warnings.push(`The library warns: ${text.replace(/^LogisticRegression: /, '')}`) },
      progressInterval: 40,
      signal,
      onProgress: ({ iter, loss, problem }) => {
        if (problem !== lastProblem) {
          offset += lastIter;
          lastProblem = problem;
        }
        lastIter = iter;
        liveIters.push(offset + iter);
        liveLosses.push(loss);
        progressBar.value = Math.min(lossAxisMax, offset + iter);
        statusText.textContent = `Iteration ${(offset + iter).toLocaleString('en')} of ${lossAxisMax.toLocaleString('en')} · loss ${loss.toPrecision(5)}`;
        queueLossRedraw();
      },
    });
    if (XTrain instanceof CsrMatrix) void fitting.finally(() => XTrain.dispose()); // copied to the worker at once
    const { model, fitTime, threads: passThreads, lossHistory } = await fitting;
    vectorizer = data.kind === 'text' ? vectorizerOf(data.vectorizer) : null;
    liveIters = Array.from(lossHistory, (_, i) => i + 1);
    liveLosses = Array.from(lossHistory);
    lossAxisMax = Math.max(liveIters.length, 1);
    progressBar.max = 1;
    progressBar.value = 1;
    // 'done' first: the results below are drawn in this same task, before anyone can look.
    setState('done');
    current = finish({ id: ++runCount, data, settings, model, fitTime, threads: passThreads, lossHistory, warnings, query });
    showResults(current);
  } catch (error) {
    if (signal.aborted) return;
    setState('error');
    progressBar.value = 0;
    const message = (error as Error).message.replace(/^LogisticRegression: /, '').replace(/\blearningRate\b/g, 'the learning rate');
    const diverged = /diverged|non-finite/.test(message);
    document.body.dataset['outcome'] = diverged ? 'diverged' : 'failed';
    statusText.textContent = diverged ? 'Training failed: the fit diverged.' : 'Training failed.';
    showMessage(message);
  }
}

function cancel(): void {
  if (controller === null) return;
  controller.abort();
  controller = null;
  setState('cancelled');
  progressBar.max = 1;
  progressBar.value = 0;
  statusText.textContent = 'Cancelled.';
  trainButton.focus();
}

// ---------------------------------------------------------------- results

const fmt = (x: number): string => String(Number(x.toPrecision(4)));
/** A loss for a sentence: 4 significant digits, thousands separated. */
const lossText = (x: number): string => x.toLocaleString('en', { maximumSignificantDigits: 4 });

function setMetric(id: string, text: string, exact?: number, title?: string): void {
  const node = $(id);
  node.textContent = text;
  if (exact === undefined) delete node.dataset['value'];
  else node.dataset['value'] = String(exact);
  if (title === undefined) node.removeAttribute('title');
  else node.title = title;
}

/** Empties the results: metrics, plots, downloads and the text box (before a run, or on Reference settings). */
function clearResults(): void {
  current?.model.dispose();
  current = null;
  vectorizer = null;
  liveIters = [];
  liveLosses = [];
  delete resultsBox.dataset['stale'];
  delete document.body.dataset['outcome'];
  for (const id of ['m-accuracy', 'm-logloss', 'm-auc', 'm-time', 'm-iter', 'm-rows']) setMetric(id, '–');
  downloadButton.disabled = true;
  downloadVectorizerButton.hidden = true;
  $('data-source').textContent = '';
  $('top-words-box').hidden = true;
  drawAll();
  classifySentence();
}

/**
 * How the loss went, when it went wrong: a loss that is not finite, that rose above where
 * it started, or that ended well above its lowest (a step too large for the curvature
 * makes gradient descent swing or blow up; a solver with a line search never rises).
 */
function divergence(losses: ArrayLike<number>): string | null {
  const n = losses.length;
  if (n === 0) return null;
  const first = losses[0] as number;
  let peak = first;
  let peakAt = 0;
  let low = first;
  for (let i = 0; i < n; i++) {
    const loss = losses[i] as number;
    if (!Number.isFinite(loss)) return `the loss became ${String(loss)} at iteration ${(i + 1).toLocaleString('en')}`;
    if (loss > peak) {
      peak = loss;
      peakAt = i;
    }
    low = Math.min(low, loss);
  }
  const last = losses[n - 1] as number;
  if (peak > first * (1 + 1e-9)) {
    return `the loss rose from ${lossText(first)} to ${lossText(peak)} at iteration ${(peakAt + 1).toLocaleString('en')} and ended at ${lossText(last)}`;
  }
  if (last > low * 1.5 && last - low > 1e-9) return `the loss fell to ${lossText(low)}, then rose again to ${lossText(last)}`;
  return null;
}

/** The test-set metrics of a fitted model (NaN where one is not defined for these rows). */
function testMetrics(model: LogisticRegression, data: Prepared): FinishedRun['metrics'] {
  const XTest = data.kind === 'dense' ? Matrix.from(data.XTest, data.nTest, data.cols) : CsrMatrix.from(data.XTest);
  const accuracy = model.score(XTest, data.yTest);
  const proba = model.predictProba(XTest);
  if (XTest instanceof CsrMatrix) XTest.dispose();
  const labels = model.classes as Label[];
  const why: { logLoss?: string; rocAuc?: string } = {};
  let loss = NaN;
  let auc = NaN;
  try {
    loss = logLoss(data.yTest as Label[], proba, { labels });
  } catch (error) {
    why.logLoss = (error as Error).message;
  }
  try {
    auc =
      labels.length === 2
        ? rocAuc(data.yTest as Label[], Float64Array.from({ length: proba.rows }, (_, i) => proba.get(i, 1)), { labels })
        : rocAuc(data.yTest as Label[], proba, { multiClass: 'ovr', labels });
  } catch (error) {
    why.rocAuc = (error as Error).message;
  }
  return { accuracy, logLoss: loss, rocAuc: auc, undefinedBecause: why };
}

/** Warnings, including a divergence the page reads in the loss, and how to read the fit. */
function finish(run: Omit<FinishedRun, 'outcome' | 'metrics'>): FinishedRun & { diverged: string | null } {
  const diverged = divergence(run.lossHistory);
  const warnings = [...run.warnings];
  if (diverged !== null) {
    const remedy =
      run.settings.solver === 'gd'
        ? 'The learning rate is too large for this data: lower it, or scale the features (for example to mean 0 and variance 1).'
        : 'The data are too badly scaled for this solver: scale the features (for example to mean 0 and variance 1).';
    warnings.unshift(`The fit diverged: ${diverged}. ${remedy}`);
  }
  const outcome: Outcome = diverged !== null ? 'diverged' : warnings.length > 0 ? 'warning' : 'ok';
  return { ...run, warnings, outcome, metrics: testMetrics(run.model, run.data), diverged };
}

function showResults(run: FinishedRun): void {
  const { model, data, fitTime } = run;
  const why = run.metrics.undefinedBecause;
  setMetric('m-accuracy', fmt(run.metrics.accuracy), run.metrics.accuracy);
  if (Number.isNaN(run.metrics.logLoss)) setMetric('m-logloss', 'n/a', undefined, why.logLoss);
  else setMetric('m-logloss', fmt(run.metrics.logLoss), run.metrics.logLoss);
  if (Number.isNaN(run.metrics.rocAuc)) setMetric('m-auc', 'n/a', undefined, why.rocAuc);
  else setMetric('m-auc', fmt(run.metrics.rocAuc), run.metrics.rocAuc);
  setMetric(
    'm-time',
    fitTime < 10 ? `${fitTime.toFixed(2)} ms` : fitTime < 10_000 ? `${fitTime.toFixed(0)} ms` : `${(fitTime / 1000).toFixed(1)} s`,
    fitTime,
    'Time of fit() in the worker, including the loss evaluated at every iteration for the live curve (a fresh worker also compiles the WebAssembly on first use)',
  );
  setMetric('m-iter', model.nIter.toLocaleString('en'), model.nIter, model.converged ? 'converged' : 'stopped at the iteration limit');
  setMetric('m-rows', `${data.nTrain.toLocaleString('en')} / ${data.nTest.toLocaleString('en')}`);
  const ending = model.converged
    ? 'converged'
    : run.settings.tol === 0
      ? 'as many as asked for (tolerance 0)'
      : 'stopped at the iteration limit before reaching the tolerance';
  const iterations = `${model.nIter.toLocaleString('en')} ${model.nIter === 1 ? 'iteration' : 'iterations'}`;
  // The threads the passes ran on, not the ones asked for (see FinishedRun.threads).
  const where =
    run.threads > 1
      ? `in a worker on ${run.threads} threads`
      : run.settings.threads > 1
        ? `in a worker on 1 thread (${run.settings.threads} asked; ${crossOriginIsolated ? 'passes split rows in chunks of 2,048' : 'threads need a cross-origin isolated page'})`
        : 'in a worker';
  document.body.dataset['outcome'] = run.outcome;
  if (run.outcome === 'diverged') {
    statusText.textContent = `Diverged in ${iterations}: the model below is not a fit of the data.`;
    showWarning(run.warnings.join('\n'));
  } else if (run.outcome === 'warning') {
    statusText.textContent = `Trained ${where}: ${iterations}, ${ending}; see the warning.`;
    showWarning(run.warnings.join('\n'));
  } else {
    statusText.textContent = `Trained ${where}: ${iterations}, ${ending}.`;
  }
  $('data-source').textContent = `Data: ${data.source}; ${data.nTrain} training and ${data.nTest} test rows.`;
  downloadButton.disabled = false;
  downloadVectorizerButton.hidden = vectorizer === null;
  drawAll();
  addRun(run);
  if (vectorizer !== null) classifySentence();
  // Hashed features have no names to show.
  const names = vectorizer instanceof TfidfVectorizer ? vectorizer.getFeatureNamesOut() : null;
  $('top-words-box').hidden = names === null;
  if (names !== null) renderTopWords($('top-words'), topWords(model, names, 8));
}

function drawAll(): void {
  const text = current?.data.kind === 'text';
  $('classify-figure').hidden = !text;
  drawView(current);
  drawLoss();
  showInsight(current);
  showRace(current);
}

function drawLoss(): void {
  const size = chartSize($('loss-box'), 0.62, 300);
  // The chart's hint for an empty frame asks for a run; during one, it says the run is under way.
  const state = document.body.dataset['state'];
  const emptyText = state === 'preparing' ? 'Preparing the data…' : state === 'training' ? 'Training… the curve starts at the first report' : undefined;
  renderLoss(lossSvg, { ...size, iters: liveIters, losses: liveLosses, maxIter: lossAxisMax, ...(emptyText === undefined ? {} : { emptyText }) });
  if (state !== 'training') describeLoss();
}

/** The loss chart's text alternative: how the loss went, and the curve's values (at most 100 rows, evenly spaced). */
function describeLoss(): void {
  const box = $('loss-text');
  const n = liveLosses.length;
  if (n === 0) {
    box.replaceChildren();
    return;
  }
  const first = liveLosses[0] as number;
  const last = liveLosses[n - 1] as number;
  const step = Math.max(1, Math.ceil(n / 100));
  const rows: [number, number][] = [];
  for (let i = 0; i < n; i += step) rows.push([liveIters[i] as number, liveLosses[i] as number]);
  if ((n - 1) % step !== 0) rows.push([liveIters[n - 1] as number, last]);
  renderDataTable(box, {
    summary: `The loss went from ${lossText(first)} at iteration ${liveIters[0] as number} to ${lossText(last)} at iteration ${(liveIters[n - 1] as number).toLocaleString('en')}.`,
    caption: step === 1 ? 'Loss per iteration' : `Loss at every ${step}th iteration, and the last`,
    columns: ['Iteration', 'Loss'],
    rows,
  });
}

/** Offers `value`'s JSON as a file download. */
function downloadJson(value: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------- text

function classifySentence(): void {
  const list = $('sentence-proba');
  if (current === null || vectorizer === null) {
    list.replaceChildren();
    return;
  }
  renderProbabilities(list, classify(current.model, vectorizer, sentenceInput.value));
}

// ---------------------------------------------------------------- wiring

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void train();
});
cancelButton.addEventListener('click', cancel);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && controller !== null && !cancelButton.disabled) {
    event.preventDefault();
    cancel();
  }
});

/** The page back to its start (status and results cleared), with the form's settings as they are. */
function resetPage(): void {
  clearMessage();
  clearResults();
  setState('ready');
  progressBar.max = 1;
  progressBar.value = 0;
  statusText.textContent = 'Ready.';
}

/**
 * Reference settings: the form back to the reference experiment and the page back to its
 * start; the data the user loaded (CSV text or file, labelled text) stays, for when they
 * switch back to it.
 */
resetButton.addEventListener('click', () => {
  if (controller !== null) cancel();
  const restore = keepLoadedData();
  form.reset();
  fillThreadOptions();
  restore();
  syncModelFields();
  resetPage();
  history.replaceState(null, '', location.pathname);
});
downloadButton.addEventListener('click', () => current !== null && downloadJson(current.model, 'logreg-model.json'));
downloadVectorizerButton.addEventListener('click', () => vectorizer !== null && downloadJson(vectorizer, 'logreg-vectorizer.json'));
let classifyQueued = false;
sentenceInput.addEventListener('input', () => {
  if (classifyQueued) return;
  classifyQueued = true;
  requestAnimationFrame(() => {
    classifyQueued = false;
    classifySentence();
  });
});
form.addEventListener('input', (event) => clearFieldError(event.target as HTMLElement));
form.addEventListener('change', (event) => {
  clearFieldError(event.target as HTMLElement);
  syncModelFields();
});
let resizeQueued = false;
new ResizeObserver(() => {
  if (resizeQueued) return;
  resizeQueued = true;
  requestAnimationFrame(() => {
    resizeQueued = false;
    drawAll();
  });
}).observe($('scatter-box'));

const isolation = $('isolation');
isolation.textContent = crossOriginIsolated ? 'threads available' : 'one thread (not cross-origin isolated)';
isolation.classList.toggle('ok', crossOriginIsolated);
isolation.title = crossOriginIsolated
  ? 'COOP/COEP headers are set: SharedArrayBuffer, and so threads, are available; pick the thread count under Model'
  : 'Served without COOP/COEP headers: no SharedArrayBuffer, so every fit runs on one thread';
$('version').textContent = `${navigator.hardwareConcurrency} logical cores`;

fillThreadOptions();
wireDataForm();
/** Puts a run's settings (a URL's query, see url-state.ts) into the form. */
function restoreSettings(query: string): void {
  applySettingsQuery(query);
  syncDataFields();
  syncModelFields();
}
// A link with settings opens with them in the form.
if (location.search.length > 1) restoreSettings(location.search.slice(1));
showHistory(restoreSettings);
syncModelFields();
drawAll();
setState('ready');
