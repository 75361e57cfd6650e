/**
 * Peak core memory of a fit on an in-place CSR matrix, from a probe process of its own
 * (memory-probe.ts): the most bytes the library held in WebAssembly memory at once, X
 * included, against the bytes of the matrix.
 * @module
 */
import { fileURLToPath } from 'node:url';
import { runProbe } from '../probe.js';
import type { SparseSpec } from './generate.js';

const PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));

export interface SparseMemory {
  solver: string;
  threads: number;
  /** Bytes of indptr, indices and values (float64). */
  csrBytes: number;
  /** Bytes CsrMatrix.from allocated (X). */
  xBytes: number;
  /** The most bytes the fit held at once beyond X. */
  fitBytes: number;
  /** (xBytes + fitBytes) / csrBytes: the peak against the CSR bytes. */
  ratio: number;
  /** What the WebAssembly memory grew by over X and the fit (the allocator grows it in large steps). */
  memoryGrowth: number;
}

export async function probeSparseMemory(spec: SparseSpec, solver: 'lbfgs' | 'newton', tol: number, threads: number): Promise<SparseMemory> {
  const m = (await runProbe(PROBE, [JSON.stringify(spec), solver, String(tol), String(threads)])) as {
    before: number;
    withX: number;
    peak: number;
    memoryBefore: number;
    memoryAfter: number;
    csrBytes: number;
  };
  return {
    solver,
    threads,
    csrBytes: m.csrBytes,
    xBytes: m.withX - m.before,
    fitBytes: m.peak - m.withX,
    ratio: (m.peak - m.before) / m.csrBytes,
    memoryGrowth: m.memoryAfter - m.memoryBefore,
  };
}
