// Input from a pipe (/dev/stdin, a named pipe): read once, its first line looked at for
// the delimiter without a second open, so `… | logreg-wasm predict model.json /dev/stdin`
// works; train --stream, which reads its file once per epoch, refuses a pipe up front.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cli, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());

const CSV = `a;b;y\n${Array.from({ length: 40 }, (_, i) => `${i % 7};${(i * 3) % 5};${i % 2}`).join('\n')}\n`;
const writers: ChildProcess[] = [];
afterEach(() => {
  for (const w of writers.splice(0)) w.kill();
});

/** A named pipe that `text` is written into once a reader opens it. */
function pipeOf(name: string, text: string): string {
  const source = tmp.file(`${name}.src`, text);
  const fifo = tmp.path(name);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  writers.push(spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', source, fifo]));
  return fifo;
}

describe('a pipe as the data file', () => {
  it('train reads it whole, detecting its delimiter from the first line', async () => {
    const r = await cli(['train', pipeOf('train.pipe', CSV), '--target', 'y', '--test-size', '0', '--json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.data.rows).toBe(40);
    expect(report.data.features).toEqual(['a', 'b']);
  });

  it('predict writes one prediction per piped row', async () => {
    const model = tmp.path('model.json');
    expect((await cli(['train', tmp.file('train.csv', CSV), '--target', 'y', '--test-size', '0', '--quiet', '--out', model])).code).toBe(0);
    const r = await cli(['predict', model, pipeOf('predict.pipe', CSV)]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(41);
  });

  it('an empty pipe is named as empty', async () => {
    const r = await cli(['train', pipeOf('empty.pipe', ''), '--target', 'y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/empty\.pipe: the file is empty; expected a header row and data rows\n$/);
  });

  it('train --stream refuses it as a usage error, before reading', async () => {
    const fifo = tmp.path('stream.pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = await cli(['train', fifo, '--target', 'y', '--stream', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^logreg-wasm: --stream reads '.*stream\.pipe' as a file it can check for changes while it is read, and it is a pipe or device/);
  });
});
