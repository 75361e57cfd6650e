/**
 * The race: the WebAssembly core against the plain-JS baseline on the data of the run on
 * show, drawn into the `#race` section. Full-batch gradient descent, the same iterations in
 * every lane, run in a worker of its own (race-worker.ts) one lane after another; each
 * lane's bar grows while it runs and ends at its median time, with the measured ratios
 * written out and the same figures in a data table.
 * @module
 */
import { $ } from './form.js';
import { summaryPending } from './insight.js';
import type { LaneKey, RaceReply, RaceRequest } from './race-worker.js';
import type { FinishedRun } from './run.js';
import { renderDataTable } from '../viz/data-table.js';

/** Timed repeats of a lane at least (a fast lane repeats more, to run about {@link LANE_MS}). */
const REPEATS = 3;
/** Aimed-at milliseconds of one repeat of the plain-JS loop, the slowest lane. */
const TARGET_MS = 700;
/** Aimed-at milliseconds of a whole lane. */
const LANE_MS = 600;
/** Largest difference of coefficients, relative to the largest, that counts as the same. */
const AGREE = 1e-9;
/** The learning rate when the run's own cannot be used (not gradient descent, or it diverged). */
const DEFAULT_RATE = 0.01;

interface Lane {
  key: LaneKey;
  name: string;
  /** Threads the lane asks for. */
  threads: number;
  times: number[];
  repeats: number;
  passThreads: number;
  params: Float64Array | null;
  /** performance.now() when the repeat under way started, or null. */
  startedAt: number | null;
  row: HTMLElement;
  bar: HTMLElement;
  value: HTMLElement;
}

/** The run the section was drawn for, and what its race needs. */
let shown: FinishedRun | null = null;
let worker: Worker | null = null;
let lanes: Lane[] = [];
let iterations = 0;
let frame = 0;
let parts: ReturnType<typeof buildSection> | null = null;

/**
 * Offers the race on `run`'s data, or hides the section when there is no dense numeric
 * run. Cheap when called again with the same run (the page calls it on every redraw); a
 * different run cancels a race under way and clears the lanes.
 */
export function showRace(run: FinishedRun | null): void {
  const section = $('race');
  section.hidden = run === null || run.data.kind !== 'dense';
  if (run === shown) return;
  stopRace();
  shown = run;
  if (run === null || run.data.kind !== 'dense') return;
  parts ??= buildSection(section);
  const classes = run.model.classes;
  const binary = classes.length === 2;
  const { nTrain, cols } = run.data;
  const rate = learningRateOf(run);
  parts.intro.textContent = binary
    ? `Full-batch gradient descent on this run's ${nTrain.toLocaleString('en')} × ${cols} training data (learning rate ${rate}), ` +
      'the same iterations in each lane: the plain-JavaScript loop the library is tested against, then the WebAssembly core on one thread and on several. ' +
      'Lanes run one after another, so that they do not share the cores; each is repeated and its median time shown.'
    : `The plain-JavaScript baseline trains two classes only; this run has ${classes.length}, so there is no race for it.`;
  parts.controls.hidden = !binary;
  parts.status.textContent = '';
  clearFigures(parts);
  parts.start.disabled = false;
  parts.cancel.disabled = true;
}

function learningRateOf(run: FinishedRun): number {
  return run.settings.solver === 'gd' && run.outcome !== 'diverged' && run.settings.learningRate !== undefined ? run.settings.learningRate : DEFAULT_RATE;
}

/** Threads of the third lane: the picker's count when it asked for more than one, else every core (at most 8); 1 without shared memory. */
function raceThreads(run: FinishedRun): number {
  if (!crossOriginIsolated) return 1;
  return run.settings.threads > 1 ? run.settings.threads : Math.min(8, navigator.hardwareConcurrency || 1);
}

function buildSection(section: HTMLElement) {
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, id?: string): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    node.className = className;
    if (id !== undefined) node.id = id;
    return node;
  };
  const intro = make('p', 'help race-intro', 'race-intro');
  const controls = make('div', 'race-controls');
  const start = make('button', 'primary', 'race-start');
  start.type = 'button';
  start.textContent = 'Race';
  const cancel = make('button', '', 'race-cancel');
  cancel.type = 'button';
  cancel.textContent = 'Cancel race';
  cancel.disabled = true;
  const status = make('span', 'race-status', 'race-status');
  status.setAttribute('role', 'status');
  controls.append(start, cancel, status);
  const figure = make('figure', 'race-figure');
  const lanesBox = make('div', 'race-lanes', 'race-lanes');
  lanesBox.setAttribute('aria-describedby', 'race-caption');
  const caption = make('figcaption', '', 'race-caption');
  caption.textContent = 'Median time per iteration of each lane (shorter is faster); a bar grows while its lane runs.';
  const ratios = make('p', 'race-ratios', 'race-ratios');
  const note = make('p', 'help race-note', 'race-note');
  const agreement = make('p', 'help race-agreement', 'race-agreement');
  const text = make('div', 'race-text', 'race-text');
  figure.append(lanesBox, caption, ratios, note, agreement, text);
  section.append(intro, controls, figure);
  start.addEventListener('click', () => {
    if (shown !== null) void raceWhenIdle(shown);
  });
  cancel.addEventListener('click', () => {
    stopRace();
    status.textContent = 'Race cancelled.';
    finishLanes();
    start.focus();
  });
  return { intro, controls, start, cancel, status, lanes: lanesBox, ratios, note, agreement, text };
}

/** Empties the lanes, ratios, notes and data table of a race shown before. */
function clearFigures(p: NonNullable<typeof parts>): void {
  p.lanes.replaceChildren();
  p.lanes.hidden = true;
  p.ratios.textContent = '';
  p.note.textContent = '';
  p.agreement.textContent = '';
  p.text.replaceChildren();
}

/** Bumped by stopRace: a race waiting for the cores to be free gives up when it changes. */
let waitToken = 0;

/**
 * Starts the race once the insight's summary refit (a worker of its own) has finished, so
 * that the lanes do not share the cores with it.
 */
async function raceWhenIdle(run: FinishedRun): Promise<void> {
  if (parts === null) return;
  stopRace();
  const token = waitToken;
  if (summaryPending()) {
    parts.status.textContent = 'Waiting for the confidence intervals’ refit to finish, so that the lanes have the cores to themselves…';
    parts.start.disabled = true;
    parts.cancel.disabled = false;
    while (summaryPending()) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (token !== waitToken) return;
    }
  }
  if (shown === run) startRace(run);
}

function startRace(run: FinishedRun): void {
  if (parts === null || run.data.kind !== 'dense') return;
  stopRace();
  const p = parts;
  const data = run.data;
  const positive = run.model.classes[1];
  const threads = raceThreads(run);
  const request: RaceRequest = {
    X: data.XTrain.slice(),
    rows: data.nTrain,
    cols: data.cols,
    y: Float64Array.from(data.yTrain, (label) => (label === positive ? 1 : 0)),
    learningRate: learningRateOf(run),
    threads,
    repeats: REPEATS,
    laneMs: LANE_MS,
    targetMs: TARGET_MS,
  };
  const names: Record<LaneKey, string> = {
    js: 'Plain JavaScript',
    'wasm-1': 'WebAssembly, 1 thread',
    'wasm-n': `WebAssembly, ${threads} threads`,
  };
  lanes = [];
  iterations = 0;
  clearFigures(p);
  p.status.textContent = 'Timing the plain-JavaScript loop to choose the iterations…';
  p.start.disabled = true;
  p.cancel.disabled = false;
  const current = new Worker(new URL('./race-worker.js', import.meta.url), { type: 'module', name: 'demo race' });
  worker = current;
  current.addEventListener('message', (event: MessageEvent<RaceReply>) => {
    if (worker !== current) return;
    const reply = event.data;
    switch (reply.type) {
      case 'plan': {
        iterations = reply.iterations;
        lanes = reply.lanes.map((key) => makeLane(key, names[key], key === 'wasm-n' ? reply.threadsStarted : 1));
        p.lanes.replaceChildren(...lanes.map((lane) => lane.row));
        p.lanes.hidden = false;
        if (threads > 1 && reply.threadsStarted === 1) p.agreement.textContent = 'No threads could start here, so there is no lane on several threads.';
        else if (threads === 1) p.agreement.textContent = 'Threads need a cross-origin isolated page and more than one core, so there is no lane on several threads.';
        break;
      }
      case 'repeat-start': {
        const lane = laneOf(reply.lane);
        lane.startedAt = performance.now();
        lane.row.dataset['state'] = 'running';
        p.status.textContent = `${lane.name}: repeat ${reply.repeat}${lane.repeats > 0 ? ` of ${lane.repeats}` : ''}, ${iterations.toLocaleString('en')} iterations…`;
        animate();
        break;
      }
      case 'repeat': {
        const lane = laneOf(reply.lane);
        lane.startedAt = null;
        lane.times.push(reply.ms);
        lane.repeats = reply.repeats;
        lane.passThreads = Math.max(lane.passThreads, reply.passThreads);
        drawLanes();
        break;
      }
      case 'lane':
        laneOf(reply.lane).params = reply.params;
        laneOf(reply.lane).row.dataset['state'] = 'done';
        break;
      case 'done':
        stopRace();
        p.status.textContent = `Done: ${lanes.length} lanes, ${iterations.toLocaleString('en')} iterations each, every lane repeated ${orderedRepeats()}.`;
        finishLanes();
        break;
      case 'error':
        stopRace();
        p.status.textContent = `The race failed: ${reply.message}`;
        finishLanes();
        break;
    }
  });
  current.addEventListener('error', (event) => {
    event.preventDefault();
    if (worker !== current) return;
    stopRace();
    p.status.textContent = `The race worker failed: ${event.message || 'it could not start'}`;
  });
  current.postMessage(request, [request.X.buffer, request.y.buffer]);
}

function orderedRepeats(): string {
  const counts = lanes.map((lane) => lane.times.length);
  return counts.every((n) => n === counts[0]) ? `${counts[0]} times` : `${counts.join(', ')} times (a fast lane repeats more)`;
}

/** Stops the race under way, if any (its worker and threads end at once). */
function stopRace(): void {
  waitToken++;
  worker?.terminate();
  worker = null;
  clearTimeout(frame);
  for (const lane of lanes) lane.startedAt = null;
  if (parts !== null) {
    parts.start.disabled = false;
    parts.cancel.disabled = true;
  }
}

function laneOf(key: LaneKey): Lane {
  const lane = lanes.find((l) => l.key === key);
  if (lane === undefined) throw new Error(`race: no lane '${key}'`);
  return lane;
}

function makeLane(key: LaneKey, name: string, threads: number): Lane {
  const row = document.createElement('div');
  row.className = 'race-lane';
  row.dataset['lane'] = key;
  const label = document.createElement('span');
  label.className = 'race-name';
  label.textContent = name;
  const track = document.createElement('div');
  track.className = 'race-track';
  track.setAttribute('aria-hidden', 'true');
  const bar = document.createElement('div');
  bar.className = 'race-bar';
  track.append(bar);
  const value = document.createElement('span');
  value.className = 'race-time';
  value.textContent = 'waiting';
  row.append(label, track, value);
  return { key, name, threads, times: [], repeats: 0, passThreads: 1, params: null, startedAt: null, row, bar, value };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Milliseconds per iteration as the page writes them: 3 significant digits. */
export function msText(ms: number): string {
  return String(Number(ms.toPrecision(3)));
}

/** A ratio as the page writes it: one decimal. */
export function ratioText(ratio: number): string {
  return ratio.toFixed(1);
}

/** Median milliseconds per iteration of a lane with at least one repeat, else NaN. */
function perIteration(lane: Lane): number {
  return lane.times.length === 0 ? NaN : median(lane.times) / iterations;
}

/**
 * Each lane's bar at its median time, or while its first repeat runs at the time taken so
 * far; the longest bar spans the track (before any lane has finished, the aimed-at time of
 * a plain-JS repeat does).
 */
function drawLanes(): void {
  const now = performance.now();
  const shownMs = lanes.map((lane) =>
    lane.times.length > 0 ? median(lane.times) : lane.startedAt !== null ? now - lane.startedAt : 0,
  );
  const anyFinished = lanes.some((lane) => lane.times.length > 0);
  const scaleMs = Math.max(anyFinished ? 0 : TARGET_MS, ...shownMs, 1e-9);
  lanes.forEach((lane, i) => {
    lane.bar.style.width = `${((100 * (shownMs[i] as number)) / scaleMs).toFixed(2)}%`;
    if (lane.times.length > 0) {
      const each = perIteration(lane);
      lane.value.textContent = `${msText(each)} ms / iteration`;
      lane.value.dataset['value'] = String(each);
    } else if (lane.startedAt !== null) {
      lane.value.textContent = 'running…';
    }
  });
}

/**
 * Milliseconds between redraws of a running lane's bar. Four a second, not every frame:
 * on a two-core machine a page redrawing at 60 frames a second takes much of a core from
 * the lane on two threads (measured: the race then showed 2 threads at 0.9× one thread).
 */
const REDRAW_MS = 250;

function animate(): void {
  clearTimeout(frame);
  const step = (): void => {
    drawLanes();
    if (lanes.some((lane) => lane.startedAt !== null)) frame = window.setTimeout(step, REDRAW_MS);
  };
  frame = window.setTimeout(step, REDRAW_MS);
}

/** The ratios, the coefficients' agreement and the data table, from the lanes that finished. */
function finishLanes(): void {
  if (parts === null) return;
  const p = parts;
  drawLanes();
  const finished = lanes.filter((lane) => lane.params !== null);
  for (const lane of lanes) {
    if (lane.params === null) {
      // A lane cut short is not shown with the repeats it managed.
      lane.times = [];
      lane.row.dataset['state'] = 'not-run';
      lane.bar.style.width = '0%';
      lane.value.textContent = 'not run';
      delete lane.value.dataset['value'];
    }
  }
  const js = finished.find((lane) => lane.key === 'js');
  const one = finished.find((lane) => lane.key === 'wasm-1');
  const many = finished.find((lane) => lane.key === 'wasm-n');
  const sentences: string[] = [];
  const ratioOf = new Map<LaneKey, string>();
  const notes: string[] = [];
  if (js !== undefined && one !== undefined) {
    const r = ratioText(perIteration(js) / perIteration(one));
    ratioOf.set('wasm-1', `${r}× plain JS`);
    sentences.push(`WebAssembly on 1 thread: ${r}× the speed of the plain-JavaScript loop`);
  }
  if (one !== undefined && many !== undefined) {
    const r = ratioText(perIteration(one) / perIteration(many));
    ratioOf.set('wasm-n', `${r}× 1 thread`);
    // A lane whose passes all ran on one thread did what the one-thread lane did: its
    // ratio is the two lanes' run-to-run difference, and is not called a gain from threads.
    sentences.push(
      many.passThreads === 1
        ? `${many.threads} threads asked, but every pass ran on one thread: ${r}× one thread is the run-to-run difference of two equal lanes`
        : `${many.threads} threads: ${r}× one thread`,
    );
    const rows = shown?.data.nTrain.toLocaleString('en') ?? '';
    if (many.passThreads < many.threads) {
      notes.push(
        `The passes of the ${many.threads}-thread lane ran on ${many.passThreads === 1 ? '1 thread' : `${many.passThreads} threads`}: a pass is split by chunks of 2,048 rows, and ${rows} rows make fewer chunks than threads.`,
      );
    }
  }
  p.ratios.textContent = sentences.length > 0 ? `${sentences.join('; ')}.` : '';
  p.note.textContent = notes.join(' ');
  if (js !== undefined && finished.length > 1) {
    const reference = js.params as Float64Array;
    const largest = Math.max(...reference.map(Math.abs), Number.MIN_VALUE);
    const worst = Math.max(...finished.map((lane) => maxDifference(lane.params as Float64Array, reference))) / largest;
    const count = finished.length === 3 ? 'The three lanes' : 'The lanes';
    const identical = one !== undefined && many !== undefined && maxDifference(one.params as Float64Array, many.params as Float64Array) === 0;
    p.agreement.dataset['agree'] = String(worst <= AGREE);
    p.agreement.textContent =
      worst <= AGREE
        ? `${count} reach the same coefficients: ${worst === 0 ? "the plain-JavaScript loop's, bit for bit" : `they differ from the plain-JavaScript loop's by at most ${worst.toExponential(1)} of the largest`} (checked to ${AGREE.toExponential(0)})${identical ? '; 1 and several threads bit for bit' : ''}.`
        : `${count} do NOT reach the same coefficients: they differ from the plain-JavaScript loop's by up to ${worst.toExponential(1)} of the largest (more than ${AGREE.toExponential(0)}).`;
  }
  if (lanes.some((lane) => lane.times.length > 0)) {
    renderDataTable(p.text, {
      summary: [p.ratios.textContent || 'No lane pair finished.', p.note.textContent, `${iterations.toLocaleString('en')} iterations per repeat.`].filter((part) => part !== '').join(' '),
      caption: 'The race: median milliseconds per iteration of each lane',
      columns: ['Lane', 'Iterations', 'Repeats', 'Median ms / iteration', 'Ratio'],
      rows: lanes
        .filter((lane) => lane.times.length > 0)
        .map((lane) => [lane.name, iterations.toLocaleString('en'), String(lane.times.length), msText(perIteration(lane)), ratioOf.get(lane.key) ?? (lane.key === 'js' ? '1 (yardstick)' : '–')]),
    });
  }
}

function maxDifference(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}
