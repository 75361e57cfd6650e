/**
 * `logreg-wasm train`: fits a model on a CSV file (in memory, or chunk by chunk with
 * `--stream`), a CSV column of text (`--text`) or an svmlight file, prints its report and
 * writes the model file with `--out`. With `--cv K` the fit is a search over C
 * (LogisticRegressionCV) on the training rows: the report adds its path (cv-report.ts),
 * and the model file holds the refitted model as a LogisticRegression with the path
 * beside it.
 * @module
 */
import { resolve } from 'node:path';
import { LogisticRegression, trainTestSplitIndices, type CsrMatrix, type Dtype, type Label, type LogisticRegressionCV, type Matrix } from '../../index.js';
import { MODEL_FORMAT, MODEL_VERSION } from '../../estimator/model-json.js';
import { chosenWords, counted, formatPath, pathReport, type PathReport } from '../cv-report.js';
import { dataFormat, tableSource, type DataFormat } from '../data-format.js';
import { CliError, UsageError } from '../errors.js';
import { choice, list, num, str, type Values } from '../flags.js';
import { writeReport, type Io } from '../io.js';
import { checkNotInput, modelFileText, writeFileAtomic } from '../model-file.js';
import { inFlagTerms, makeModel, makeSearch, modelOptions, searchInFlagTerms, searchRequest } from '../model-options.js';
import { isOnnxPath } from '../onnx-file.js';
import { MAX_CLASSES, checkClasses, expandedFeatureNames, type ImputeStrategy, type PreprocessingRequest } from '../preprocess.js';
import { Progress } from '../progress.js';
import { classCounts, countsLine, formatScores, score, type Scores } from '../report.js';
import { trainPushdown } from '../pushdown-train.js';
import { trainStream } from '../stream-train.js';
import { readClusterColumn, summaryFeatureNames, summaryModelOptions, summaryOutput, summaryRequest, type SummaryOutput } from '../summary-report.js';
import { jsonText, quoted, quotedCell, safeLine } from '../text.js';
import { describeSource, type TableSource } from '../tables.js';
import { columnsDataset, svmlightDataset, textDataset, type Dataset } from '../train-data.js';
import { makeVectorizer, type Vectorizer } from '../text-features.js';
import { textRequest, type TextRequest } from '../text-options.js';

/** Flags that read CSV columns, refused for svmlight data (which has none), with why. */
const NOT_SVMLIGHT: Record<string, string> = {
  target: 'its labels are the first token of each line',
  features: 'it has no named columns',
  'one-hot': 'it has no named columns',
  impute: 'it has no missing values (an absent index is a 0)',
  standardize: 'centring would fill in every 0 (scikit-learn refuses to centre sparse data too)',
  delimiter: 'it is not CSV',
  text: 'it is not CSV',
  stream: 'an svmlight file is read whole',
  cluster: 'it has no named columns',
};

/** Flags of CSV columns that --text does not combine with, with why. */
const NOT_TEXT: Record<string, string> = {
  features: 'the text column is the only source of features',
  'one-hot': 'the text column is the only source of features',
  impute: 'text has no missing values (an empty cell is an empty document)',
  standardize: 'centring would fill in every 0 of the sparse text features',
  stream: 'the vectorizer is fitted on every training row at once',
};

/**
 * Refuses the flags that do not apply to the input: CSV column flags for svmlight data,
 * and those --text does not combine with.
 * @param command the command whose usage a refusal shows (`train` or `cv`).
 * @throws UsageError naming the flag and why.
 */
export function refuseInputFlags(values: Values, format: DataFormat, text: TextRequest | null, command: string): void {
  const refused = format === 'svmlight' ? NOT_SVMLIGHT : text !== null ? NOT_TEXT : {};
  for (const [flag, why] of Object.entries(refused)) {
    if (values[flag] === undefined) continue;
    throw new UsageError(format === 'svmlight' ? `--${flag} does not apply to svmlight data: ${why}` : `--${flag} does not combine with --text: ${why}`, command);
  }
}

/** What {@link readDataset} reads: the data, its format, and the flags that say how its rows become features. */
export interface DatasetRequest {
  /** The data file (or `--sql` for a query), as messages name it. */
  file: string;
  format: DataFormat;
  /** The table (a CSV, Parquet or Arrow file, or a query); null for svmlight. */
  source: TableSource | null;
  /** The target column (a table's); undefined for svmlight. */
  target: string | undefined;
  featureList: readonly string[];
  request: Omit<PreprocessingRequest, 'features'>;
  /** The text column's vectorizer (--text), or null. */
  text: TextRequest | null;
  vectorizer: Vectorizer | null;
  /** The dtype svmlight features are stored in. */
  dtype: Dtype;
}

/** The labelled rows of the data, by the one reader of its input (train-data.ts): svmlight, a text column or a table's columns. */
export async function readDataset(d: DatasetRequest): Promise<Dataset> {
  if (d.source === null) return svmlightDataset(d.file, d.dtype);
  if (d.text !== null) return textDataset(d.source, d.target as string, d.text, d.vectorizer as Vectorizer);
  return columnsDataset(d.source, d.target as string, d.featureList, d.request);
}

/**
 * The format of a command's data: `--format` or the data file's name, and for `--sql` a
 * table read as a CSV file's columns are (every flag of columns applies).
 */
export function inputFormat(values: Values, file: string | undefined): DataFormat {
  return values['sql'] !== undefined || file === undefined ? 'csv' : dataFormat(values, file);
}

/**
 * Runs `train <data.csv> --target COLUMN [options]` or `train <data.svm> [options]`; with
 * `--cv K`, a search over C (LogisticRegressionCV) on the training rows in place of one fit.
 * @throws UsageError for bad flags (checked before the data is read), CliError for bad data.
 */
export async function train(values: Values, positionals: string[], io: Io): Promise<void> {
  const format = inputFormat(values, positionals[0]);
  const source = format === 'svmlight' ? null : tableSource(values, positionals[0], 'train');
  const file = source?.file ?? (positionals[0] as string);
  const text = format !== 'svmlight' ? textRequest(values) : null;
  refuseInputFlags(values, format, text, 'train');
  // Header names are trimmed when read, so the name given is too.
  const target = str(values, 'target')?.trim();
  if (target === undefined && format !== 'svmlight') throw new UsageError('train needs --target COLUMN, the column to predict', 'train');
  const inference = summaryRequest(values, format);
  // A summary is inference on the rows fitted: by default every row.
  const testSize = num(values, 'test-size') ?? (inference === null ? 0.2 : 0);
  const maxClasses = num(values, 'max-classes') ?? MAX_CLASSES;
  const impute = choice(values, 'impute', ['mean', 'median'] as const) ?? null;
  const out = str(values, 'out');
  // predict and evaluate read a .onnx file as ONNX, so a JSON model under that name would be unreadable.
  if (out !== undefined && isOnnxPath(out)) {
    throw new UsageError(`--out writes the JSON model file; for ONNX, write ${quoted(out.replace(/\.onnx$/i, '.json'))} and run export on it with --onnx ${quoted(out)}`, 'train');
  }
  const standardize = values['standardize'] === true;
  const warnings: string[] = [];
  // The search's warnings name its folds and splitter too.
  const terms = values['cv'] === undefined ? inFlagTerms : searchInFlagTerms;
  const onWarning = (m: string) => warnings.push(terms(m, standardize));
  const featureList = list(str(values, 'features'));
  const request = { oneHot: (values['one-hot'] as string[] | undefined ?? []).flatMap((s) => list(s, 'one-hot')), impute: impute as ImputeStrategy | null, standardize };
  if (values['pushdown']) {
    if (source === null || target === undefined) throw new UsageError('--pushdown runs in DuckDB on a --sql query or a Parquet file, not on svmlight', 'train');
    await trainPushdown({ values, source, target, options: modelOptions(values, onWarning, null), out, warnings }, io);
    return;
  }
  if (values['memory-limit'] !== undefined) throw new UsageError('--memory-limit needs --pushdown (it is DuckDB\'s memory limit for the pushed-down fit)', 'train');
  // --stream reads CSV columns (refused above for svmlight and --text, so a target is given).
  if (values['stream'] && source !== null && target !== undefined) {
    if (impute === 'median') throw new UsageError('--stream supports --impute mean only (a median needs every value in memory)', 'train');
    const epochs = num(values, 'epochs') ?? 5;
    const chunkRows = num(values, 'chunk-size') ?? 10_000;
    const options = modelOptions(values, onWarning, null);
    // sgd (the default) makes --epochs passes; lbfgs, owlqn and newton the exact fit, one pass per evaluation.
    const exact = options.solver === 'lbfgs' || options.solver === 'owlqn' || options.solver === 'newton';
    if (options.solver !== undefined && options.solver !== 'sgd' && !exact) {
      throw new UsageError(`--stream trains with --solver sgd (approximate, --epochs passes) or lbfgs, owlqn or newton (exact, one pass per evaluation); got '${options.solver}'`, 'train');
    }
    if (exact && values['epochs'] !== undefined) throw new UsageError(`--epochs applies to --solver sgd; --solver ${options.solver} makes a pass per evaluation until it converges (--max-iter, --tol)`, 'train');
    // Flags of the in-memory path that --stream cannot honour: refused, never ignored.
    const unused: Record<string, string> = {
      stratify: 'its held-out rows are drawn as train draws them without --stratify',
      cv: 'it fits one model in one pass per epoch; run cv or train --cv without --stream',
      Cs: 'it fits one model at one C',
      'l1-ratios': 'it fits one model at one l1 ratio',
      scoring: 'it fits one model and reports every score',
      ...(exact ? {} : { 'max-iter': 'sgd makes --epochs passes over the file (--solver lbfgs takes --max-iter)', tol: 'sgd makes --epochs passes over the file (--solver lbfgs takes --tol)' }),
      summary: 'the summary needs every training row in memory, and sgd does not reach the maximum-likelihood estimate',
    };
    for (const [flag, why] of Object.entries(unused)) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --stream: ${why}`, 'train');
    }
    if (options.dtype === 'float32') throw new UsageError('--stream trains in float64 (--dtype float32 needs a full-batch solver, without --stream)', 'train');
    options.solver ??= 'sgd';
    makeModel(options, 'train');
    if (out !== undefined) await checkNotInput(out, '--out', source.query === null ? [file] : []);
    const progress = values['quiet'] ? null : exact ? new Progress(io.stderr, num(values, 'max-iter') ?? 100) : new Progress(io.stderr, epochs, 'epoch');
    const cache = str(values, 'cache') ?? null;
    if (cache !== null) await checkNotInput(cache, '--cache', source.query === null ? [file] : []);
    if (cache !== null && out !== undefined && resolve(cache) === resolve(out)) throw new UsageError('--cache and --out name the same file', 'train');
    progress?.phase(`reading ${file}`);
    const result = await trainStream({
      source,
      target,
      features: featureList,
      request,
      epochs,
      chunkRows,
      testSize,
      maxClasses,
      options,
      progress,
      cache,
      notice: (m) => io.stderr.write(`note: ${safeLine(m)}\n`),
    });
    for (const w of warnings) io.stderr.write(`warning: ${safeLine(w)}\n`);
    if (out !== undefined) await writeFileAtomic(out, modelFileText(target, { preprocessing: result.preprocessing, text: null, svmlight: null }, result.model));
    const report = {
      data: { file, ...sqlField(source), rows: result.rows, target, features: expandedFeatureNames(result.preprocessing) },
      classes: result.model.classes,
      counts: result.counts,
      split: { train: result.rows - result.testRows, test: result.testRows, testSize },
      fit: exact
        ? { solver: options.solver, nIter: result.model.nIter, converged: result.model.converged, chunkRows, parseMs: result.parseMs, fitMs: result.fitMs, cache: result.cache, peakRssMb: result.peakRssMb }
        : { solver: 'sgd', epochs, chunkRows, parseMs: result.parseMs, fitMs: result.fitMs, cache: result.cache, peakRssMb: result.peakRssMb },
      test: result.test,
      out: out ?? null,
    };
    if (values['json']) io.stdout.write(`${jsonText(report)}\n`);
    else {
      writeReport(
      io,
        [
          `Data: ${describeSource(source, file)}: ${result.rows} rows, ${report.data.features.length} features; target ${quoted(target)} (streamed in chunks of ${chunkRows} rows)`,
          `Classes: ${countsLine(result.model.classes, result.counts)}`,
          `Split: ${report.split.train} train, ${report.split.test} test (test size ${testSize})`,
          `Read: ${result.cache?.reused ? `the rows kept in ${result.cache.path}` : 'the data parsed once into a cache of its rows'}, ${(result.parseMs / 1000).toFixed(2)} s`,
          exact
            ? `Fit: ${options.solver}, ${result.model.nIter} ${result.model.nIter === 1 ? 'iteration' : 'iterations'}${result.model.converged ? ', converged' : ''} (a pass over the cached rows per evaluation), ${(result.fitMs / 1000).toFixed(2)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB`
            : `Fit: sgd, ${epochs} epochs over the cached rows, ${(result.fitMs / 1000).toFixed(2)} s, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
          '',
          result.test === null
            ? testSize === 0
              ? 'No test rows (--test-size 0).'
              : `No test rows: --test-size ${testSize} held none of the ${result.rows} rows out.`
            : formatScores(result.model.classes, [['test', result.test]]),
          '',
          out === undefined ? 'Model not saved (pass --out model.json to save it).' : `Model written to ${out}`,
          '',
        ].join('\n'),
      );
    }
    return;
  }
  for (const flag of ['epochs', 'chunk-size', 'cache']) if (values[flag] !== undefined) throw new UsageError(`--${flag} needs --stream`, 'train');
  // Check every option before reading the data, so usage errors come first.
  // A search makes many fits: no progress bar across them.
  const progress = values['quiet'] || values['cv'] !== undefined ? null : new Progress(io.stderr, num(values, 'max-iter') ?? 100);
  const flagOptions = modelOptions(values, onWarning, progress === null ? null : (info) => progress.update(info));
  const options = inference === null ? flagOptions : summaryModelOptions(flagOptions, values);
  const search = searchRequest(values, options);
  const searcher = search === null ? null : makeSearch(search, 'train');
  const single = search === null ? makeModel(options, 'train') : null;
  // A CsrMatrix is fitted in its own dtype (the estimator's dtype option converts dense X only), so --dtype float32 stores the sparse features so.
  const dtype = options.dtype ?? 'float64';
  const vectorizer = text === null ? null : makeVectorizer(dtype === 'float32' ? { ...text, options: { ...text.options, dtype } } : text);
  if (out !== undefined) await checkNotInput(out, '--out', source?.query != null ? [] : [file]);

  // --cluster: its column holds the clusters, not a feature. (The table is read once: readDataset gets the same one.)
  const clusters = inference?.cluster == null || source === null ? null : await readClusterColumn(source, inference.cluster, target as string, featureList, request.oneHot, text);
  const data = await readDataset({ file, format, source, target, featureList: clusters?.featureList ?? featureList, request, text, vectorizer, dtype });
  let searched: LogisticRegression | null = null;
  let XTrain: Matrix | CsrMatrix<Dtype> | null = null;
  let XTest: Matrix | CsrMatrix<Dtype> | null = null;
  try {
    const { labels } = data;
    checkClasses(file, data.labelColumn, [...new Set(labels)], labels.length, maxClasses);
    const { trainRows, testRows } = split(file, data.rows, labels, testSize, values);
    const features = data.fit(trainRows);
    XTrain = features.XTrain;
    const yTrain = trainRows.map((i) => labels[i] as Label);
    // After the cells are checked (a bad cell is the first thing to fix).
    const trainClasses = new Set(yTrain);
    if (trainClasses.size < 2) {
      const [only] = trainClasses as Set<Label>;
      throw new CliError(
        `${file}: the ${trainRows.length} training ${trainRows.length === 1 ? 'row holds' : 'rows hold'} one class (${typeof only === 'string' ? quotedCell(only) : String(only)}) after --test-size ${testSize} held out ${testRows.length}; lower --test-size or pass --stratify`,
      );
    }
    const start = performance.now();
    try {
      if (searcher !== null) searcher.fit(XTrain, yTrain);
      else single?.fit(XTrain, yTrain);
    } catch (error) {
      throw new CliError(`${file}: training failed: ${terms((error as Error).message, standardize)}`);
    } finally {
      progress?.done();
    }
    const fitMs = performance.now() - start;
    // A search warns alike for many fits: each message once, with how often.
    for (const w of searcher === null ? warnings : counted(warnings)) io.stderr.write(`warning: ${safeLine(w)}\n`);
    const model = searcher === null ? (single as LogisticRegression) : (searched = refitted(searcher));
    // The summary of the fit on the training rows, before anything is written (its refusal is the command's failure).
    let summary: SummaryOutput | null = null;
    if (inference !== null) {
      const shown = warnings.length;
      const groups = clusters === null ? null : trainRows.map((i) => clusters.labels[i] as number | string);
      summary = summaryOutput(model, inference, summaryFeatureNames(features.json, vectorizer, XTrain.cols), groups, data.target, request.oneHot.length > 0);
      for (const w of warnings.slice(shown)) io.stderr.write(`warning: ${safeLine(w)}\n`);
    }
    const path = searcher === null || search === null ? null : pathReport(searcher, model.toJSON().model.mode, trainRows.length, search.folds, search.scoring);
    const trainScores = score(model, XTrain, yTrain);
    let testScores: Scores | null = null;
    if (testRows.length > 0) {
      XTest = features.transform(testRows);
      testScores = score(model, XTest, testRows.map((i) => labels[i] as Label));
    }
    if (out !== undefined) await writeFileAtomic(out, withSearch(modelFileText(data.target, features.input, model), path));
    const classes = model.classes;
    const counts = classCounts(classes, labels);
    if (values['json']) {
      const report = {
        data: { file, ...sqlField(source), rows: data.rows, ...features.json },
        classes,
        counts,
        split: { train: trainRows.length, test: testRows.length, testSize, randomState: options.randomState },
        // JSON has no Infinity: --C inf is reported as the string 'Infinity'.
        fit:
          path === null
            ? { solver: model.solver, penalty: model.penalty, C: Number.isFinite(model.C) ? model.C : String(model.C), nIter: model.nIter, converged: model.converged, fitMs }
            : { solver: model.solver, penalty: model.penalty, ...chosen(path), fitMs },
        ...(path === null ? {} : { crossValidation: path }),
        train: trainScores,
        test: testScores,
        ...(summary === null ? {} : { summary: summary.json }),
        out: out ?? null,
      };
      io.stdout.write(`${jsonText(report)}\n`);
      return;
    }
    const sets: [string, Scores][] = [['train', trainScores]];
    if (testScores !== null) sets.push(['test', testScores]);
    writeReport(
      io,
      [
        `Data: ${describeSource(source, file)}: ${data.rows} rows, ${features.summary}`,
        `Classes: ${countsLine(classes, counts)}`,
        `Split: ${trainRows.length} train, ${testRows.length} test (test size ${testSize}, random state ${options.randomState})`,
        ...(path === null
          ? [`Fit: ${model.solver}, penalty ${model.penalty}, C ${model.C}: ${model.nIter} iterations, ${model.converged ? 'converged' : 'not converged'}, ${fitMs.toFixed(1)} ms`]
          : [
              `Search: ${path.Cs.length} values of C${path.l1Ratios === null ? '' : ` × ${path.l1Ratios.length} l1 ratios`} over ${path.folds} stratified folds of the ${path.rows} training rows; ${model.solver}, penalty ${model.penalty}; scoring ${path.scoring}`,
              formatPath(path),
              `Fit: refitted on the ${path.rows} training rows at ${chosenWords(path)}; search and refit ${fitMs.toFixed(1)} ms`,
            ]),
        '',
        formatScores(classes, sets),
        '',
        out === undefined ? 'Model not saved (pass --out model.json to save it).' : `Model written to ${out}`,
        '',
        ...(summary === null ? [] : [summary.text, '']),
      ].join('\n'),
    );
  } finally {
    // Sparse rows live in the core's memory: released here, not when the process ends (tests run many trains in one).
    data.release();
    XTrain?.dispose();
    XTest?.dispose();
    searcher?.dispose();
    searched?.dispose();
  }
}

/** The JSON report's `sql` field (the query) for `--sql`; none for a file. */
function sqlField(source: TableSource | null): { sql?: string } {
  return source?.query == null ? {} : { sql: source.query };
}

/**
 * The model a search refitted, as the LogisticRegression the model file stores (so
 * predict, evaluate and export read it as any other): the search's final parameters, and
 * its options with the chosen C and l1 ratio. A one-vs-rest model whose classes chose
 * different values keeps them in the file's crossValidation; its options then hold the
 * default C and the first class's l1 ratio.
 */
function refitted(search: LogisticRegressionCV): LogisticRegression {
  const doc = search.toJSON();
  const { Cs: _Cs, cv: _cv, l1Ratios: _l1Ratios, scoring: _scoring, refit: _refit, ...shared } = doc.options;
  const C = search.C;
  const l1Ratio = search.l1Ratio;
  const options = { ...shared, ...(C.every((c) => c === C[0]) ? { C: C[0] } : {}), ...(l1Ratio === null ? {} : { l1Ratio: l1Ratio[0] }) };
  return LogisticRegression.fromJSON({ format: MODEL_FORMAT, version: MODEL_VERSION, options, model: doc.model });
}

/** The JSON report's chosen C and l1 ratio: numbers for one problem, per class (in classes order) for one-vs-rest. */
function chosen(path: PathReport): { C: number | number[]; l1Ratio: number | number[] | null } {
  const one = path.problems.length === 1;
  const C = path.problems.map((p) => p.C);
  const l1Ratio = path.l1Ratios === null ? null : path.problems.map((p) => p.l1Ratio as number);
  return { C: one ? (C[0] as number) : C, l1Ratio: l1Ratio === null || !one ? l1Ratio : (l1Ratio[0] as number) };
}

/**
 * A model file's text with the search's path added as `crossValidation` (null: the text
 * as it is). Readers of the file ignore the field; it records how C was chosen.
 */
function withSearch(text: string, path: PathReport | null): string {
  if (path === null) return text;
  return `${JSON.stringify({ ...(JSON.parse(text) as object), crossValidation: path }, null, 1)}\n`;
}

/** The rows held out for testing and those trained on, by trainTestSplitIndices (stratified with --stratify). */
function split(file: string, n: number, labels: Label[], testSize: number, values: Values) {
  if (testSize === 0) return { trainRows: Array.from({ length: n }, (_, i) => i), testRows: [] as number[] };
  // trainTestSplit holds out ceil(testSize · n) rows, as scikit-learn does.
  if (Math.ceil(testSize * n) >= n) {
    throw new CliError(`${file}: --test-size ${testSize} holds out all ${n} rows, leaving none to train on; lower --test-size`);
  }
  try {
    const s = trainTestSplitIndices(n, {
      testSize,
      randomState: num(values, 'random-state') ?? 42,
      stratify: values['stratify'] ? labels : null,
    });
    return { trainRows: Array.from(s.train), testRows: Array.from(s.test) };
  } catch (error) {
    throw new CliError(`${file}: cannot split ${n} rows with --test-size ${testSize}: ${(error as Error).message.replace(/^trainTestSplit(Indices)?: /, '')}`);
  }
}
