// Output files: never one of the command's input files, however the path is spelt, and
// messages about them name the path the user gave (not a temporary file).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
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

describe('what an output path is decides how it is written', () => {
  it('a named pipe is written in place and stays a pipe (never replaced by a regular file)', async () => {
    const fifo = tmp.path('preds.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString()));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    const r = await cli(['predict', model, tmp.file('fifo.csv', 'a,b\n1,2\n'), '--out', fifo]);
    const stillFifo = lstatSync(fifo).isFIFO();
    if (!stillFifo) reader.kill();
    await closed;
    expect(r.code).toBe(0);
    expect(stillFifo).toBe(true);
    expect(read).toMatch(/^y\n[01]\n$/);
  });

  it('a symbolic link stays a link; the file it points to gets the output', async () => {
    const real = tmp.file('real-preds.csv', 'old\n');
    const link = tmp.path('preds-link.csv');
    symlinkSync(real, link);
    const r = await cli(['predict', model, tmp.file('link-in.csv', 'a,b\n1,2\n'), '--out', link]);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toMatch(/^y\n[01]\n$/);
  });

  it('an existing file keeps its permission bits', async () => {
    const out = tmp.file('private-model.json', '');
    chmodSync(out, 0o600);
    const r = await cli(['train', tmp.file('perm.csv', CSV), '--target', 'y', '--test-size', '0', '--quiet', '--out', out]);
    expect(r.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('a directory, or a path ending in /, is refused in one line naming it', async () => {
    const dir = tmp.path('a-dir');
    mkdirSync(dir);
    for (const out of [dir, `${dir}/`, tmp.path('missing-dir/')]) {
      const r = await cli(['train', tmp.file('dir.csv', CSV), '--target', 'y', '--test-size', '0', '--quiet', '--out', out]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^logreg-wasm: ${out.replaceAll('/', '\\/')}: cannot write \\((is|names) a directory`));
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});

describe('train --out with an ONNX name', () => {
  it('is refused before training (predict would read the JSON it wrote as ONNX), saying how to get ONNX', async () => {
    const out = tmp.path('model.onnx');
    const r = await cli(['train', tmp.file('onnx-name.csv', CSV), '--target', 'y', '--quiet', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `logreg-wasm: --out writes the JSON model file; for ONNX, write '${tmp.path('model.json')}' and run export on it with --onnx '${out}'`,
    );
    expect(tmp.files()).not.toContain('model.onnx');
  });
});
