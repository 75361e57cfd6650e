// The executable as a shell meets it: --version, a pipeline whose reader stops early, and sparse input through the bundle.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());
const root = join(import.meta.dirname, '../..');
const bin = join(root, 'dist/cli.js');
if (!existsSync(bin)) execFileSync(process.execPath, ['scripts/bundle-cli.mjs'], { cwd: root });

describe('a reader that closes the pipe early (| head)', () => {
  it('ends the command quietly with status 141, as SIGPIPE ends a Unix tool, with nothing on stderr', async () => {
    const data = tmp.file('data.csv', `a,b,y\n${Array.from({ length: 100_000 }, (_, i) => `${i % 7},${i % 5},${i % 2}`).join('\n')}\n`);
    const model = tmp.path('model.json');
    expect(spawnSync(process.execPath, [bin, 'train', data, '--target', 'y', '--test-size', '0', '--quiet', '--out', model]).status).toBe(0);
    const child = spawn(process.execPath, [bin, 'predict', model, data, '--proba']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read the first chunk, then close the pipe as head does.
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(141);
  });
});

describe('--version', () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

  it("prints package.json's version, from the bundle", () => {
    const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`logreg-wasm ${version}\n`);
  });

  it('and from the sources', async () => {
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`logreg-wasm ${version}\n`);
  });
});

describe('the bundled executable on sparse input', () => {
  const fixtures = join(import.meta.dirname, '../fixtures/cli');
  // dist/cli.js imports dist/index.js and dist/node/index.js: a CsrMatrix loaded from a file
  // or made by a vectorizer lives in the core the estimator fits in.
  it.each([
    ['an svmlight file', ['sparse.svm'], 'sparse-new.svm'],
    ['a text column', ['reviews.csv', '--target', 'label', '--text', 'review', '--tfidf'], 'reviews-new.csv'],
  ])('trains on %s and predicts as the CLI run in process does', async (_, [data, ...flags], newData) => {
    const model = tmp.path(`${data}.json`);
    const trained = spawnSync(process.execPath, [bin, 'train', join(fixtures, data as string), ...flags, '--quiet', '--out', model], { encoding: 'utf8' });
    expect(trained.stderr).toBe('');
    expect(trained.status).toBe(0);
    const predicted = spawnSync(process.execPath, [bin, 'predict', model, join(fixtures, newData), '--proba'], { encoding: 'utf8' });
    expect(predicted.status).toBe(0);
    expect(predicted.stdout).toBe((await cli(['predict', model, join(fixtures, newData), '--proba'])).stdout);
  });
});
