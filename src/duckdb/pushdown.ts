/**
 * Pushdown training: a model fitted on a DuckDB query's result without the rows ever
 * leaving DuckDB. Each evaluation of the objective the L-BFGS / OWL-QN / Newton-CG iteration
 * asks for is one SQL aggregate over the query — Σᵢ sᵢℓᵢ and Σᵢ sᵢ∇ℓᵢ, or for Newton-CG's
 * conjugate-gradient steps Σᵢ sᵢ∇²ℓᵢ·v — and the iteration itself
 * (penalty, scaling, two-loop recursion, line search, stopping rule) runs in the
 * WebAssembly core (src/core/host-solve.ts). This is the split Spark MLlib makes on a
 * cluster; here DuckDB's out-of-core, multi-threaded scans carry the data, so a table
 * larger than memory trains in memory bounded by DuckDB's `memory_limit`, and the fit
 * lands on the optimum an in-memory fit of the same rows finds (up to the rounding of
 * the sums, whose order DuckDB's threads choose).
 *
 * The aggregate, for a binary problem (target 1 for classes[1]), z = b + Σⱼ wⱼxⱼ:
 *   ℓ = max(z, 0) + log1p(e^{−|z|}) − y·z,   ∂ℓ/∂z = σ(z) − y,
 * and for K classes (softmax), z_k = b_k + Σⱼ w_kⱼxⱼ, m = max_k z_k:
 *   ℓ = m + ln Σ_k e^{z_k − m} − z_y,        ∂ℓ/∂z_k = p_k − [y = k],
 * with log1p(u) = ln(1 + u)·u / ((1 + u) − 1) (exact to a few ulps; DuckDB has no log1p).
 * The loss is summed with `fsum` (compensated): DuckDB's threads add partial sums in no
 * fixed order, and a plain sum's rounding, ~√n ulps, would move f between two evaluations
 * at one point by more than the 8 ulps within which the line search calls f flat. The
 * gradient sums stay plain (their rounding only perturbs the direction).
 * θ, the labels and the class weights travel as bound parameters, never as SQL text; each
 * margin is one `list_dot_product` of the row's features with the block's weights.
 * @module
 */
import type { LogisticRegression } from '../estimator/logistic-regression.js';
import { adoptTrained } from '../estimator/logistic-regression.js';
import { classWeights } from '../estimator/scaling.js';
import { modeFor, trainHosted } from '../estimator/train.js';
import { describeKind } from '../validate/describe.js';
import { type Label, encodeLabels, formatLabel } from '../validate/labels.js';
import { checkColumnNames, checkOptionNames } from '../validate/options.js';

/** What pushdown uses of a @duckdb/node-api `DuckDBConnection`. */
interface Connection {
  runAndReadAll(sql: string, values?: readonly unknown[]): Promise<{ getRowsJS(): unknown[][]; columnNames(): string[] }>;
}

/** Options of {@link fitPushdown}. */
export interface PushdownOptions {
  /** The label column of the query's result. */
  target: string;
  /**
   * The feature columns, in the model's column order (numeric: integer, FLOAT, DOUBLE or
   * DECIMAL types).
   * @default every column of the result but `target` and `sampleWeight`
   */
  columns?: readonly string[] | null;
  /**
   * A column of per-row weights (finite, ≥ 0), as `fit`'s `sampleWeight`.
   * @default null (every row weighs 1)
   */
  sampleWeight?: string | null;
}

const WHERE = 'fitPushdown';

/** DuckDB types a feature column may have (DECIMAL(p, s) too). */
const NUMERIC_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'FLOAT', 'DOUBLE']);
/** Integer types whose values may lie beyond ±2⁵³, which float64 cannot hold exactly. */
const WIDE_INTEGERS = new Set(['BIGINT', 'HUGEINT', 'UBIGINT', 'UHUGEINT']);

/** An SQL identifier, quoted. */
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Fits `model` on the result of the DuckDB query `sql`, evaluating every loss and gradient
 * as one aggregate over it in DuckDB (see the module comment): for tables larger than
 * memory, or that should stay in the database. The model's options apply as in `fit` (C,
 * penalty, l1Ratio, fitIntercept, classWeight, multiClass, tol, maxIter, onIteration,
 * onWarning), with solver 'lbfgs' (penalty 'l2' or 'none'), 'owlqn' (any penalty) or
 * 'newton' (Newton-CG, l2 or none: one aggregate per conjugate-gradient step too);
 * multiClass 'ovr' with more than two classes is not available (one softmax problem is).
 * Each iteration costs one scan per line-search trial (usually one), plus two scans before
 * the first (column checks, classes and weights). The fit starts from zeros: `warmStart`
 * is not used (onWarning says so when it is set).
 * @param model the estimator to fit (its options say what to fit; a previous fit is replaced).
 * @param connection a @duckdb/node-api `DuckDBConnection` (anything with its `runAndReadAll(sql, values)`).
 * @param sql a query (`SELECT … FROM 'big/*.parquet'`, a table name in a SELECT, …).
 * @returns a Promise of `model`, fitted.
 * @throws (the Promise rejects with) TypeError for arguments of the wrong kind; RangeError
 * for another solver, 'ovr' with more than two classes, a missing column (listing the
 * result's), a column that is not numeric, nulls or non-finite values (naming the column
 * and how many), an integer beyond ±2⁵³, negative or non-finite weights, fewer than two
 * classes, no rows; Error with DuckDB's message and the query when DuckDB fails. A failed
 * call leaves the model as it was.
 * @example
 * ```ts
 * import { DuckDBInstance } from '@duckdb/node-api';
 * import { LogisticRegression, fitPushdown } from 'logreg-wasm';
 * const connection = await (await DuckDBInstance.create()).connect();
 * await connection.run("SET memory_limit = '2GB'");
 * const model = await fitPushdown(new LogisticRegression({ C: 10 }), connection, "SELECT * FROM 'events/*.parquet'", { target: 'clicked' });
 * ```
 */
export async function fitPushdown<M extends LogisticRegression>(model: M, connection: unknown, sql: string, options: PushdownOptions): Promise<M> {
  checkOptionNames(WHERE, options, ['target', 'columns', 'sampleWeight']);
  const db = readConnection(connection);
  if (typeof sql !== 'string') throw new TypeError(`${WHERE}: sql must be a string, got ${describeKind(sql)}`);
  if (typeof options.target !== 'string') throw new TypeError(`${WHERE}: target must be a column name, got ${describeKind(options.target)}`);
  const weightColumn = options.sampleWeight ?? null;
  if (weightColumn !== null && typeof weightColumn !== 'string') throw new TypeError(`${WHERE}: sampleWeight must be a column name or null, got ${describeKind(weightColumn)}`);
  const { solver, multiClass } = model;
  if (solver !== 'lbfgs' && solver !== 'owlqn' && solver !== 'newton') {
    throw new RangeError(`${WHERE}: pushdown runs solver 'lbfgs', 'owlqn' or 'newton' (one aggregate per evaluation or Hessian-vector product); this model's solver is '${solver}'`);
  }
  if (model.warmStart) model.onWarning?.(`${WHERE}: warmStart is not used; the fit starts from zeros`);
  const source = `(${sql.replace(/[\s;]+$/, '')}) AS source`;
  const run = async (query: string, values: readonly unknown[] = []): Promise<unknown[][]> => {
    try {
      return (await db.runAndReadAll(query, values as unknown[])).getRowsJS();
    } catch (error) {
      throw new Error(`${WHERE}: DuckDB failed: ${error instanceof Error ? error.message : String(error)} (query: ${sql})`, { cause: error });
    }
  };

  // The result's columns and their types.
  const described = await run(`DESCRIBE SELECT * FROM ${source}`);
  const types = new Map(described.map((row) => [String(row[0]), String(row[1])]));
  const names = [...types.keys()];
  const column = (name: string, role: string): string => {
    if (!types.has(name)) throw new RangeError(`${WHERE}: the query's result has no ${role} column '${name}' (columns: ${names.join(', ')})`);
    return name;
  };
  column(options.target, 'target');
  if (weightColumn !== null) numericColumn(column(weightColumn, 'sampleWeight'), types);
  const features = [...(checkColumnNames(WHERE, options.columns) ?? names.filter((name) => name !== options.target && name !== weightColumn))];
  if (features.length === 0) throw new RangeError(`${WHERE}: no feature columns (the result has only ${names.map((n) => `'${n}'`).join(', ')})`);
  for (const name of features) numericColumn(column(name, 'feature'), types);

  // One scan: rows, and the bad values of every column.
  const checks: string[] = ['count(*)', `count(*) FILTER (WHERE ${quote(options.target)} IS NULL)`];
  for (const name of [...features, ...(weightColumn === null ? [] : [weightColumn])]) {
    const q = quote(name);
    checks.push(`count(*) FILTER (WHERE ${q} IS NULL)`, `count(*) FILTER (WHERE NOT isfinite(CAST(${q} AS DOUBLE)))`);
    checks.push(WIDE_INTEGERS.has(types.get(name) as string) ? `count(*) FILTER (WHERE abs(CAST(${q} AS DOUBLE)) > 9007199254740992)` : '0');
  }
  if (weightColumn !== null) checks.push(`count(*) FILTER (WHERE CAST(${quote(weightColumn)} AS DOUBLE) < 0)`);
  const counts = ((await run(`SELECT ${checks.join(', ')} FROM ${source}`))[0] as unknown[]).map(Number);
  const rows = counts[0] as number;
  if (rows === 0) throw new RangeError(`${WHERE}: the query returned no rows`);
  if ((counts[1] as number) > 0) throw new RangeError(`${WHERE}: column '${options.target}' is null in ${counts[1]} of ${rows} rows; every row needs a label (filter them in the query)`);
  [...features, ...(weightColumn === null ? [] : [weightColumn])].forEach((name, j) => {
    const [nulls, nonFinite, wide] = counts.slice(2 + 3 * j, 5 + 3 * j) as [number, number, number];
    if (nulls > 0) throw new RangeError(`${WHERE}: column '${name}' is null in ${nulls} of ${rows} rows; fill or drop the nulls in the query (e.g. coalesce)`);
    if (nonFinite > 0) throw new RangeError(`${WHERE}: column '${name}' holds NaN or ±Infinity in ${nonFinite} of ${rows} rows; values must be finite`);
    if (wide > 0) throw new RangeError(`${WHERE}: column '${name}' holds ${wide} integers beyond ±2⁵³, which float64 cannot hold exactly`);
  });
  if (weightColumn !== null && (counts[counts.length - 1] as number) > 0) {
    throw new RangeError(`${WHERE}: column '${weightColumn}' (sampleWeight) is negative in ${counts[counts.length - 1]} rows; weights must be ≥ 0`);
  }

  // The classes, sorted as fit sorts them, with their counts and weight sums.
  const weightSql = weightColumn === null ? '1.0' : `CAST(${quote(weightColumn)} AS DOUBLE)`;
  const groups = await run(`SELECT ${quote(options.target)}, count(*), sum(${weightSql}) FROM ${source} GROUP BY ALL`);
  const values = groups.map((row) => labelValue(row[0], options.target));
  const encoded = encodeLabels(values, values.length, `column '${options.target}'`);
  const classes = encoded.classes;
  const K = classes.length;
  if (K < 2) throw new RangeError(`${WHERE}: column '${options.target}' holds one class (${formatLabel(classes[0] as Label)}); at least two are needed`);
  const mode = modeFor(multiClass, K);
  if (mode === 'ovr') {
    throw new RangeError(`${WHERE}: multiClass 'ovr' fits ${K} problems, one scan each per evaluation; pushdown fits one softmax problem: use multiClass 'multinomial' (or 'auto')`);
  }
  const classCounts = new Int32Array(K);
  const classWeightSums = new Float64Array(K);
  groups.forEach((row, g) => {
    const k = encoded.indices[g] as number;
    classCounts[k] = Number(row[1]);
    classWeightSums[k] = Number(row[2]);
  });
  const perClass = classWeights(model.classWeight, encoded, classCounts) ?? new Float64Array(K).fill(1);
  let weightSum = 0;
  for (let k = 0; k < K; k++) weightSum += (perClass[k] as number) * (classWeightSums[k] as number);

  const blocks = mode === 'binary' ? 1 : K;
  const weighted = weightColumn !== null || perClass.some((w) => w !== 1);
  const over: Rows = { source, features, target: options.target, weightSql: weighted ? weightSql : null, classes, classWeights: weighted ? perClass : null, blocks };
  const query = dataTermQuery(over);
  const parameters = blocks * (features.length + 1);
  const dataTerm = async (theta: Float64Array, gradient: Float64Array): Promise<number> => {
    const sums = (await run(query.sql, query.values(theta)))[0] as unknown[];
    for (let j = 0; j < parameters; j++) gradient[j] = Number(sums[j + 1]);
    const loss = Number(sums[0]);
    if (!Number.isFinite(loss) || !gradient.every(Number.isFinite)) {
      throw new RangeError(`${WHERE}: the loss or gradient over the query's rows is not finite (the features are too large for float64 sums; scale them in the query)`);
    }
    return loss;
  };
  const hessian = hessianTermQuery(over);
  const hessianTerm = async (theta: Float64Array, v: Float64Array, out: Float64Array): Promise<void> => {
    const sums = (await run(hessian.sql, hessian.values(theta, v)))[0] as unknown[];
    for (let j = 0; j < parameters; j++) out[j] = Number(sums[j]);
    if (!out.every(Number.isFinite)) throw new RangeError(`${WHERE}: a Hessian-vector product over the query's rows is not finite (the features are too large for float64 sums; scale them in the query)`);
  };
  const trained = await trainHosted({ options: model, mode, classes: K, cols: features.length, weightSum, dataTerm, hessianTerm: solver === 'newton' ? hessianTerm : null });
  adoptTrained(model, trained, classes, mode, features.length);
  return model;
}

/** Checks the duck type of a connection. */
function readConnection(connection: unknown): Connection {
  const c = connection as Partial<Connection> | null;
  if (c === null || typeof c !== 'object' || typeof c.runAndReadAll !== 'function') {
    throw new TypeError(`${WHERE}: connection must be a DuckDB connection (@duckdb/node-api's DuckDBConnection), got ${describeKind(connection)}`);
  }
  return c as Connection;
}

/** A parameter vector (θ or v) as an aggregate's parameters: per block the intercept as DOUBLE text, then the weights as DOUBLE[] text. */
function vectorValues(theta: Float64Array, blocks: number, d: number): unknown[] {
  const out: unknown[] = [];
  for (let k = 0; k < blocks; k++) {
    const block = theta.subarray(k * (d + 1), (k + 1) * (d + 1));
    out.push(String(block[d]), `[${Array.from(block.subarray(0, d), String).join(', ')}]`);
  }
  return out;
}

/** Refuses a column whose DuckDB type is not numeric. */
function numericColumn(name: string, types: ReadonlyMap<string, string>): void {
  const type = types.get(name) as string;
  if (!NUMERIC_TYPES.has(type) && !type.startsWith('DECIMAL')) {
    throw new RangeError(`${WHERE}: column '${name}' is ${type}; features and weights must be numeric (integer, FLOAT, DOUBLE or DECIMAL; cast it in the query)`);
  }
}

/** A label as DuckDB returns it, as a {@link Label}: bigints within ±2⁵³ become numbers. */
function labelValue(value: unknown, column: string): Label {
  if (typeof value === 'bigint') {
    if (value <= 9007199254740992n && value >= -9007199254740992n) return Number(value);
    throw new RangeError(`${WHERE}: column '${column}' holds the label ${value}, beyond ±2⁵³; cast it to VARCHAR in the query`);
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  throw new RangeError(`${WHERE}: column '${column}' holds ${describeKind(value)}; labels must be numbers, strings or booleans (cast it in the query)`);
}

/** The rows an aggregate runs over, and the problem's shape. */
export interface Rows {
  /** The query as a subquery: `(…) AS source`. */
  readonly source: string;
  readonly features: readonly string[];
  readonly target: string;
  /** The SQL of each row's sample weight, or null when every row (and class) weighs 1. */
  readonly weightSql: string | null;
  /** The classes, sorted as fit sorts them. */
  readonly classes: readonly Label[];
  /** Each class's weight (with `weightSql`), else null. */
  readonly classWeights: Float64Array | null;
  /** 1 for a binary problem, K for a softmax. */
  readonly blocks: number;
}

/** An aggregate over the rows and the values of its parameters at θ (and v, for the Hessian's). */
interface TermQuery<A extends unknown[]> {
  readonly sql: string;
  values(...at: A): unknown[];
}

/**
 * What both aggregates build on: the rows as x0 … x(d−1), their list xs and (with weights)
 * s; the label (y, binary: 1 for classes[1]; k, the class index) when `labelled`; the
 * parameters that come first (the labels compared with, then each class's weight); and θ's
 * (and v's) parameters after them, two per block — the intercept and the weights, as text
 * (JS's shortest round-trip digits, which DuckDB parses back to the same doubles: a JS
 * number would be bound as an integer type when it is integral, and refused beyond int64).
 * Unweighted rows (sᵢ = 1) skip every product by sᵢ: DuckDB evaluates each operator over
 * whole vectors, so the operators per row are what an evaluation costs.
 */
function rowsOf(rows: Rows, labelled: boolean) {
  const { source, features, target, weightSql, classes, classWeights, blocks } = rows;
  const K = classes.length;
  const param = (i: number): string => `$${i + 1}`;
  const compared = !labelled ? [] : blocks === 1 ? [classes[1] as Label] : classes;
  const fixed: unknown[] = weightSql === null ? [...compared] : [...classes, ...Array.from(classWeights as Float64Array, String)];
  const classIndex = (k: number): string => param(weightSql === null && blocks === 1 ? 0 : k);
  const x = features.map((name, j) => `CAST(${quote(name)} AS DOUBLE) AS x${j}`).join(', ');
  const weight = weightSql === null ? '' : `, ${weightSql} * CASE ${quote(target)} ${classes.map((_, k) => `WHEN ${param(k)} THEN ${param(K + k)}::DOUBLE`).join(' ')} END AS s`;
  const label = !labelled
    ? ''
    : blocks === 1
      ? `, CAST(${quote(target)} = ${classIndex(1)} AS DOUBLE) AS y`
      : `, CASE ${quote(target)} ${classes.map((_, k) => `WHEN ${classIndex(k)} THEN ${k}`).join(' ')} END AS k`;
  // Only the source's columns are in scope here (a feature may be named x1): xs casts them again.
  const data = `SELECT ${x}, [${features.map((name) => `CAST(${quote(name)} AS DOUBLE)`).join(', ')}] AS xs${label}${weight} FROM ${source}`;
  // One list_dot_product per block: a single operator, where Σⱼ wⱼ·xⱼ written out is 2d.
  // `vector` 0 is θ, 1 is v (the Hessian's).
  const dot = (vector: number, k: number): string =>
    `${param(fixed.length + 2 * (vector * blocks + k))}::DOUBLE + list_dot_product(xs, ${param(fixed.length + 2 * (vector * blocks + k) + 1)}::DOUBLE[])`;
  const times = (term: string): string => (weightSql === null ? term : `s * (${term})`);
  const sums = (residual: (k: number) => string): string[] =>
    Array.from({ length: blocks }, (_, k) => [...features.map((_, j) => `sum(${residual(k)} * x${j})`), `sum(${residual(k)})`]).flat();
  const ks = Array.from({ length: blocks }, (_, k) => k);
  return { fixed, data, dot, times, sums, ks, d: features.length };
}

/**
 * The aggregate of the data term at θ: one row of Σsᵢℓᵢ then Σsᵢ∇θℓᵢ (per block the
 * weights, then the intercept).
 */
export function dataTermQuery(rows: Rows): TermQuery<[Float64Array]> {
  const { blocks } = rows;
  const { fixed, data, dot, times, sums, ks, d } = rowsOf(rows, true);
  const values = (theta: Float64Array): unknown[] => [...fixed, ...vectorValues(theta, blocks, d)];
  const log1p = (u: string): string => `CASE WHEN 1 + ${u} = 1 THEN ${u} ELSE ln(1 + ${u}) * ${u} / ((1 + ${u}) - 1) END`;
  if (blocks === 1) {
    // u = e^{−|z|} gives σ and ℓ without overflow.
    const withU = `SELECT *, exp(-abs(z)) AS u FROM (SELECT *, ${dot(0, 0)} AS z FROM (${data}))`;
    const terms = `SELECT *, ${times(`greatest(z, 0) + ${log1p('u')} - y * z`)} AS loss, ${times('(CASE WHEN z >= 0 THEN 1 ELSE u END) / (1 + u) - y')} AS r0 FROM (${withU})`;
    return { sql: `SELECT fsum(loss), ${sums(() => 'r0').join(', ')} FROM (${terms})`, values };
  }
  const withL = softmaxRows(data, dot, ks);
  const zy = `CASE k ${ks.map((k) => `WHEN ${k} THEN z${k}`).join(' ')} END`;
  const terms = `SELECT *, ${times(`lse - ${zy}`)} AS loss, ${ks.map((k) => `${times(`exp(z${k} - lse) - CAST(k = ${k} AS DOUBLE)`)} AS r${k}`).join(', ')} FROM (${withL})`;
  return { sql: `SELECT fsum(loss), ${sums((k) => `r${k}`).join(', ')} FROM (${terms})`, values };
}

/**
 * The aggregate of the data term's Hessian at θ times v: one row of Σsᵢ∇²θℓᵢ·v. Binary:
 * Σ sᵢσ(1 − σ)(x̃ᵢ·v) x̃ᵢ; softmax: per class k, Σ sᵢ p_k (u_k − Σⱼ pⱼuⱼ) x̃ᵢ with u_k = x̃ᵢ·v_k.
 */
export function hessianTermQuery(rows: Rows): TermQuery<[Float64Array, Float64Array]> {
  const { blocks } = rows;
  const { fixed, data, dot, times, sums, ks, d } = rowsOf(rows, false);
  const values = (theta: Float64Array, v: Float64Array): unknown[] => [...fixed, ...vectorValues(theta, blocks, d), ...vectorValues(v, blocks, d)];
  if (blocks === 1) {
    const withU = `SELECT *, exp(-abs(${dot(0, 0)})) AS u, ${dot(1, 0)} AS v0 FROM (${data})`;
    // σ(1 − σ) = u / (1 + u)², whichever the sign of z.
    const terms = `SELECT *, ${times('u / ((1 + u) * (1 + u)) * v0')} AS h0 FROM (${withU})`;
    return { sql: `SELECT ${sums(() => 'h0').join(', ')} FROM (${terms})`, values };
  }
  const withL = softmaxRows(data, (vector, k) => dot(vector, k), ks);
  const withV = `SELECT *, ${ks.map((k) => `exp(z${k} - lse) AS p${k}, ${dot(1, k)} AS v${k}`).join(', ')} FROM (${withL})`;
  const withMean = `SELECT *, ${ks.map((k) => `p${k} * v${k}`).join(' + ')} AS vbar FROM (${withV})`;
  const terms = `SELECT *, ${ks.map((k) => `${times(`p${k} * (v${k} - vbar)`)} AS h${k}`).join(', ')} FROM (${withMean})`;
  return { sql: `SELECT ${sums((k) => `h${k}`).join(', ')} FROM (${terms})`, values };
}

/** The rows with each class's margin z_k and lse = log Σ_k e^{z_k}, computed from the largest margin m. */
function softmaxRows(data: string, dot: (vector: number, k: number) => string, ks: readonly number[]): string {
  const withZ = `SELECT *, ${ks.map((k) => `${dot(0, k)} AS z${k}`).join(', ')} FROM (${data})`;
  const withM = `SELECT *, greatest(${ks.map((k) => `z${k}`).join(', ')}) AS m FROM (${withZ})`;
  return `SELECT *, m + ln(${ks.map((k) => `exp(z${k} - m)`).join(' + ')}) AS lse FROM (${withM})`;
}
