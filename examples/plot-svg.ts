/**
 * The prediction plot moved to the plotting module viz/; this re-export keeps
 * examples/reference-experiment.ts's import working until it imports viz/ directly.
 * @module
 */
export { renderPredictionPlot, type PredictionPlot } from '../viz/prediction-plot.js';
