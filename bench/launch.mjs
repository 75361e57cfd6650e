// `npm run bench`: runs bench/index.ts under tsx, adding V8's relaxed-SIMD flag when this
// Node accepts it (Node 20 needs it for the relaxed-SIMD row; where a newer Node has
// dropped the flag, relaxed SIMD is on by default and the flag is left out).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FLAG = '--experimental-wasm-relaxed-simd';
const accepted = spawnSync(process.execPath, [FLAG, '-e', '0'], { stdio: 'ignore' }).status === 0;
const args = [...(accepted ? [FLAG] : []), '--import', 'tsx', fileURLToPath(new URL('./index.ts', import.meta.url)), ...process.argv.slice(2)];
const bench = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(bench.status ?? 1);
