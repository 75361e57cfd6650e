// `npm run cli -- <args>`: the logreg-wasm command from a clone, built from the current
// sources. Builds the wasm cores if assembly/ changed and bundles dist/index.js and
// dist/cli.js (under a second), then runs dist/cli.js with <args>, its exit code passed on.
// The build's messages go to stderr, so stdout is the command's own (with `npm run -s`,
// which also drops npm's banner: `npm run -s cli -- predict model.json data.csv > out.csv`).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const step = (script, ...args) => {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step('scripts/build-wasm.mjs', '--if-changed');
step('scripts/bundle.mjs');
step('scripts/bundle-cli.mjs');
const cli = spawnSync(process.execPath, [fileURLToPath(new URL('../dist/cli.js', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(cli.status ?? 1);
