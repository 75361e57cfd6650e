/**
 * The Data fieldset: which source (generated, CSV, labelled text), its fields, and the
 * {@link DataRequest} the data worker is sent. The CSV pasted or loaded stays here until
 * the user replaces it (Reference settings keeps it).
 * @module
 */
import { previewColumns } from './csv.js';
import type { DataRequest, TextFeatureSettings } from './data.js';
import { $, FieldError, field, form, labelOf, radioValue, readNumber, superscript } from './form.js';
import { clearMessage, showMessage } from './messages.js';

/** Largest data set the page accepts (values of X), to keep memory sane in a tab. */
const MAX_VALUES = 20_000_000;
const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** A loaded file too long to show in the text box. */
let csvFile: { name: string; text: string } | null = null;
const CSV_PLACEHOLDER = field('csvText').placeholder;

/** The field a data error from the worker is shown under (`where`: what the worker blamed). */
export function dataField(request: DataRequest, where: 'data' | 'target' | undefined): string | undefined {
  if (request.kind === 'csv') return where === 'target' ? 'target' : csvFile === null ? 'csvText' : 'csvFile';
  return request.kind === 'text' ? 'textData' : undefined;
}

/** The data the form asks for, or a {@link FieldError}. */
export function readDataRequest(): DataRequest {
  const split = {
    testSize: readNumber('testSize', { min: 0.05, max: 0.95 }),
    randomState: readNumber('splitSeed', { integer: true, min: 0, max: 2 ** 32 - 1 }),
  };
  const source = radioValue('source');
  if (source === 'text') {
    const text = field('textData').value;
    if (text.trim() === '') throw new FieldError('Text: paste labelled text (a header, then label and text on each line) or load the sample.', 'textData');
    const features: TextFeatureSettings = {
      vectorizer: field('vectorizer').value === 'hashing' ? 'hashing' : 'tfidf',
      maxN: field('ngram').value === '2' ? 2 : 1,
    };
    return { kind: 'text', text, features, split };
  }
  if (source === 'csv') {
    const text = csvFile?.text ?? field('csvText').value;
    if (text.trim() === '') throw new FieldError('CSV: paste some CSV text or choose a file.', 'csvText');
    return { kind: 'csv', text, target: field('target').value, split };
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
  return { kind: 'generate', options, split };
}

/** Shows the fields of the chosen source only (the others are disabled, so they are not read or submitted). */
export function syncDataFields(): void {
  const source = radioValue('source');
  $('generate-fields').hidden = source !== 'generate';
  $('csv-fields').hidden = source !== 'csv';
  $('text-fields').hidden = source !== 'text';
  for (const node of $('generate-fields').querySelectorAll('input')) node.disabled = source !== 'generate';
}

/** The target picker lists the columns of the CSV now in the box or loaded. */
export function syncTargetOptions(): void {
  const text = csvFile?.text ?? field('csvText').value;
  const select = field('target');
  const previous = select.value;
  const names = previewColumns(text);
  const options = [new Option('last column', 'last'), ...names.map((name, j) => new Option(`${j + 1}: ${name}`, String(j + 1)))];
  select.replaceChildren(...options);
  select.value = options.some((o) => o.value === previous) ? previous : 'last';
}

/**
 * Text trains best with scikit-learn's defaults, not the reference experiment's
 * unpenalised gradient descent: switch to them when the model settings are still the
 * reference's (settings the user chose are left alone).
 */
function useTextDefaults(): void {
  const reference = { solver: 'gd', penalty: 'none', maxIter: '1000', tol: '0' };
  const now = { solver: field('solver').value, penalty: field('penalty').value, maxIter: field('maxIter').value, tol: field('tol').value };
  if (JSON.stringify(now) !== JSON.stringify(reference)) return;
  field('solver').value = 'lbfgs';
  field('penalty').value = 'l2';
  field('C').value = '1';
  field('maxIter').value = '100';
  field('tol').value = '0.0001';
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
    if (target instanceof HTMLInputElement && target.name === 'source' && target.value === 'text') useTextDefaults();
    syncDataFields();
  });
  field('csvText').addEventListener('input', () => {
    csvFile = null;
    field('csvText').placeholder = CSV_PLACEHOLDER;
    field('csvFile').value = '';
    syncTargetOptions();
  });
  field('csvFile').addEventListener('change', async () => {
    const file = field('csvFile').files?.[0];
    if (file === undefined) return;
    clearMessage();
    if (file.size > MAX_FILE_BYTES) {
      field('csvFile').value = '';
      showMessage(`${file.name} is ${(file.size / 1048576).toFixed(0)} MB; this page reads CSV files up to ${MAX_FILE_BYTES / 1048576} MB.`, 'csvFile');
      return;
    }
    const text = await file.text();
    if (text.length <= 256 * 1024) {
      csvFile = null;
      field('csvText').value = text;
    } else {
      csvFile = { name: file.name, text };
      field('csvText').value = '';
      field('csvText').placeholder = `${file.name} (${(file.size / 1024).toFixed(0)} KB) is loaded; it is too long to show here.`;
    }
    syncTargetOptions();
  });
  syncDataFields();
}
