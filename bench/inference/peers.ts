/**
 * The peer of the inference bench: one Python process (python_inference.py) for the whole
 * section that loads each set from the raw files the bench wrote, checks it holds the same
 * bytes (SHA-256), and runs statsmodels 0.13.5's `Logit(...).fit()` and `summary()` on request.
 * @module
 */
import { fileURLToPath } from 'node:url';
import { PythonPeer } from '../python-peer.js';
import { type BlasInfo, describeBlas } from '../python.js';
import type { InferenceSet } from './sets.js';

const SCRIPT = fileURLToPath(new URL('./python_inference.py', import.meta.url));

/** One statsmodels fit + summary, as python_inference.py answers it. */
export interface PeerFit {
  /** add_constant + Logit + fit + str(summary()), ms (the peer's own clock). */
  ms: number;
  /** add_constant + Logit + fit, ms. */
  msFit: number;
  /** summary() formatted as text, ms. */
  msSummary: number;
  /** Newton iterations. */
  nIter: number;
  converged: boolean;
  /** const first. */
  params: number[];
  bse: number[];
  llf: number;
}

/** A running python_inference.py. */
export class InferencePeer {
  statsmodels = '';
  numpy = '';
  blas = '';
  readonly #peer: PythonPeer;

  private constructor(peer: PythonPeer) {
    this.#peer = peer;
  }

  static start(): InferencePeer {
    return new InferencePeer(new PythonPeer(SCRIPT));
  }

  /** Makes `set` the current one; throws unless Python read the bench's exact bytes. */
  async load(set: InferenceSet): Promise<void> {
    const reply = await this.#peer.ask<{ statsmodels: string; numpy: string; sha256: string; blas: BlasInfo[] | null }>({ op: 'load', ...set.files });
    if (reply.sha256 !== set.sha256) throw new Error(`python_inference.py read ${set.name} with SHA-256 ${reply.sha256}, the bench holds ${set.sha256}`);
    this.statsmodels = reply.statsmodels;
    this.numpy = reply.numpy;
    this.blas = describeBlas(reply.blas);
  }

  /** `sm.Logit(y, sm.add_constant(X)).fit(disp=0)` and `str(result.summary())` on the current set, numpy's BLAS on `threads` threads (threadpoolctl). */
  async fit(threads: number): Promise<PeerFit> {
    const r = await this.#peer.ask<{ ms: number; ms_fit: number; ms_summary: number; n_iter: number; converged: boolean; params: number[]; bse: number[]; llf: number }>({ op: 'fit', threads });
    return { ms: r.ms, msFit: r.ms_fit, msSummary: r.ms_summary, nIter: r.n_iter, converged: r.converged, params: r.params, bse: r.bse, llf: r.llf };
  }

  close(): Promise<void> {
    return this.#peer.close();
  }
}
