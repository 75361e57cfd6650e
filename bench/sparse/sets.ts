/**
 * The sparse bench's sets per mode. The default and full runs use the shapes the targets
 * name: RCV1's (781,265 × 47,236, ~76 entries per row; Lewis et al. 2004, the binary
 * "CCAT" split LIBLINEAR's authors benchmark on, 47 % positive) and a hashed one (100,000 ×
 * 1,000,000, ~200 per row). The smoke run (`--quick`) keeps their character at a size that
 * takes seconds.
 * @module
 */
import type { SparseSpec } from './generate.js';

const RCV1: Omit<SparseSpec, 'rows' | 'cols'> = { name: 'rcv1-like', nnzPerRow: 76, zipfExponent: 1, zipfOffset: 10, signed: false, noise: 0.3, positive: 0.47, seed: 13_001 };
const HASHED: Omit<SparseSpec, 'rows' | 'cols'> = { name: 'hashed', nnzPerRow: 200, zipfExponent: 1, zipfOffset: 10, signed: true, noise: 0.3, positive: 0.5, seed: 13_002 };

export type SparseMode = 'quick' | 'default' | 'full';

export const SPARSE_SETS: Record<SparseMode, readonly SparseSpec[]> = {
  quick: [
    { ...RCV1, rows: 10_000, cols: 4_000 },
    { ...HASHED, rows: 2_000, cols: 50_000 },
  ],
  default: [
    { ...RCV1, rows: 781_265, cols: 47_236 },
    { ...HASHED, rows: 100_000, cols: 1_000_000 },
  ],
  full: [
    { ...RCV1, rows: 781_265, cols: 47_236 },
    { ...HASHED, rows: 100_000, cols: 1_000_000 },
  ],
};
