#!/usr/bin/env node
// The `logreg-wasm` command: runs the CLI bundled in dist/cli.js. This launcher is committed,
// not built, so the command exists in a clone before the first build: `npx logreg-wasm`
// links a project's own bin once, the first time it is asked for, and never links it later
// if the file was missing then.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error("logreg-wasm: dist/cli.js is missing; run 'npm run build' first (or 'npm run cli -- <args>', which builds what it needs)");
  process.exit(1);
}
await import(cli.href);
