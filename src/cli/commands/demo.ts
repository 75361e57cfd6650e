/**
 * `logreg-wasm demo`: runs the reference experiment and prints its figures.
 * @module
 */
import type { Io } from '../io.js';
import { referenceReport, runReferenceExperiment } from '../reference-experiment.js';

/** Runs `demo`: prints the reference experiment's accuracy, weights, bias and fit time. */
export function demo(io: Io): void {
  io.stdout.write(`${referenceReport(runReferenceExperiment()).join('\n')}\n`);
}
