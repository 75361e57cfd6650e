/**
 * A re-export of viz/prediction-plot.ts, the import examples/reference-experiment.ts uses.
 * @module
 */
export { renderPredictionPlot, type PredictionPlot } from '../viz/prediction-plot.js';
