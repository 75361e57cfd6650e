// Compiles assembly/ into the three wasm cores with asc (asconfig.json's targets release,
// threads and relaxed) and the CLI's CSV core (target csv, from assembly/text/index.ts) and embeds them in src/core/*.generated.ts (scripts/embed-wasm.mjs).
//
//   node scripts/build-wasm.mjs               always rebuilds (npm run build:wasm)
//   node scripts/build-wasm.mjs --if-changed  rebuilds only when an input changed (the
//                                             pre-step of npm start, test, bench, demo, build)
//
// After a build, build/wasm-inputs.json records a digest of every input (each file under
// assembly/, asconfig.json, this script, scripts/embed-wasm.mjs, and the installed versions of
// assemblyscript and binaryen) and a digest of every output. --if-changed skips the build
// only when the inputs digest is the same and every output is present with the digest
// recorded, so a fresh clone, an edited source, an upgraded compiler, a core rebuilt by
// hand or a deleted generated file all lead to a rebuild. The record is removed before a
// build starts and written only after it succeeded, so a failed build is never taken as
// up to date.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository: this script lives in <root>/scripts/. */
const root = dirname(dirname(fileURLToPath(import.meta.url)));

const TARGETS = ['release', 'threads', 'relaxed'];
const OUTPUTS = [
  'build/logreg.wasm',
  'build/logreg-threads.wasm',
  'build/logreg-relaxed.wasm',
  'src/core/bytes.generated.ts',
  'src/core/relaxed-bytes.generated.ts',
  'build/csv.wasm',
  'src/core/csv-bytes.generated.ts',
];
const RECORD = 'build/wasm-inputs.json';

/** Every file under `dir`, as paths relative to the root with '/' separators, sorted. */
function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(join(root, dir));
  return out.sort();
}

const digest = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** The installed version of a package, or 'absent'. */
function installedVersion(name) {
  const file = join(root, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : 'absent';
}

/** One digest over the names and contents of all inputs and the compiler versions. */
function inputsDigest() {
  const hash = createHash('sha256');
  const files = [...filesUnder('assembly'), 'asconfig.json', 'scripts/build-wasm.mjs', 'scripts/embed-wasm.mjs'];
  for (const file of files) {
    // Length-prefixed, so no two different file sets hash the same stream.
    const bytes = readFileSync(join(root, file));
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  hash.update(`assemblyscript ${installedVersion('assemblyscript')}\0binaryen ${installedVersion('binaryen')}`);
  return hash.digest('hex');
}

/** Each output's digest, or null for one that is missing. */
function outputDigests() {
  return Object.fromEntries(
    OUTPUTS.map((file) => {
      const path = join(root, file);
      return [file, existsSync(path) ? digest(readFileSync(path)) : null];
    }),
  );
}

/** Why a build is needed, or null when the record matches the inputs and outputs. */
function staleReason(inputs) {
  const path = join(root, RECORD);
  if (!existsSync(path)) return 'no record of a previous build';
  let record;
  try {
    record = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return `${RECORD} is unreadable`;
  }
  if (record.inputs !== inputs) return 'assembly/, asconfig.json, the build scripts or the compiler changed';
  const outputs = outputDigests();
  for (const file of OUTPUTS) {
    if (outputs[file] === null) return `${file} is missing`;
    if (record.outputs?.[file] !== outputs[file]) return `${file} changed since the last build`;
  }
  return null;
}

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build-wasm: ${args.map((a) => relative(root, a) || a).join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

const argv = process.argv.slice(2);
const unknown = argv.filter((a) => a !== '--if-changed');
if (unknown.length > 0) {
  console.error(`build-wasm: unknown argument ${unknown[0]}\nusage: node scripts/build-wasm.mjs [--if-changed]`);
  process.exit(2);
}
const inputs = inputsDigest();
if (argv.includes('--if-changed')) {
  const reason = staleReason(inputs);
  if (reason === null) {
    console.log('build-wasm: the wasm cores are up to date (npm run build:wasm rebuilds them anyway)');
    process.exit(0);
  }
  console.log(`build-wasm: building the wasm cores (${reason})`);
}
rmSync(join(root, RECORD), { force: true });
const asc = join(root, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
for (const target of TARGETS) {
  run([asc, 'assembly/index.ts', '--config', 'asconfig.json', '--target', target]);
}
// The CLI's CSV core, a module of its own (assembly/text/index.ts).
run([asc, 'assembly/text/index.ts', '--config', 'asconfig.json', '--target', 'csv']);
run([join(root, 'scripts', 'embed-wasm.mjs')]);
writeFileSync(join(root, RECORD), `${JSON.stringify({ inputs, outputs: outputDigests() }, null, 1)}\n`);
console.log(`build-wasm: built ${OUTPUTS.filter((f) => f.endsWith('.wasm')).join(', ')} and embedded them in src/core/`);
