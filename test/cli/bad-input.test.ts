// Every bad input the CLI must reject: one line on stderr naming the file (and row and
// column where relevant), exit code 1 (2 for usage errors), and no output file left behind.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAST_CANCER, cli, scratch, type CliResult } from './helpers.js';

const tmp = scratch();
let model: string;

beforeAll(async () => {
  model = tmp.path('model.json');
  const r = await cli(['train', tmp.file('ok.csv', 'a,b,y\n1,2,0\n2,1,1\n3,3,0\n4,1,1\n5,0,1\n0,5,0\n'), '--target', 'y', '--test-size', '0', '--quiet', '--out', model]);
  expect(r.code).toBe(0);
});
afterAll(() => tmp.remove());

/** Trains on `csv` with --out, expecting failure; returns the result and checks no model file appeared. */
async function trainFails(name: string, csv: string | Uint8Array | null, extra: string[] = ['--target', 'y']): Promise<CliResult> {
  const data = csv === null ? tmp.path(name) : tmp.file(name, csv);
  const out = tmp.path(`${name}.model.json`);
  const r = await cli(['train', data, ...extra, '--quiet', '--out', out]);
  expect(tmp.files().filter((f) => f.startsWith(`${name}.model.json`))).toEqual([]);
  return r;
}

function oneLine(r: CliResult, code = 1): string {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0] as string;
}

describe('train rejects bad data files with one line and exit code 1', () => {
  it('names a missing file', async () => {
    expect(oneLine(await trainFails('absent.csv', null))).toMatch(/absent\.csv: no such file$/);
  });

  it('names an empty file', async () => {
    expect(oneLine(await trainFails('empty.csv', ''))).toMatch(/empty\.csv: the file is empty/);
  });

  it('names a file with a header and no data rows', async () => {
    expect(oneLine(await trainFails('header.csv', 'a,b,y\n'))).toMatch(/header\.csv: has a header row but no data rows/);
  });

  it('names the row of a ragged row and its field count', async () => {
    expect(oneLine(await trainFails('ragged.csv', 'a,b,y\n1,2,0\n3,1\n2,2,1\n'))).toMatch(/ragged\.csv: row 3 has 2 fields; the header has 3/);
  });

  it('names the row and column of a non-numeric cell in a feature column', async () => {
    expect(oneLine(await trainFails('text.csv', 'a,b,y\n1,2,0\n3,abc,1\n2,2,1\n'))).toMatch(
      /text\.csv: row 3, column 'b' \(2\): "abc" is not a number/,
    );
  });

  it('names the row and column of a missing value when --impute is not given', async () => {
    expect(oneLine(await trainFails('missing.csv', 'a,b,y\n1,2,0\n3,NA,1\n2,2,1\n'))).toMatch(
      /missing\.csv: row 3, column 'b' \(2\): missing value; pass --impute/,
    );
  });

  it('names an unknown target column and lists the columns', async () => {
    expect(oneLine(await trainFails('target.csv', 'a,b,y\n1,2,0\n3,1,1\n', ['--target', 'label']))).toMatch(
      /target\.csv: no target column 'label'; the columns are 'a', 'b', 'y'/,
    );
  });

  it('names a target column with only one class', async () => {
    expect(oneLine(await trainFails('oneclass.csv', 'a,b,y\n1,2,1\n3,1,1\n2,2,1\n'))).toMatch(
      /oneclass\.csv: column 'y' \(3\) has one class \(1\); at least two are needed/,
    );
  });

  it('names an unknown feature column', async () => {
    expect(oneLine(await trainFails('feat.csv', 'a,b,y\n1,2,0\n3,1,1\n', ['--target', 'y', '--features', 'a,c']))).toMatch(
      /feat\.csv: no feature column 'c'/,
    );
  });

  it('names a header line that ends with a delimiter as the cause of its empty last name', async () => {
    expect(oneLine(await trainFails('trailing.csv', 'a,b,y,\n1,2,0,\n2,1,1,\n'))).toMatch(
      /trailing\.csv: row 1, column 4: the header has an empty column name \(the header line ends with a delimiter\)$/,
    );
  });

  it('names a --delimiter , that leaves a semicolon file one column wide', async () => {
    expect(oneLine(await trainFails('semicolons.csv', 'a;b;y\n1;2;0\n2;1;1\n', ['--target', 'y', '--delimiter', ',']))).toMatch(
      /semicolons\.csv: row 1: the header has one column with the delimiter ","; check --delimiter$/,
    );
  });

  it('names a UTF-16 file as such, with what to do', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b,y\n1,2,0\n2,1,1\n', 'utf16le')]);
    expect(oneLine(await trainFails('utf16.csv', bytes))).toMatch(/utf16\.csv: is UTF-16 text; save it as UTF-8 \(CSV UTF-8\)$/);
  });

  it('names a binary file as not text', async () => {
    expect(oneLine(await trainFails('binary.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x0a])))).toMatch(/binary\.csv: is not a text file$/);
  });

  it('names the row of malformed CSV (an unclosed quote)', async () => {
    expect(oneLine(await trainFails('quote.csv', 'a,b,y\n1,2,0\n"3,1,1\n'))).toMatch(/quote\.csv: .*not valid CSV/);
  });
});

describe('predict and evaluate reject bad model files and data with exit code 1', () => {
  it('names a model file that is not JSON', async () => {
    const r = await cli(['predict', tmp.file('bad.json', '{"format": '), BREAST_CANCER]);
    expect(oneLine(r)).toMatch(/bad\.json: the model file is not JSON/);
  });

  it('names a JSON file that is not a logreg-wasm model', async () => {
    const r = await cli(['predict', tmp.file('other.json', '{"hello": "world"}'), BREAST_CANCER]);
    expect(oneLine(r)).toMatch(/other\.json: not a logreg-wasm model file; expected format 'logreg-wasm\/cli-model'/);
  });

  it('names a model file from a newer format version', async () => {
    const doc = JSON.parse(readFileSync(model, 'utf8'));
    doc.version = 99;
    const r = await cli(['predict', tmp.file('newer.json', JSON.stringify(doc)), BREAST_CANCER]);
    expect(oneLine(r)).toMatch(/newer\.json: written by a newer logreg-wasm \(model file version 99\); this version reads up to 2/);
  });

  it('names a model file whose contents are damaged', async () => {
    const doc = JSON.parse(readFileSync(model, 'utf8'));
    doc.estimator.model.coef = [[1]];
    const r = await cli(['predict', tmp.file('damaged.json', JSON.stringify(doc)), BREAST_CANCER]);
    expect(oneLine(r)).toMatch(/damaged\.json: the model file is damaged/);
  });

  it('names a predict CSV that lacks a feature column, and writes no output file', async () => {
    const out = tmp.path('preds.csv');
    const r = await cli(['predict', model, tmp.file('nob.csv', 'a,y\n1,0\n'), '--out', out]);
    expect(oneLine(r)).toMatch(/nob\.csv: no feature column 'b'; the columns are 'a', 'y'/);
    expect(tmp.files()).not.toContain('preds.csv');
  });

  it('names the row and column of a non-numeric cell in the predict CSV, and writes no output file', async () => {
    const r = await cli(['predict', model, tmp.file('p.csv', 'a,b\n1,2\nx,1\n'), '--out', tmp.path('p-out.csv')]);
    expect(oneLine(r)).toMatch(/p\.csv: row 3, column 'a' \(1\): "x" is not a number/);
    expect(tmp.files()).not.toContain('p-out.csv');
  });

  it("names a label of the evaluate CSV that is not one of the model's classes", async () => {
    const r = await cli(['evaluate', model, tmp.file('e.csv', 'a,b,y\n1,2,0\n1,2,7\n')]);
    expect(oneLine(r)).toMatch(/e\.csv: row 3, column 'y' \(3\): label 7 is not one of the model's classes \(0, 1\)/);
  });

  it('keeps an existing output file intact when predict fails', async () => {
    const out = tmp.file('keep.csv', 'old contents\n');
    await cli(['predict', model, tmp.path('absent.csv'), '--out', out]);
    expect(readFileSync(out, 'utf8')).toBe('old contents\n');
  });
});

describe('usage errors exit with code 2, a short message and the usage', () => {
  it('rejects an unknown flag', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--max_iter', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: unknown option '--max_iter'/);
    expect(r.stderr).toContain('Usage: logreg-wasm train');
  });

  it('rejects a wrong value of a flag', async () => {
    const r = await cli(['train', BREAST_CANCER, '--target', 'diagnosis', '--max-iter', 'ten']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: --max-iter: expected an integer ≥ 1, got 'ten'/);
  });

  it('rejects a penalty the solver does not support before reading the data', async () => {
    const r = await cli(['train', tmp.path('never-read.csv'), '--target', 'y', '--solver', 'lbfgs', '--penalty', 'l1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: solver 'lbfgs' does not support penalty 'l1'/);
  });

  it('rejects train without --target', async () => {
    const r = await cli(['train', BREAST_CANCER]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: train needs --target COLUMN/);
  });

  it('rejects an unknown command', async () => {
    const r = await cli(['fit', BREAST_CANCER]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: unknown command 'fit'/);
    expect(r.stderr).toContain('Usage: logreg-wasm <command>');
  });

  it('rejects a missing argument of predict', async () => {
    const r = await cli(['predict', model]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^logreg-wasm: predict needs model\.json and data\.csv; got 1 argument/);
  });

  it('prints the usage and exits 2 when run without a command', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: logreg-wasm <command>');
  });
});

it('writes nothing to an existing --out when training fails', async () => {
  const out = tmp.path('existing-model.json');
  writeFileSync(out, 'previous');
  await cli(['train', tmp.file('bad2.csv', 'a,y\nx,1\n2,0\n'), '--target', 'y', '--out', out, '--quiet']);
  expect(readFileSync(out, 'utf8')).toBe('previous');
});
