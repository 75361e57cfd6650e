// Parquet and Arrow IPC from a pipe (a named pipe, /dev/stdin): Arrow IPC is read from
// memory, so a pipe works; Parquet is read by ranges, its footer first, so a pipe is
// refused with what to do.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeAll } from './columnar-data.js';
import { cli, expectFailure, scratch } from './helpers.js';

const tmp = scratch();
afterAll(() => tmp.remove());
let files: Awaited<ReturnType<typeof writeAll>>;
beforeAll(async () => {
  files = await writeAll(tmp.path);
});
const writers: ChildProcess[] = [];
afterEach(() => {
  for (const w of writers.splice(0)) w.kill();
});

/** A named pipe that the file `source` is written into once a reader opens it. */
function pipeOf(name: string, source: string): string {
  const fifo = tmp.path(name);
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  writers.push(spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', source, fifo]));
  return fifo;
}

describe('a pipe as the data file', () => {
  it('Arrow IPC (the stream format) is read from it as from the file', async () => {
    const flags = ['--target', 'y', '--one-hot', 'color', '--impute', 'mean', '--quiet', '--json'];
    const r = await cli(['train', pipeOf('arrows.pipe', files.arrows), '--format', 'arrow', ...flags]);
    expect(r.stderr).toBe('');
    const fromFile = JSON.parse((await cli(['train', files.arrows, ...flags])).stdout);
    expect(JSON.parse(r.stdout).test).toEqual(fromFile.test);
  });

  it('Parquet is refused: it is read by ranges, its footer first', async () => {
    const fifo = pipeOf('parquet.pipe', files.parquet);
    expectFailure(await cli(['train', fifo, '--format', 'parquet', '--target', 'y']), `${fifo}: is a pipe or device; Parquet is read by ranges (its footer first), which needs a file: save the data to a file first`);
  });
});
