/**
 * The Python peers (numpy gradient descent, scikit-learn's lbfgs), run as subprocesses of
 * bench/python_peers.py on the bench's own bytes. Skipped, with a notice, unless
 * `/usr/bin/python3 -c 'import sklearn'` works.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DataFiles } from './data.js';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./python_peers.py', import.meta.url));
/** OpenBLAS tuning variables that would pin a kernel; removed for the subprocess only. */
const OPENBLAS_OVERRIDES = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'] as const;

export interface BlasInfo {
  user_api?: string;
  internal_api?: string;
  version?: string;
  num_threads?: number;
  architecture?: string;
  threading_layer?: string;
}

interface Common {
  numpy: string;
  blas: BlasInfo[] | null;
  maxrss_bytes: number; // peak RSS (VmHWM), bytes
  times_ms: number[];
}

export interface PythonGd extends Common {
  params: number[];
}

export interface PythonLbfgs extends Common {
  sklearn: string;
  tol: number;
  n_iter: number;
  objective: number;
  tried: { tol: number; objective: number; n_iter: number }[];
}

const checked = new Map<string, string | null>();

/**
 * Why the Python peers cannot run, or null when they can: `/usr/bin/python3` must run and
 * import `modules` (a machine may have scikit-learn without statsmodels).
 */
export function pythonUnavailable(modules: readonly string[] = ['sklearn', 'numpy']): string | null {
  const key = modules.join(', ');
  const known = checked.get(key);
  if (known !== undefined) return known;
  const probe = spawnSync(PYTHON, ['-c', `import ${key}`], { encoding: 'utf8', env: pythonEnv() });
  const why =
    probe.error !== undefined
      ? `${PYTHON} cannot be run (${probe.error.message})`
      : probe.status !== 0
        ? `${PYTHON} -c 'import ${key}' failed: ${probe.stderr.trim().split('\n').pop() ?? ''}`
        : null;
  checked.set(key, why);
  return why;
}

/** The OpenBLAS overrides that were set in this process's environment (and dropped for Python). */
export function droppedOverrides(): string[] {
  return OPENBLAS_OVERRIDES.filter((name) => process.env[name] !== undefined).map((name) => `${name}=${process.env[name]}`);
}

function pythonEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of OPENBLAS_OVERRIDES) delete env[name];
  return env;
}

function run<T>(args: readonly (string | number)[]): T {
  const result = spawnSync(PYTHON, [SCRIPT, ...args.map(String)], {
    encoding: 'utf8',
    env: pythonEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) throw new Error(`python_peers.py ${args[0]} exited with ${result.status}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** numpy gradient descent: `runs` timed fits of `steps` steps after `warmup` untimed ones. */
export function pythonGd(files: DataFiles, learningRate: number, steps: number, warmup: number, runs: number): PythonGd {
  return run<PythonGd>(['gd', files.x, files.y, files.rows, files.cols, learningRate, steps, warmup, runs]);
}

/** scikit-learn lbfgs at the largest tol (1e-1, 1e-2, …) that lands within `rel` of `target`; `runs` timed fits. */
export function pythonLbfgs(files: DataFiles, C: number, target: number, rel: number, runs: number): PythonLbfgs {
  return run<PythonLbfgs>(['lbfgs', files.x, files.y, files.rows, files.cols, C, target.toPrecision(17), rel, runs]);
}

/** One line on the BLAS that numpy uses, from threadpoolctl. */
export function describeBlas(blas: BlasInfo[] | null): string {
  if (blas === null) return 'threadpoolctl not available';
  if (blas.length === 0) return 'no BLAS/OpenMP pool found by threadpoolctl';
  return blas
    .map((b) => `${b.internal_api ?? b.user_api ?? '?'} ${b.version ?? ''} (${b.architecture ?? 'kernel ?'} kernel, ${b.num_threads ?? '?'} threads${b.threading_layer ? `, ${b.threading_layer}` : ''})`)
    .join('; ');
}
