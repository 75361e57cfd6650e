// Output files: never one of the command's input files, however the path is spelt, and
// messages about them name the path the user gave (not a temporary file).
import { linkSync, readFileSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, scratch, type CliResult } from './helpers.js';

const tmp = scratch();
const CSV = 'a,b,y\n1,2,0\n2,1,1\n3,3,0\n4,1,1\n5,0,1\n0,5,0\n';
let model: string;
let modelText: string;

beforeAll(async () => {
  model = tmp.path('model.json');
  expect((await cli(['train', tmp.file('train.csv', CSV), '--target', 'y', '--test-size', '0', '--quiet', '--out', model])).code).toBe(0);
  modelText = readFileSync(model, 'utf8');
});
afterAll(() => tmp.remove());

/** Exit code 1, one line naming the output flag and the input. */
function refused(r: CliResult, flag: string): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(new RegExp(`^logreg-wasm: ${flag} .* is the input file .*; writing it would replace the input`));
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('train refuses --out naming its data file', () => {
  it('given as the same path', async () => {
    const data = tmp.file('same.csv', CSV);
    refused(await cli(['train', data, '--target', 'y', '--quiet', '--out', data]), '--out');
    expect(readFileSync(data, 'utf8')).toBe(CSV);
  });

  it('spelt another way (./ and ..)', async () => {
    const data = tmp.file('spelt.csv', CSV);
    const other = join(tmp.dir, '.', 'sub', '..', 'spelt.csv');
    refused(await cli(['train', relative(process.cwd(), data), '--target', 'y', '--quiet', '--out', other]), '--out');
    expect(readFileSync(data, 'utf8')).toBe(CSV);
  });

  it('through a symbolic link', async () => {
    const data = tmp.file('linked.csv', CSV);
    const link = tmp.path('link.csv');
    symlinkSync(data, link);
    refused(await cli(['train', data, '--target', 'y', '--quiet', '--out', link]), '--out');
    expect(readFileSync(data, 'utf8')).toBe(CSV);
  });

  it('through a hard link', async () => {
    const data = tmp.file('hard.csv', CSV);
    const link = tmp.path('hard-link.csv');
    linkSync(data, link);
    refused(await cli(['train', data, '--target', 'y', '--quiet', '--out', link]), '--out');
    expect(readFileSync(data, 'utf8')).toBe(CSV);
  });

  it('also with --stream', async () => {
    const data = tmp.file('stream.csv', CSV);
    refused(await cli(['train', data, '--target', 'y', '--stream', '--quiet', '--out', data]), '--out');
    expect(readFileSync(data, 'utf8')).toBe(CSV);
  });
});

describe('predict refuses --out naming one of its inputs', () => {
  it('the data file', async () => {
    const data = tmp.file('predict.csv', 'a,b\n1,2\n');
    refused(await cli(['predict', model, data, '--out', data]), '--out');
    expect(readFileSync(data, 'utf8')).toBe('a,b\n1,2\n');
  });

  it('the model file', async () => {
    refused(await cli(['predict', model, tmp.file('p2.csv', 'a,b\n1,2\n'), '--out', model]), '--out');
    expect(readFileSync(model, 'utf8')).toBe(modelText);
  });
});

describe('export refuses --onnx naming the model file', () => {
  it('leaves the model file as it was', async () => {
    refused(await cli(['export', model, '--onnx', model]), '--onnx');
    expect(readFileSync(model, 'utf8')).toBe(modelText);
  });
});

describe('an output file that is not an input is written', () => {
  it('predict --out to a new file beside the data', async () => {
    const out = tmp.path('preds.csv');
    const r = await cli(['predict', model, tmp.file('p3.csv', 'a,b\n1,2\n'), '--out', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^y\n[01]\n$/);
  });
});

describe('messages about an output file', () => {
  it('name the path given, not the temporary file written first', async () => {
    const out = tmp.path('no-such-dir/model.json');
    const r = await cli(['train', tmp.file('t.csv', CSV), '--target', 'y', '--test-size', '0', '--quiet', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`logreg-wasm: ${out}: cannot write (no such directory)\n`);
  });
});
