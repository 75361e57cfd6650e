/**
 * The sparse bench's anchors come from Debian packages: `liblinear-tools` (LIBLINEAR 2.3,
 * with the library `liblinear4` it runs) and `python3-sklearn` (scikit-learn 1.2.1). When one
 * is missing and the bench runs as root with apt-get, it is installed; otherwise its rows
 * are skipped with a notice.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A package and how to tell it is usable. */
export interface DebianPackage {
  readonly name: string;
  /** null when usable, else why not. */
  readonly probe: () => string | null;
}

export const LIBLINEAR: DebianPackage = {
  name: 'liblinear-tools',
  probe: () => (existsSync('/usr/bin/liblinear-train') ? null : '/usr/bin/liblinear-train not found'),
};

export const SKLEARN: DebianPackage = {
  name: 'python3-sklearn',
  probe: () => {
    const run = spawnSync('/usr/bin/python3', ['-c', 'import sklearn, scipy, numpy'], { encoding: 'utf8' });
    if (run.error !== undefined) return `/usr/bin/python3 cannot be run (${run.error.message})`;
    return run.status === 0 ? null : `/usr/bin/python3 -c 'import sklearn' failed: ${run.stderr.trim().split('\n').pop() ?? ''}`;
  },
};

const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

function aptInstall(name: string): boolean {
  return spawnSync('apt-get', ['install', '-y', '-qq', name], { stdio: ['ignore', 'ignore', 'inherit'], env: APT_ENV }).status === 0;
}

/**
 * Makes `pkg` usable if it can: returns null when it is (already, or after installing it),
 * else the notice to print. Installs only as root and only with apt-get present; tries
 * `apt-get update` once if the first install fails (a fresh image has no package lists).
 */
export function ensurePackage(pkg: DebianPackage): string | null {
  const why = pkg.probe();
  if (why === null) return null;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return `${why}; not root or no apt-get, so not installed (apt-get install ${pkg.name})`;
  console.log(`Installing ${pkg.name} with apt-get (${why}) …`);
  if (!aptInstall(pkg.name)) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env: APT_ENV });
    aptInstall(pkg.name);
  }
  const after = pkg.probe();
  return after === null ? null : `apt-get install ${pkg.name} did not make it usable: ${after}`;
}
