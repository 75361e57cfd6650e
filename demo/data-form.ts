/**
 * The Data fieldset: which source (generated, CSV or a Parquet/Arrow file, a built-in
 * dataset, labelled text), its fields, Standardize, and the {@link DataRequest} the data
 * worker is sent. The CSV pasted or the file loaded stays here until the user replaces it
 * (Reference settings keeps it).
 * @module
 */
import { CsvError, previewColumns } from './csv.js';
import { type DataRequest, type TableFormat, type TextFeatureSettings, isDatasetName, readArrowTable, readParquetTable } from './data.js';
import { $, FieldError, field, form, labelOf, radioValue, readNumber, superscript } from './form.js';
import { clearMessage, showMessage } from './messages.js';

/** Largest data set the page accepts (values of X), to keep memory sane in a tab. */
const MAX_VALUES = 20_000_000;
const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** A loaded file too long to show in the text box. */
let csvFile: { name: string; text: string } | null = null;
/** A loaded Parquet or Arrow file, with its columns' names (for the target picker). */
let tableFile: { file: File; format: TableFormat; columns: string[] } | null = null;
const CSV_PLACEHOLDER = field('csvText').placeholder;

/** The field a data error from the worker is shown under (`where`: what the worker blamed). */
export function dataField(request: DataRequest, where: 'data' | 'target' | undefined): string | undefined {
  if (request.kind === 'csv') return where === 'target' ? 'target' : csvFile === null ? 'csvText' : 'csvFile';
  if (request.kind === 'table') return where === 'target' ? 'target' : 'csvFile';
  if (request.kind === 'dataset') return 'dataset';
  return request.kind === 'text' ? 'textData' : undefined;
}

/** The data the form asks for, or a {@link FieldError}. */
export function readDataRequest(): DataRequest {
  const split = {
    testSize: readNumber('testSize', { min: 0.05, max: 0.95 }),
    randomState: readNumber('splitSeed', { integer: true, min: 0, max: 2 ** 32 - 1 }),
  };
  const source = radioValue('source');
  // Not offered for text (its field is disabled then): see syncDataFields.
  const standardize = field('standardize').checked;
  if (source === 'text') {
    const text = field('textData').value;
    if (text.trim() === '') throw new FieldError('Text: paste labelled text (a header, then label and text on each line) or load the sample.', 'textData');
    const features: TextFeatureSettings = {
      vectorizer: field('vectorizer').value === 'hashing' ? 'hashing' : 'tfidf',
      maxN: field('ngram').value === '2' ? 2 : 1,
    };
    return { kind: 'text', text, features, split };
  }
  if (source === 'dataset') {
    const name = field('dataset').value;
    if (!isDatasetName(name)) throw new FieldError(`Dataset: choose one of the list (not "${name}").`, 'dataset');
    return { kind: 'dataset', name, split, standardize };
  }
  if (source === 'csv') {
    if (tableFile !== null) {
      const { file, format } = tableFile;
      return { kind: 'table', format, file, name: file.name, size: file.size, lastModified: file.lastModified, target: field('target').value, split, standardize };
    }
    const text = csvFile?.text ?? field('csvText').value;
    if (text.trim() === '') throw new FieldError('CSV: paste some CSV text or choose a file.', 'csvText');
    return { kind: 'csv', text, target: field('target').value, split, standardize };
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
  return { kind: 'generate', options, split, standardize };
}

/** Shows the fields of the chosen source only (the others are disabled, so they are not read or submitted). */
export function syncDataFields(): void {
  const source = radioValue('source');
  $('generate-fields').hidden = source !== 'generate';
  $('csv-fields').hidden = source !== 'csv';
  $('dataset-fields').hidden = source !== 'dataset';
  $('text-fields').hidden = source !== 'text';
  for (const node of $('generate-fields').querySelectorAll('input')) node.disabled = source !== 'generate';
  field('dataset').disabled = source !== 'dataset';
  // Text needs no scaling: both vectorizers give rows of unit length (norm 'l2'), and
  // centring would make every sparse row dense.
  $('standardize-field').hidden = source === 'text';
  field('standardize').disabled = source === 'text';
}

/** The target picker lists the columns of the CSV now in the box, or of the file loaded. */
export function syncTargetOptions(): void {
  const select = field('target');
  const previous = select.value;
  const names = tableFile?.columns ?? previewColumns(csvFile?.text ?? field('csvText').value);
  const options = [new Option('last column', 'last'), ...names.map((name, j) => new Option(`${j + 1}: ${name}`, String(j + 1)))];
  select.replaceChildren(...options);
  select.value = options.some((o) => o.value === previous) ? previous : 'last';
}

/**
 * Real data (a CSV, a file, a dataset) and text train best with scikit-learn's defaults
 * (L-BFGS, L2 with C 1, 100 iterations, tolerance 1e-4), not the reference experiment's
 * unpenalised gradient descent: switch to them when the model settings are still the
 * reference's (settings the user chose are left alone).
 */
function useRealDataDefaults(): void {
  const reference = { solver: 'gd', penalty: 'none', maxIter: '1000', tol: '0' };
  const now = { solver: field('solver').value, penalty: field('penalty').value, maxIter: field('maxIter').value, tol: field('tol').value };
  if (JSON.stringify(now) !== JSON.stringify(reference)) return;
  field('solver').value = 'lbfgs';
  field('penalty').value = 'l2';
  field('C').value = '1';
  field('maxIter').value = '100';
  field('tol').value = '0.0001';
  // The page's own listener enables the fields of the new solver and penalty (C; not the learning rate).
  field('penalty').dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * Standardize is on by default for real data and off for the generated data (the reference
 * experiment fits the data as generated): it follows the source until the user sets it.
 */
let standardizeChosen = false;

function useStandardizeDefault(source: string): void {
  if (!standardizeChosen && source !== 'text') field('standardize').checked = source !== 'generate';
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

/** The format of a chosen file: by its name's extension, else by its first bytes; null for text (CSV). */
async function tableFormat(file: File): Promise<TableFormat | null> {
  if (/\.parquet$/i.test(file.name)) return 'parquet';
  if (/\.(arrow|arrows|feather|ipc)$/i.test(file.name)) return 'arrow';
  const head = new Uint8Array(await file.slice(0, 6).arrayBuffer());
  const ascii = String.fromCharCode(...head);
  if (ascii.startsWith('PAR1')) return 'parquet';
  if (ascii === 'ARROW1') return 'arrow';
  return null;
}

/**
 * The columns of a Parquet or Arrow file, read on the page for the target picker (a Parquet
 * file's footer only; an Arrow file's batches are not decoded).
 * @throws CsvError with the reader's message for a file it cannot read.
 */
async function tableColumns(file: File, format: TableFormat): Promise<string[]> {
  const table = format === 'parquet' ? await readParquetTable(file, true) : await readArrowTable(file, file.name);
  return table.schema.fields.map((f) => f.name);
}

/** The file being read, if any (see {@link fileLoading}). */
let loading: Promise<void> | null = null;

/**
 * While a chosen file is being read, a promise that resolves once it has been, else
 * null: a Train pressed meanwhile waits for it, rather than train on the data the form
 * held before.
 */
export function fileLoading(): Promise<void> | null {
  return loading;
}

/** Reads the chosen file: CSV text into the box (or kept aside when long), Parquet or Arrow as a file with its columns. */
async function loadFile(): Promise<void> {
  const file = field('csvFile').files?.[0];
  if (file === undefined) return;
  clearMessage();
  csvFile = null;
  tableFile = null;
  const refuse = (text: string): void => {
    field('csvFile').value = '';
    field('csvText').placeholder = CSV_PLACEHOLDER;
    syncTargetOptions();
    showMessage(text, 'csvFile');
  };
  if (file.size > MAX_FILE_BYTES) {
    refuse(`${file.name} is ${(file.size / 1048576).toFixed(0)} MB; this page reads files up to ${MAX_FILE_BYTES / 1048576} MB.`);
    return;
  }
  const format = await tableFormat(file);
  if (format !== null) {
    try {
      tableFile = { file, format, columns: await tableColumns(file, format) };
    } catch (error) {
      refuse(error instanceof CsvError ? error.message : `${file.name} cannot be read: ${(error as Error).message}`);
      return;
    }
    field('csvText').value = '';
    // On lines of their own: the box does not wrap.
    field('csvText').placeholder = `${file.name} is loaded:\n${format === 'parquet' ? 'Parquet' : 'Arrow'}, ${(file.size / 1024).toFixed(0)} KB, ${tableFile.columns.length} columns;\nchoose the target column below.`;
    syncTargetOptions();
    return;
  }
  const text = await file.text();
  if (text.length <= 256 * 1024) {
    field('csvText').value = text;
    field('csvText').placeholder = CSV_PLACEHOLDER;
  } else {
    csvFile = { name: file.name, text };
    field('csvText').value = '';
    field('csvText').placeholder = `${file.name} (${(file.size / 1024).toFixed(0)} KB) is loaded;\nit is too long to show here.`;
  }
  syncTargetOptions();
}

/** The data the user loaded, to put back after `form.reset()`. */
export function keepLoadedData(): () => void {
  const kept = { csvText: field('csvText').value, files: field('csvFile').files, textData: field('textData').value };
  return () => {
    field('csvText').value = kept.csvText;
    field('textData').value = kept.textData;
    if (kept.files !== null && kept.files.length > 0) field('csvFile').files = kept.files;
    syncTargetOptions();
    syncDataFields();
  };
}

/** Wires the Data fieldset's own controls. */
export function wireDataForm(): void {
  $('load-sample').addEventListener('click', () => void loadSample());
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.name === 'source') {
      useStandardizeDefault(target.value);
      if (target.value !== 'generate') useRealDataDefaults();
    }
    if (target instanceof HTMLInputElement && target.name === 'standardize') standardizeChosen = true;
    syncDataFields();
  });
  // Reference settings (form.reset()) gives Standardize back to the source's default.
  form.addEventListener('reset', () => {
    standardizeChosen = false;
  });
  field('csvText').addEventListener('input', () => {
    csvFile = null;
    tableFile = null;
    field('csvText').placeholder = CSV_PLACEHOLDER;
    field('csvFile').value = '';
    syncTargetOptions();
  });
  field('csvFile').addEventListener('change', () => {
    const read = loadFile()
      .catch((error: unknown) => showMessage(`The file cannot be read: ${(error as Error).message}`, 'csvFile'))
      .finally(() => {
        if (loading === read) loading = null;
      });
    loading = read;
  });
  syncDataFields();
}
