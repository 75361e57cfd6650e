/**
 * The anchors' side of the sparse bench: one Python process per set
 * (`python_peers.py sparse`, bench/sparse/python_sparse.py) that loads the set's svmlight
 * file once and trains LIBLINEAR 2.3 (Debian's liblinear.so.4 through ctypes),
 * scikit-learn's liblinear solver or SGDClassifier on request, writing each w to a file
 * that the bench reads back and judges with its own objective (objective.ts).
 * @module
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PYTHON } from '../python.js';
import { scratchDir } from '../data.js';
import type { SparseFiles } from './cache.js';
import type { SparseData } from './generate.js';

const SCRIPT = fileURLToPath(new URL('../python_peers.py', import.meta.url));

export type AnchorSide = 'liblinear' | 'sklearn-liblinear' | 'sklearn-sgd';

export interface AnchorFit {
  /** The fit's own time (LIBLINEAR: train() alone), ms. */
  readonly ms: number;
  readonly nIter: number;
  readonly w: Float64Array;
  /** Peak RSS of the Python process so far, bytes. */
  readonly maxrss: number;
}

interface Ready {
  ready: true;
  sklearn: string;
  numpy: string;
  load_ms: number;
  rows: number;
  nnz: number;
  sha256: string;
}

/** SHA-256 of the set's arrays as python_sparse.py's digest() hashes them. */
export function digestOf(data: SparseData): string {
  const h = createHash('sha256');
  for (const a of [data.indptr, data.indices, data.values, data.y]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex');
}

/** A running Python anchor server for one set. */
export class Anchors {
  readonly sklearn: string;
  readonly numpy: string;
  /** ms the server took to load the set. */
  readonly loadMs: number;
  liblinearVersion: number | null = null;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: AsyncIterator<string>;
  readonly #cols: number;
  #count = 0;

  private constructor(child: ChildProcessWithoutNullStreams, lines: AsyncIterator<string>, ready: Ready, cols: number) {
    this.#child = child;
    this.#lines = lines;
    this.sklearn = ready.sklearn;
    this.numpy = ready.numpy;
    this.loadMs = ready.load_ms;
    this.#cols = cols;
  }

  /** Starts the server on `files`, and checks that it read exactly `data` (same SHA-256). */
  static async start(files: SparseFiles, data: SparseData): Promise<Anchors> {
    const child = spawn(PYTHON, [SCRIPT, 'sparse', files.svmlight, String(files.cols)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await lines.next();
    if (first.done === true) throw new Error(`python_peers.py sparse exited before it was ready:\n${stderr}`);
    const ready = JSON.parse(first.value) as Ready;
    const expected = digestOf(data);
    if (ready.sha256 !== expected) {
      child.kill();
      throw new Error(`${files.svmlight}: scikit-learn reads arrays with SHA-256 ${ready.sha256}, the bench holds ${expected} (delete ${files.dir} to rebuild it)`);
    }
    const anchors = new Anchors(child, lines, ready, files.cols);
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(`python_peers.py sparse exited with ${code}:\n${stderr}`);
    });
    return anchors;
  }

  /** One fit of `side` at tolerance `tol` (see python_sparse.py for what each side runs). */
  async fit(side: AnchorSide, C: number, tol: number, maxIter: number): Promise<AnchorFit> {
    const out = join(scratchDir(), `anchor-w-${process.pid}-${this.#count++}.f64`);
    this.#child.stdin.write(`${JSON.stringify({ op: 'fit', side, C, tol, max_iter: maxIter, out })}\n`);
    const line = await this.#lines.next();
    if (line.done === true) throw new Error(`python_peers.py sparse ended during a ${side} fit`);
    const reply = JSON.parse(line.value) as { ms: number; n_iter: number; maxrss_bytes: number; version?: number };
    if (reply.version !== undefined) this.liblinearVersion = reply.version;
    const bytes = readFileSync(out);
    rmSync(out, { force: true });
    const w = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8).slice();
    if (w.length !== this.#cols) throw new Error(`${side} returned ${w.length} weights, expected ${this.#cols}`);
    return { ms: reply.ms, nIter: reply.n_iter, w, maxrss: reply.maxrss_bytes };
  }

  async close(): Promise<void> {
    this.#child.stdin.write(`${JSON.stringify({ op: 'quit' })}\n`);
    this.#child.stdin.end();
    await new Promise<void>((resolve) => {
      if (this.#child.exitCode !== null) resolve();
      else this.#child.on('exit', () => resolve());
    });
  }
}
