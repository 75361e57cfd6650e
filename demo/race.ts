/**
 * The race: the WebAssembly core against the plain-JS baseline on the data of the run on
 * show, drawn into the `#race` section.
 * @module
 */
import { $ } from './form.js';
import type { FinishedRun } from './run.js';

/** Offers the race on `run`'s data, or hides the section when there is no numeric run. */
export function showRace(run: FinishedRun | null): void {
  $('race').hidden = run === null || run.data.kind !== 'dense';
}
