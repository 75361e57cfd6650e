/**
 * `logreg-wasm cv`: the cross-validated scores of the model train's flags configure, on
 * every row of a CSV file, a CSV column of text or an svmlight file. Each fold fits the
 * features (imputation, standardisation, the text vocabulary) and the model on its
 * training rows only and scores its held-out rows, as scikit-learn's `cross_val_score`
 * scores a pipeline; one-hot categories are those of the whole file, as for train (they
 * hold no labels). Folds are stratified and unshuffled (`cv=K`).
 * @module
 */
import { LogisticRegression, crossValidate, type CrossValidatable, type Label, type LogisticRegressionOptions, type Matrix } from '../../index.js';
import type { FeatureMatrix } from '../../core/stage.js';
import { uniqueSorted } from '../../validate/labels.js';
import { counted, foldStats, formatCvScores, DDOF, type CvScoresReport } from '../cv-report.js';
import { tableSource } from '../data-format.js';
import { CliError, UsageError } from '../errors.js';
import { choice, list, num, str, type Values } from '../flags.js';
import { writeReport, type Io } from '../io.js';
import { makeModel, modelOptions, scoringFlag, searchInFlagTerms } from '../model-options.js';
import { MAX_CLASSES, checkClasses, type ImputeStrategy } from '../preprocess.js';
import { classCounts, countsLine } from '../report.js';
import { describeSource } from '../tables.js';
import { jsonText, quoted, safeLine } from '../text.js';
import { makeVectorizer } from '../text-features.js';
import { textRequest } from '../text-options.js';
import type { Dataset, Features } from '../train-data.js';
import { inputFormat, readDataset, refuseInputFlags } from './train.js';

/** The folds `cv` makes without `--cv`: scikit-learn's default. */
const DEFAULT_FOLDS = 5;

/** What one fold's fit recorded: its training rows and the width of its features. */
interface FoldFit {
  train: number;
  features: number;
}

/** What each fold's copy of the pipeline is made of (its `getParams()`). */
interface PipelineParams {
  data: Dataset;
  options: LogisticRegressionOptions;
  /** Each fold's fit appends here, in fold order. */
  fits: FoldFit[];
}

/**
 * The features and the model fitted on one fold's rows, as crossValidate copies, fits and
 * scores an estimator. Its samples are the file's rows, named by their indices: X is n×1,
 * row i holding i, so crossValidate's folds of X are folds of the file's rows.
 */
class FoldPipeline implements CrossValidatable {
  #features: Features | null = null;
  #model: LogisticRegression | null = null;

  constructor(readonly params: PipelineParams) {}

  getParams(): PipelineParams {
    return this.params;
  }

  fit(X: FeatureMatrix, y: ArrayLike<Label>): this {
    const features = this.params.data.fit(rowsOf(X));
    this.#features = features;
    this.#model = new LogisticRegression(this.params.options).fit(features.XTrain, y);
    this.params.fits.push({ train: features.XTrain.rows, features: features.XTrain.cols });
    return this;
  }

  get classes(): Label[] {
    return this.#fitted().model.classes;
  }

  predict(X: FeatureMatrix): Label[] {
    return this.#on(X, (model, F) => model.predict(F));
  }

  predictProba(X: FeatureMatrix): Matrix {
    return this.#on(X, (model, F) => model.predictProba(F));
  }

  decisionFunction(X: FeatureMatrix): Float64Array {
    return this.#on(X, (model, F) => model.decisionFunction(F));
  }

  /** Frees the fold's features and model (crossValidate calls it after scoring). */
  dispose(): void {
    this.#features?.XTrain.dispose();
    this.#model?.dispose();
    this.#features = null;
    this.#model = null;
  }

  /** Runs `use` on the features of the rows X names, made with what this fold fitted. */
  #on<T>(X: FeatureMatrix, use: (model: LogisticRegression, features: Matrix | Features['XTrain']) => T): T {
    const { features, model } = this.#fitted();
    const F = features.transform(rowsOf(X));
    try {
      return use(model, F);
    } finally {
      F.dispose();
    }
  }

  #fitted(): { features: Features; model: LogisticRegression } {
    if (this.#features === null || this.#model === null) throw new Error('cv: a fold was scored before it was fitted');
    return { features: this.#features, model: this.#model };
  }
}

/** The file's row indices X holds (rows of one number each, as crossValidate passes a fold's rows). */
function rowsOf(X: FeatureMatrix): number[] {
  return Array.from(X as ArrayLike<ArrayLike<number>>, (row) => row[0] as number);
}

/** Runs `read`, showing cv's usage with a refusal written for train (the text flags' and the text column's). */
async function asCv<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof UsageError && error.command === 'train') throw new UsageError(error.message, 'cv');
    throw error;
  }
}

/**
 * Runs `cv <data.csv> --target COLUMN [options]` or `cv <data.svm> [options]`.
 * @throws UsageError for bad flags (checked before the data is read), CliError for bad
 * data, folds the classes cannot fill, or a fold whose fit fails.
 */
export async function cv(values: Values, positionals: string[], io: Io): Promise<void> {
  const format = inputFormat(values, positionals[0]);
  const source = format === 'svmlight' ? null : tableSource(values, positionals[0], 'cv');
  const file = source?.file ?? (positionals[0] as string);
  const text = await asCv(() => (format !== 'svmlight' ? textRequest(values) : null));
  refuseInputFlags(values, format, text, 'cv');
  const target = str(values, 'target')?.trim();
  if (target === undefined && format !== 'svmlight') throw new UsageError('cv needs --target COLUMN, the column to predict', 'cv');
  const folds = num(values, 'cv') ?? DEFAULT_FOLDS;
  const scoring = scoringFlag(values) ?? 'accuracy';
  const maxClasses = num(values, 'max-classes') ?? MAX_CLASSES;
  const impute = choice(values, 'impute', ['mean', 'median'] as const) ?? null;
  const standardize = values['standardize'] === true;
  const warnings: string[] = [];
  const onWarning = (m: string) => warnings.push(searchInFlagTerms(m, standardize));
  const featureList = list(str(values, 'features'));
  const request = { oneHot: ((values['one-hot'] as string[] | undefined) ?? []).flatMap((s) => list(s, 'one-hot')), impute: impute as ImputeStrategy | null, standardize };
  const options = modelOptions(values, onWarning, null);
  // Checks the options before the data is read; describes the model in the report.
  const model = makeModel(options, 'cv');
  const dtype = options.dtype ?? 'float64';
  const vectorizer = text === null ? null : makeVectorizer(dtype === 'float32' ? { ...text, options: { ...text.options, dtype } } : text);

  const data = await asCv(() => readDataset({ file, format, source, target, featureList, request, text, vectorizer, dtype }));
  try {
    const { labels } = data;
    checkClasses(file, data.labelColumn, [...new Set(labels)], labels.length, maxClasses);
    const fits: FoldFit[] = [];
    const samples = Array.from({ length: data.rows }, (_, i) => [i]);
    let result;
    try {
      result = crossValidate(new FoldPipeline({ data, options, fits }), samples, labels, { cv: folds, scoring, onWarning });
    } catch (error) {
      throw new CliError(foldMessage(file, searchInFlagTerms((error as Error).message, standardize)));
    }
    for (const w of counted(warnings)) io.stderr.write(`warning: ${safeLine(w)}\n`);
    const scores = Array.from(result.testScore);
    const report: CvScoresReport = {
      folds: scores.map((score, k) => {
        const fit = fits[k] as FoldFit;
        return { fold: k + 1, train: fit.train, test: data.rows - fit.train, features: fit.features, score, fitSeconds: result.fitTime[k] as number };
      }),
      scoring,
      ddof: DDOF,
      ...foldStats(scores),
    };
    const classes = uniqueSorted(labels);
    const counts = classCounts(classes, labels);
    const described = { solver: model.solver, penalty: model.penalty, C: model.C, l1Ratio: model.penalty === 'elasticnet' ? model.l1Ratio : null };
    if (values['json']) {
      const json = {
        data: { file, ...(source?.query == null ? {} : { sql: source.query }), rows: data.rows, ...(format === 'svmlight' ? { format } : { target }) },
        classes,
        counts,
        // JSON has no Infinity: --C inf is reported as the string 'Infinity'.
        model: { ...described, C: Number.isFinite(model.C) ? model.C : String(model.C) },
        crossValidation: report,
      };
      io.stdout.write(`${jsonText(json)}\n`);
      return;
    }
    writeReport(
      io,
      [
        `Data: ${describeSource(source, file)}: ${data.rows} rows; ${format === 'svmlight' ? 'labels from the first column' : `target ${quoted(target as string)}`}`,
        `Classes: ${countsLine(classes, counts)}`,
        `Model: ${described.solver}, penalty ${described.penalty}, C ${described.C}${described.l1Ratio === null ? '' : `, l1 ratio ${described.l1Ratio}`}`,
        `Cross-validation: ${folds} stratified folds; the features and the model fitted on each fold's training rows, scored on its test rows`,
        '',
        formatCvScores(report),
        '',
      ].join('\n'),
    );
  } finally {
    data.release();
    model.dispose();
  }
}

/** A cross-validation failure's message: `file: fold 2 of 5: …`, the file named once. */
function foldMessage(file: string, message: string): string {
  const fold = /^(fold \d+ of \d+): (.*)$/s.exec(message);
  if (fold === null) return `${file}: ${message}`;
  const rest = fold[2] as string;
  return `${file}: ${fold[1]}: ${rest.startsWith(`${file}: `) ? rest.slice(file.length + 2) : rest}`;
}
