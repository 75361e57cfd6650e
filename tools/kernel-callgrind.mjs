// Instructions per gradient-descent step of one WebAssembly build, a noise-free proxy for
// its speed: runs `gradientDescent` for a given number of steps on the bench's data shape,
// with V8's optimising compiler only, so that under
//
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null node tools/kernel-callgrind.mjs build.wasm 800 2 STEPS
//
// the difference of the totals for two step counts, divided by the difference of the
// steps, is the cost of one step. (Data: standard normal X and labels from a fixed
// linear rule, as bench/data.ts, with a cheaper generator.)
import { readFileSync } from 'node:fs';

const [file, rowsText, colsText, stepsText] = process.argv.slice(2);
const rows = Number(rowsText);
const cols = Number(colsText);
const steps = Number(stepsText);
const module = new WebAssembly.Module(readFileSync(file));
const shared = WebAssembly.Module.imports(module).some((i) => i.module === 'env' && i.name === 'memory');
const memory = shared ? new WebAssembly.Memory({ initial: 2, maximum: 65536, shared: true }) : null;
const env = { abort() { throw new Error('abort'); }, ...(memory ? { memory } : {}) };
const core = new WebAssembly.Instance(module, { env, logreg: { progress: () => 1, parallel() {} } }).exports;
const mem = () => (memory ?? core.memory).buffer;

let seed = 42;
const uniform = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
const xPtr = core.alloc(rows * cols * 8);
const yPtr = core.alloc(rows * 8);
const x = new Float64Array(mem(), xPtr, rows * cols);
const y = new Float64Array(mem(), yPtr, rows);
const truth = Array.from({ length: cols }, () => 2 * uniform() - 1);
for (let i = 0; i < rows; i++) {
  let z = 0.25 + gauss();
  for (let j = 0; j < cols; j++) z += (x[i * cols + j] = gauss()) * truth[j];
  y[i] = z > 0 ? 1 : 0;
}
// The problem record's layout belongs to the core: every offset is read from its exports.
const record = core.problemAddress();
const u32 = (name, v) => new DataView(mem()).setUint32(record + core[name].value, v, true);
const f64 = (name, v) => new DataView(mem()).setFloat64(record + core[name].value, v, true);
u32('PROBLEM_X', xPtr);
u32('PROBLEM_LAYOUT', core.LAYOUT_DENSE_F64.value);
u32('PROBLEM_Y', yPtr);
u32('PROBLEM_WEIGHTS', 0);
u32('PROBLEM_ROWS', rows);
u32('PROBLEM_COLS', cols);
u32('PROBLEM_BLOCKS', 1);
u32('PROBLEM_FIT_INTERCEPT', 1);
f64('PROBLEM_WEIGHT_SUM', rows);
f64('PROBLEM_L2', 0);
f64('PROBLEM_L1', 0);
const gd = core.SOLVER_GD.value;
u32('PROBLEM_WORK', core.alloc(core.workLength(gd) * 8));
core.prepareProblem(gd);
const params = core.alloc((cols + 1) * 8);
if (steps > 0) core.gradientDescent(params, 0.01, steps, 0, 0);
