/**
 * The demo page: data → split (in a data worker; text also becomes features there) → fit
 * (in a worker, via fitInWorker) → metrics and plots, or for text a box that classifies
 * what the user types (on this thread). User text only ever reaches the page through
 * `textContent`, `value` and attributes, never as markup.
 * @module
 */
import { CsrMatrix, type Label, LogisticRegression, Matrix, TfidfVectorizer, logLoss, rocAuc } from 'logreg-wasm';
import { fitInWorker } from 'logreg-wasm/worker';
import { previewColumns } from './csv.js';
import { classify, renderProbabilities, renderTopWords, type TextVectorizer, topWords, vectorizerOf } from './classify.js';
import type { DataReply, DataRequest, Prepared, PreparedData, TextFeatureSettings } from './data.js';
import { clipLine, type Point } from '../viz/clip.js';
import { classFill, classStroke } from '../viz/colors.js';
import { type Domain, paddedDomain } from '../viz/domain.js';
import { renderLoss } from '../viz/loss-chart.js';
import { renderScatter } from '../viz/scatter-chart.js';

type State = 'ready' | 'preparing' | 'training' | 'done' | 'error' | 'cancelled';

const $ = <T extends HTMLElement>(id: string): T => {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`#${id} is missing`);
  return node as T;
};
const form = $<HTMLFormElement>('controls');
const trainButton = $<HTMLButtonElement>('train');
const cancelButton = $<HTMLButtonElement>('cancel');
const resetButton = $<HTMLButtonElement>('reset-settings');
const downloadButton = $<HTMLButtonElement>('download');
const downloadVectorizerButton = $<HTMLButtonElement>('download-vectorizer');
const sentenceInput = $<HTMLInputElement>('sentence');
const messageBox = $<HTMLDivElement>('message');
const statusText = $<HTMLSpanElement>('status');
const progressBar = $<HTMLProgressElement>('progress');
const scatterSvg = document.getElementById('scatter') as unknown as SVGSVGElement;
const lossSvg = document.getElementById('loss') as unknown as SVGSVGElement;
const resultsBox = $<HTMLElement>('results');
const field = (name: string): HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement =>
  form.elements.namedItem(name) as HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement;

/** Largest data set the page accepts (values of X), to keep memory sane in a tab. */
const MAX_VALUES = 20_000_000;
const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_DRAWN_POINTS = 2000;
const SCATTER_CAPTION = $('scatter-caption').textContent ?? '';

// ---------------------------------------------------------------- state

function setState(state: State): void {
  document.body.dataset['state'] = state;
  const busy = state === 'preparing' || state === 'training';
  trainButton.disabled = busy;
  cancelButton.disabled = !busy;
  form.setAttribute('aria-busy', String(busy));
}

/**
 * Shows `text` in the alert box by the Train button and, for fields, under them too (on a
 * phone the two can be a screen apart): every field named is marked invalid, the note goes
 * under the last of them in the form, and the first named gets the focus; without a field,
 * the box gets it.
 */
function showMessage(text: string, fieldName?: string, alsoInvalid: readonly string[] = []): void {
  clearMessage();
  messageBox.textContent = text;
  messageBox.hidden = false;
  const target = fieldName === undefined ? null : field(fieldName);
  if (target !== null && target !== undefined) {
    const marked = [target, ...alsoInvalid.map((name) => field(name))];
    for (const input of marked) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-errormessage', 'message');
    }
    const last = marked.reduce((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? b : a));
    const note = document.createElement('span');
    note.className = 'field-error';
    note.setAttribute('aria-hidden', 'true'); // the alert box already says it
    note.textContent = text;
    (last.closest('label') ?? last).after(note); // in a grid, on a row of its own (see style.css)
    target.focus();
  } else {
    messageBox.focus();
  }
}

/**
 * Shows what a finished fit should be read with (the library's warnings, a divergence) in
 * the alert box, styled as a warning; the focus stays where it is.
 */
function showWarning(text: string): void {
  clearMessage();
  messageBox.textContent = text;
  messageBox.classList.add('warning');
  messageBox.hidden = false;
}

function clearMessage(): void {
  messageBox.hidden = true;
  messageBox.textContent = '';
  messageBox.classList.remove('warning', 'resolved');
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const node of form.querySelectorAll('.field-error')) node.remove();
}

// ---------------------------------------------------------------- reading the form

/** A form value the page refuses: `field` is focused, `alsoInvalid` are marked with it. */
class FieldError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly alsoInvalid: readonly string[] = [],
  ) {
    super(message);
  }
}

function labelOf(name: string): string {
  const input = field(name);
  const label = input.closest('label');
  return (label?.childNodes[0]?.textContent ?? name).trim();
}

function readNumber(name: string, rule: { min?: number; max?: number; integer?: boolean; above?: number }): number {
  const input = field(name);
  const label = labelOf(name);
  const raw = input.value.trim();
  if (raw === '' || input.validity?.badInput) throw new FieldError(`${label}: enter a number.`, name);
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new FieldError(`${label}: ${raw} is not a finite number.`, name);
  if (rule.integer === true && !Number.isInteger(value)) throw new FieldError(`${label}: ${raw} is not a whole number.`, name);
  if (rule.above !== undefined && !(value > rule.above)) throw new FieldError(`${label} must be greater than ${rule.above}; got ${raw}.`, name);
  if (rule.min !== undefined && value < rule.min) throw new FieldError(`${label} must be at least ${rule.min}; got ${raw}.`, name);
  if (rule.max !== undefined && value > rule.max) throw new FieldError(`${label} must be at most ${rule.max.toLocaleString('en')}; got ${raw}.`, name);
  return value;
}

let csvFile: { name: string; text: string } | null = null;
const CSV_PLACEHOLDER = field('csvText').placeholder;

function readDataRequest(): DataRequest {
  const split = {
    testSize: readNumber('testSize', { min: 0.05, max: 0.95 }),
    randomState: readNumber('splitSeed', { integer: true, min: 0, max: 2 ** 32 - 1 }),
  };
  const source = (form.elements.namedItem('source') as RadioNodeList).value;
  if (source === 'text') {
    const text = field('textData').value;
    if (text.trim() === '') throw new FieldError('Text: paste labelled text (a header, then label and text on each line) or load the sample.', 'textData');
    const features: TextFeatureSettings = {
      vectorizer: field('vectorizer').value === 'hashing' ? 'hashing' : 'tfidf',
      maxN: field('ngram').value === '2' ? 2 : 1,
    };
    return { kind: 'text', text, features, split };
  }
  if (source === 'csv') {
    const text = csvFile?.text ?? field('csvText').value;
    if (text.trim() === '') throw new FieldError('CSV: paste some CSV text or choose a file.', 'csvText');
    return { kind: 'csv', text, target: field('target').value, split };
  }
  const nSamples = readNumber('nSamples', { integer: true, min: 10, max: 1_000_000 });
  const nFeatures = readNumber('nFeatures', { integer: true, min: 1, max: 1000 });
  if (nSamples * nFeatures > MAX_VALUES) {
    throw new FieldError(
      `Samples × features = ${(nSamples * nFeatures).toLocaleString('en')} values is more than this page handles (${MAX_VALUES.toLocaleString('en')}).`,
      'nSamples',
    );
  }
  const options = {
    nSamples,
    nFeatures,
    nInformative: readNumber('nInformative', { integer: true, min: 1, max: nFeatures }),
    nRedundant: readNumber('nRedundant', { integer: true, min: 0 }),
    nClasses: readNumber('nClasses', { integer: true, min: 2, max: 20 }),
    nClustersPerClass: readNumber('nClustersPerClass', { integer: true, min: 1, max: 20 }),
    classSep: readNumber('classSep', { min: -1e6, max: 1e6 }),
    flipY: readNumber('flipY', { min: 0, max: 1 }),
    randomState: readNumber('randomState', { integer: true, min: 0, max: 2 ** 32 - 1 }),
  };
  const clusters = options.nClasses * options.nClustersPerClass;
  if (clusters > 2 ** options.nInformative) {
    // makeClassification puts each cluster on its own vertex of the informative hypercube.
    const [classes, perClass, informative] = ['nClasses', 'nClustersPerClass', 'nInformative'].map(labelOf) as [string, string, string];
    throw new FieldError(
      `${classes} × ${perClass.toLowerCase()} (${options.nClasses} × ${options.nClustersPerClass} = ${clusters}) must be at most 2 to the power ${informative} (2${superscript(options.nInformative)} = ${2 ** options.nInformative}): raise ${informative}, or lower ${classes} or ${perClass}.`,
      'nInformative',
      ['nClasses', 'nClustersPerClass'],
    );
  }
  if (options.nInformative + options.nRedundant > nFeatures) {
    throw new FieldError(
      `Informative + redundant (${options.nInformative} + ${options.nRedundant}) must not exceed the number of features (${nFeatures}).`,
      'nRedundant',
    );
  }
  return { kind: 'generate', options, split };
}

function superscript(n: number): string {
  return String(n).replace(/\d/g, (digit) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(digit)] as string);
}

/** The text of the option `value` of the select `name`, as the form shows it. */
function optionText(name: string, value: string): string {
  const option = [...(field(name) as HTMLSelectElement).options].find((o) => o.value === value);
  return (option?.textContent ?? value).trim();
}

/** "a, b or c" */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) as string}`;
}

interface ModelSettings {
  solver: 'gd' | 'lbfgs' | 'newton' | 'newton-cd' | 'owlqn';
  penalty: 'none' | 'l2' | 'l1' | 'elasticnet';
  /** Only with a penalty, l1Ratio only with elastic net, learningRate only for gd: the library warns about an option it ignores. */
  C?: number;
  l1Ratio?: number;
  learningRate?: number;
  maxIter: number;
  tol: number;
}

function readModelSettings(): ModelSettings {
  const penalty = field('penalty').value as ModelSettings['penalty'];
  const solver = field('solver').value as ModelSettings['solver'];
  const settings: ModelSettings = { solver, penalty, maxIter: 1, tol: 0 };
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

function syncEnabled(): void {
  const source = (form.elements.namedItem('source') as RadioNodeList).value;
  $('generate-fields').hidden = source !== 'generate';
  $('csv-fields').hidden = source !== 'csv';
  $('text-fields').hidden = source !== 'text';
  for (const node of $('generate-fields').querySelectorAll('input')) node.disabled = source !== 'generate';
  const penalty = field('penalty').value;
  field('C').disabled = penalty === 'none';
  field('l1Ratio').disabled = penalty !== 'elasticnet';
  field('learningRate').disabled = field('solver').value !== 'gd';
}

function syncTargetOptions(): void {
  const text = csvFile?.text ?? field('csvText').value;
  const select = field('target');
  const previous = select.value;
  const names = previewColumns(text);
  const options = [new Option('last column', 'last'), ...names.map((name, j) => new Option(`${j + 1}: ${name}`, String(j + 1)))];
  select.replaceChildren(...options);
  select.value = options.some((o) => o.value === previous) ? previous : 'last';
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
let model: LogisticRegression | null = null;
let current: { data: Prepared; settings: ModelSettings } | null = null;
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
    if (model !== null) resultsBox.dataset['stale'] = 'true';
    return;
  }
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
    const where = (error as { field?: string }).field;
    const source =
      request.kind === 'csv' ? (where === 'target' ? 'target' : csvFile === null ? 'csvText' : 'csvFile') : request.kind === 'text' ? 'textData' : undefined;
    showMessage((error as Error).message, source);
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
  statusText.textContent = `Training on ${data.nTrain.toLocaleString('en')} × ${data.cols}…`;
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
    const { model: fitted, fitTime, lossHistory } = await fitting;
    model?.dispose();
    model = fitted;
    current = { data, settings };
    vectorizer = data.kind === 'text' ? vectorizerOf(data.vectorizer) : null;
    liveIters = Array.from(lossHistory, (_, i) => i + 1);
    liveLosses = Array.from(lossHistory);
    lossAxisMax = Math.max(liveIters.length, 1);
    progressBar.max = 1;
    progressBar.value = 1;
    // 'done' first: the results below are drawn in this same task, before anyone can look.
    setState('done');
    showResults(fitTime, lossHistory, warnings);
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
  model?.dispose();
  model = null;
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
  $('scatter-caption').textContent = SCATTER_CAPTION;
  $('legend').replaceChildren();
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

function showResults(fitTime: number, lossHistory: ArrayLike<number>, warnings: readonly string[]): void {
  if (model === null || current === null) return;
  const { data } = current;
  const XTest = data.kind === 'dense' ? Matrix.from(data.XTest, data.nTest, data.cols) : CsrMatrix.from(data.XTest);
  const accuracy = model.score(XTest, data.yTest);
  const proba = model.predictProba(XTest);
  if (XTest instanceof CsrMatrix) XTest.dispose();
  const classes = model.classes as (number | string)[];
  setMetric('m-accuracy', fmt(accuracy), accuracy);
  try {
    const value = logLoss(data.yTest as Label[], proba, { labels: classes as Label[] });
    setMetric('m-logloss', fmt(value), value);
  } catch (error) {
    setMetric('m-logloss', 'n/a', undefined, (error as Error).message);
  }
  try {
    const value =
      classes.length === 2
        ? rocAuc(data.yTest as Label[], Float64Array.from({ length: proba.rows }, (_, i) => proba.get(i, 1)), { labels: classes as Label[] })
        : rocAuc(data.yTest as Label[], proba, { multiClass: 'ovr', labels: classes as Label[] });
    setMetric('m-auc', fmt(value), value);
  } catch (error) {
    setMetric('m-auc', 'n/a', undefined, (error as Error).message);
  }
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
    : current.settings.tol === 0
      ? 'as many as asked for (tolerance 0)'
      : 'stopped at the iteration limit before reaching the tolerance';
  const iterations = `${model.nIter.toLocaleString('en')} ${model.nIter === 1 ? 'iteration' : 'iterations'}`;
  const diverged = divergence(lossHistory);
  if (diverged !== null) {
    const remedy =
      current.settings.solver === 'gd'
        ? 'The learning rate is too large for this data: lower it, or scale the features (for example to mean 0 and variance 1).'
        : 'The data are too badly scaled for this solver: scale the features (for example to mean 0 and variance 1).';
    document.body.dataset['outcome'] = 'diverged';
    statusText.textContent = `Diverged in ${iterations}: the model below is not a fit of the data.`;
    showWarning([`The fit diverged: ${diverged}. ${remedy}`, ...warnings].join('\n'));
  } else if (warnings.length > 0) {
    document.body.dataset['outcome'] = 'warning';
    statusText.textContent = `Trained in a worker: ${iterations}, ${ending}; see the warning.`;
    showWarning(warnings.join('\n'));
  } else {
    document.body.dataset['outcome'] = 'ok';
    statusText.textContent = `Trained in a worker: ${iterations}, ${ending}.`;
  }
  $('data-source').textContent = `Data: ${data.source}; ${data.nTrain} training and ${data.nTest} test rows.`;
  downloadButton.disabled = false;
  downloadVectorizerButton.hidden = vectorizer === null;
  drawAll();
  if (vectorizer !== null) classifySentence();
  // Hashed features have no names to show.
  const names = vectorizer instanceof TfidfVectorizer ? vectorizer.getFeatureNamesOut() : null;
  $('top-words-box').hidden = names === null;
  if (names !== null) renderTopWords($('top-words'), topWords(model, names, 8));
}

function drawAll(): void {
  drawScatter();
  drawLoss();
}

function chartSize(box: HTMLElement, ratio: number, maxHeight: number): { width: number; height: number } {
  const width = Math.max(240, Math.floor(box.clientWidth));
  return { width, height: Math.max(180, Math.min(maxHeight, Math.round(width * ratio))) };
}

function drawLoss(): void {
  const size = chartSize($('loss-box'), 0.62, 300);
  // The chart's hint for an empty frame asks for a run; during one, it says the run is under way.
  const state = document.body.dataset['state'];
  const emptyText = state === 'preparing' ? 'Preparing the data…' : state === 'training' ? 'Training… the curve starts at the first report' : undefined;
  renderLoss(lossSvg, { ...size, iters: liveIters, losses: liveLosses, maxIter: lossAxisMax, ...(emptyText === undefined ? {} : { emptyText }) });
}

function drawScatter(): void {
  const text = current?.data.kind === 'text';
  $('scatter-figure').hidden = text;
  $('classify-figure').hidden = !text;
  if (text) return;
  const box = $('scatter-box');
  const desktop = window.innerWidth > 860;
  const size = chartSize(box, 0.82, desktop ? Math.max(320, window.innerHeight - 260) : 440);
  if (model === null || current === null) {
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
    return;
  }
  const data = current.data as PreparedData;
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
  const legend = $('legend');
  legend.replaceChildren(
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
  if (model === null || vectorizer === null) {
    list.replaceChildren();
    return;
  }
  renderProbabilities(list, classify(model, vectorizer, sentenceInput.value));
}

/**
 * Text trains best with scikit-learn's defaults, not the reference experiment's
 * unpenalised gradient descent: switch to them when the model settings are still the
 * reference's (settings the user chose are left alone).
 */
function useTextDefaults(): void {
  const reference = { solver: 'gd', penalty: 'none', maxIter: '1000', tol: '0' };
  const now = { solver: field('solver').value, penalty: field('penalty').value, maxIter: field('maxIter').value, tol: field('tol').value };
  if (JSON.stringify(now) !== JSON.stringify(reference)) return;
  field('solver').value = 'lbfgs';
  field('penalty').value = 'l2';
  field('C').value = '1';
  field('maxIter').value = '100';
  field('tol').value = '0.0001';
}

async function loadSample(): Promise<void> {
  clearMessage();
  try {
    const response = await fetch(new URL('./brown-sample.tsv', import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    field('textData').value = await response.text();
  } catch (error) {
    showMessage(`The sample could not be loaded (${(error as Error).message}).`, 'textData');
  }
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
/**
 * Reference settings: the form back to the reference experiment and the page back to its
 * start (status and results cleared); the data the user loaded (CSV text or file, labelled
 * text) stays, for when they switch back to it.
 */
resetButton.addEventListener('click', () => {
  if (controller !== null) cancel();
  const kept = { csvText: field('csvText').value, files: field('csvFile').files, textData: field('textData').value };
  form.reset();
  field('csvText').value = kept.csvText;
  field('textData').value = kept.textData;
  if (kept.files !== null && kept.files.length > 0) field('csvFile').files = kept.files;
  syncTargetOptions();
  syncEnabled();
  clearMessage();
  clearResults();
  setState('ready');
  progressBar.max = 1;
  progressBar.value = 0;
  statusText.textContent = 'Ready.';
});
downloadButton.addEventListener('click', () => model !== null && downloadJson(model, 'logreg-model.json'));
downloadVectorizerButton.addEventListener('click', () => vectorizer !== null && downloadJson(vectorizer, 'logreg-vectorizer.json'));
$('load-sample').addEventListener('click', () => void loadSample());
let classifyQueued = false;
sentenceInput.addEventListener('input', () => {
  if (classifyQueued) return;
  classifyQueued = true;
  requestAnimationFrame(() => {
    classifyQueued = false;
    classifySentence();
  });
});
/**
 * Once a highlighted field is edited, its marks and notes (and the alert box) are hidden
 * but keep their room until the next submit: removing them would move the Train button
 * while the pointer is on its way to it, or between its mouse-down and mouse-up, and the
 * click would be lost.
 */
function clearFieldError(target: HTMLElement): void {
  if (target.getAttribute('aria-invalid') !== 'true') return;
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const node of form.querySelectorAll('.field-error')) node.classList.add('resolved');
  messageBox.classList.add('resolved');
}
form.addEventListener('input', (event) => clearFieldError(event.target as HTMLElement));
form.addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (target instanceof HTMLInputElement && target.name === 'source' && target.value === 'text') useTextDefaults();
  clearFieldError(target);
  syncEnabled();
});
field('csvText').addEventListener('input', () => {
  csvFile = null;
  field('csvText').placeholder = CSV_PLACEHOLDER;
  field('csvFile').value = '';
  syncTargetOptions();
});
field('csvFile').addEventListener('change', async () => {
  const file = field('csvFile').files?.[0];
  if (file === undefined) return;
  clearMessage();
  if (file.size > MAX_FILE_BYTES) {
    field('csvFile').value = '';
    showMessage(`${file.name} is ${(file.size / 1048576).toFixed(0)} MB; this page reads CSV files up to ${MAX_FILE_BYTES / 1048576} MB.`, 'csvFile');
    return;
  }
  const text = await file.text();
  if (text.length <= 256 * 1024) {
    csvFile = null;
    field('csvText').value = text;
  } else {
    csvFile = { name: file.name, text };
    field('csvText').value = '';
    field('csvText').placeholder = `${file.name} (${(file.size / 1024).toFixed(0)} KB) is loaded; it is too long to show here.`;
  }
  syncTargetOptions();
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
isolation.textContent = crossOriginIsolated ? 'cross-origin isolated' : 'not cross-origin isolated';
isolation.classList.toggle('ok', crossOriginIsolated);
isolation.title = crossOriginIsolated
  ? 'COOP/COEP headers are set: SharedArrayBuffer (and so threads) are available'
  : 'Served without COOP/COEP headers: no SharedArrayBuffer';
$('version').textContent = `${navigator.hardwareConcurrency} logical cores`;

syncEnabled();
drawAll();
setState('ready');
