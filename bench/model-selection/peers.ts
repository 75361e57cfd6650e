/**
 * The peers of the model-selection bench: one Python process (python_cv.py) for the whole
 * section that loads each set from the raw files the bench wrote, checks it holds the same
 * bytes (SHA-256), and runs scikit-learn 1.2.1's LogisticRegressionCV and saga path and
 * LIBLINEAR 2.3's `-s 6` on request.
 * @module
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../data.js';
import { PythonPeer } from '../python-peer.js';
import type { BenchSet } from './sets.js';

const SCRIPT = fileURLToPath(new URL('./python_cv.py', import.meta.url));

export interface PeerCv {
  /** Time of `fit`, ms (the peer's own clock). */
  ms: number;
  C: number;
  Cs: number[];
  /** folds × Cs held-out accuracies. */
  scores: number[][];
  /** folds × Cs lbfgs iterations. */
  nIter: number[][];
}

export interface PeerFit {
  ms: number;
  nIter: number;
  /** LIBLINEAR: coordinate-descent cycles over all its Newton iterations. */
  cd: number;
  w: Float64Array;
}

export interface PeerPath {
  ms: number;
  msPerC: number[];
  nIter: number[];
  /** Per C, the weights. */
  ws: Float64Array[];
}

/** A running python_cv.py. */
export class Peers {
  sklearn = '';
  numpy = '';
  liblinearVersion: number | null = null;
  readonly #peer: PythonPeer;
  #count = 0;
  #cols = 0;

  private constructor(peer: PythonPeer) {
    this.#peer = peer;
  }

  static start(): Peers {
    return new Peers(new PythonPeer(SCRIPT));
  }

  #scratch(stem: string): string {
    return join(scratchDir(), `ms-${stem}-${process.pid}-${this.#count++}.f64`);
  }

  /** Makes `set` the current one; throws unless Python read the bench's exact bytes. */
  async load(set: BenchSet): Promise<void> {
    const reply = await this.#peer.ask<{ sklearn: string; numpy: string; sha256: string }>({ op: 'load', ...set.files });
    if (reply.sha256 !== set.sha256) throw new Error(`python_cv.py read ${set.name} with SHA-256 ${reply.sha256}, the bench holds ${set.sha256}`);
    this.sklearn = reply.sklearn;
    this.numpy = reply.numpy;
    this.#cols = set.cols;
  }

  /** LogisticRegressionCV(Cs, cv = the folds in `foldsFile`, n_jobs) on the current set. */
  cv(foldsFile: string, Cs: number, nJobs: number): Promise<PeerCv> {
    return this.#peer.ask<{ ms: number; C: number; Cs: number[]; scores: number[][]; n_iter: number[][] }>({ op: 'cv', folds: foldsFile, Cs, n_jobs: nJobs }).then((r) => ({
      ms: r.ms,
      C: r.C,
      Cs: r.Cs,
      scores: r.scores,
      nIter: r.n_iter,
    }));
  }

  /** LIBLINEAR `-s 6 -c C -e eps`, no bias, on the current set. */
  async liblinear(C: number, eps: number): Promise<PeerFit> {
    const out = this.#scratch('liblinear');
    const r = await this.#peer.ask<{ ms: number; n_iter: number; cd: number; version: number }>({ op: 'liblinear', C, eps, out });
    this.liblinearVersion = r.version;
    const [w] = this.#read(out, 1);
    return { ms: r.ms, nIter: r.n_iter, cd: r.cd, w: w! };
  }

  /** scikit-learn's warm-started saga path over `Cs` on the current set. */
  async saga(Cs: readonly number[], tol: number, maxIter: number): Promise<PeerPath> {
    const out = this.#scratch('saga');
    const r = await this.#peer.ask<{ ms: number; ms_per_C: number[]; n_iter: number[] }>({ op: 'saga', Cs, tol, max_iter: maxIter, out });
    return { ms: r.ms, msPerC: r.ms_per_C, nIter: r.n_iter, ws: this.#read(out, Cs.length) };
  }

  #read(path: string, count: number): Float64Array[] {
    const bytes = readFileSync(path);
    rmSync(path, { force: true });
    const all = new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8).slice();
    if (all.length !== count * this.#cols) throw new Error(`python_cv.py wrote ${all.length} weights, expected ${count} × ${this.#cols}`);
    return Array.from({ length: count }, (_, k) => all.subarray(k * this.#cols, (k + 1) * this.#cols));
  }

  close(): Promise<void> {
    return this.#peer.close();
  }
}
