/**
 * numpy's legacy `RandomState` stream (MT19937 with the legacy seeding and the
 * legacy sampling algorithms), reproduced bit for bit.
 *
 * Besides the generator itself this module holds two numeric helpers that the
 * bit-exact ports need:
 *
 * - {@link fma}: a correctly rounded fused multiply-add, emulated with
 *   double-word arithmetic (JavaScript has no `Math.fma`). OpenBLAS' kernels and
 *   glibc's `log` use hardware FMA, so matching them needs it.
 * - {@link glibcLog}: the natural logarithm exactly as glibc (>= 2.28) computes
 *   it on x86-64 CPUs with FMA/AVX2. numpy's legacy Gaussian sampler calls C
 *   `log`; V8's `Math.log` (an fdlibm port) differs from glibc in the last bit
 *   for about 7% of the inputs that sampler produces, and glibc itself is not
 *   correctly rounded (about 1 input in 1300 differs from the correctly
 *   rounded result), so neither `Math.log` nor a correctly rounded log can
 *   reproduce numpy's stream. The algorithm below is the table-driven one
 *   glibc uses (it comes from Arm's optimized-routines), evaluated with the
 *   same operation order and the same fused multiply-adds as glibc's
 *   `__log_fma` variant, which is the one the dynamic loader selects on CPUs
 *   with FMA and AVX2.
 *
 * @packageDocumentation
 */

// ---------------------------------------------------------------------------
// Bit access helpers
// ---------------------------------------------------------------------------

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the low / high 32-bit word of a float64 in `u32`. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's splitting constant
const TWO_POW_900 = 2 ** 900;
const TWO_POW_M900 = 2 ** -900;
const TWO_POW_995 = 2 ** 995;

/**
 * Round-to-odd of `x + y`: the exact sum when representable, otherwise the
 * neighbouring double (of the two that bracket the exact sum) whose last
 * significand bit is 1.
 */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const bb = s - x;
  const err = x - (s - bb) + (y - bb);
  if (err === 0) return s;
  f64[0] = s;
  let lo = u32[LO]!;
  if ((lo & 1) === 1) return s;
  // s is "even": step one unit in the last place towards the exact value.
  if (err > 0 === s > 0) {
    u32[LO] = lo + 1; // lo is even, no carry
  } else {
    if (lo === 0) {
      u32[HI] = u32[HI]! - 1;
      lo = 0x100000000;
    }
    u32[LO] = lo - 1;
  }
  return f64[0]!;
}

/**
 * Fused multiply-add: `a * b + c` with a single rounding (round to nearest,
 * ties to even), like C's `fma` and the x86 `vfmadd` instructions.
 *
 * Exact for all finite operands whose magnitudes (and that of the product)
 * lie in [2^-900, 2^900], or that are zero; this covers every use in this
 * package. Outside that range it falls back to the doubly rounded
 * `a * b + c`.
 *
 * Method: Dekker's exact product `a*b = ph + pl`, an exact `c + ph = th + tl`,
 * then `RN(th + RO(tl + pl))` (Boldo & Melquiond, "Emulation of FMA and
 * correctly rounded sums: proved algorithms using rounding to odd", 2008).
 *
 * @param a - first factor
 * @param b - second factor
 * @param c - addend
 * @returns the correctly rounded value of `a * b + c`
 * @example
 * ```ts
 * fma(0.1, 10, -1); // 5.551115123125783e-17 (plain 0.1 * 10 - 1 gives 0)
 * ```
 */
export function fma(a: number, b: number, c: number): number {
  const ph = a * b;
  if (a === 0 || b === 0 || c === 0) {
    // The product is exact when a factor is zero; when c is zero the result
    // is the rounded product (signed-zero subtleties aside).
    return c === 0 && ph !== 0 ? ph : ph + c;
  }
  const aph = ph < 0 ? -ph : ph;
  const ac = c < 0 ? -c : c;
  if (
    !(aph <= TWO_POW_900 && aph >= TWO_POW_M900 && ac <= TWO_POW_900) ||
    (ac < TWO_POW_M900) ||
    a > TWO_POW_995 || a < -TWO_POW_995 || b > TWO_POW_995 || b < -TWO_POW_995
  ) {
    return ph + c; // outside the emulation's exact range (or not finite)
  }
  // Exact product ph + pl (Veltkamp split + Dekker).
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - ph + ah * bl + al * bh + al * bl;
  // Exact c + ph = th + tl (Knuth's TwoSum).
  const th = c + ph;
  const z = th - c;
  const tl = c - (th - z) + (ph - z);
  return th + addRoundToOdd(tl, pl);
}

// ---------------------------------------------------------------------------
// glibc's log
// ---------------------------------------------------------------------------

/**
 * (1/c, log(c)) pairs for the 128 subintervals of [0x1.6p-1, 0x1.6p0), the
 * reduction table of glibc's `log` (Arm optimized-routines `__log_data.tab`,
 * MIT/Apache-2.0). The numbers were read from the installed libm.so.6 (glibc
 * 2.36) and printed as shortest round-trip decimals.
 */
// prettier-ignore
const LOG_TABLE = new Float64Array([
  1.4504249240398293, -0.3718565645633589, 1.442253508327276, -0.36620682668944937,
  1.4341736174350004, -0.3605888069791945, 1.426183816329995, -0.3550022171419869,
  1.4182825527052965, -0.34944666968829097, 1.4104682921759335, -0.3439217713603284,
  1.4027396147468003, -0.3384271921261188, 1.3950954438932313, -0.332962831494342,
  1.3875338232485754, -0.32752794345742586, 1.3800539211058593, -0.32212257167088865,
  1.3726542695419708, -0.3167462884799761, 1.3653332798446802, -0.3113985598928366,
  1.358090204587874, -0.3060794515165526, 1.3509234892132138, -0.300788424667644,
  1.3438320840699889, -0.2955252968476998, 1.3368146974742003, -0.29028969275850613,
  1.329870114677736, -0.2850812793277555, 1.322997339161106, -0.27989987391470095,
  1.316195352741367, -0.27474526621870154, 1.3094628125672239, -0.2696169863701243,
  1.3027990455471041, -0.26451506180308115, 1.2962024229438942, -0.2594387762767383,
  1.2896726275815547, -0.2543884090981692, 1.2832080305745537, -0.24936321635129843,
  1.276807885983376, -0.24436312405975968, 1.2704714060687552, -0.23938801747897287,
  1.2641976054949482, -0.23443761696705678, 1.257985357514882, -0.22951151871518505,
  1.2518337750655457, -0.2246094963439873, 1.2457421919097305, -0.21973149037705753,
  1.2397094966625508, -0.2148770752847895, 1.2337348463589233, -0.210046029103637,
  1.2278176973028803, -0.20523836373934046, 1.2219570190618474, -0.20045368751368642,
  1.2161519732977757, -0.1956917537758045, 1.2104018095009725, -0.19095237845203883,
  1.204705805718973, -0.18623539250290833, 1.1990631185441964, -0.18154051731551135,
  1.1934733004462308, -0.1768677957431919, 1.1879350812847385, -0.17221657406412305,
  1.1824481322833125, -0.16758697765942543, 1.1770114976921955, -0.16297859687290384,
  1.1716248121809465, -0.15839151377804228, 1.1662869231674715, -0.15382513241456763,
  1.1609977486762766, -0.14927976358922024, 1.1557563220795803, -0.14475495398119165,
  1.1505619105480347, -0.14025044090817573, 1.1454138888505974, -0.1357660466685502,
  1.140311877374656, -0.1313018016355727, 1.1352550225747513, -0.12685731518763532,
  1.1302429094831266, -0.1224325737671279, 1.1252747693068048, -0.11802724521862729,
  1.1203501571039876, -0.11364127671663482, 1.1154683327680124, -0.10927434611278386,
  1.1106291463292157, -0.10492665324943573, 1.1058315813301596, -0.10059761422644442,
  1.1010752177696026, -0.09628717309055901, 1.0963597137952512, -0.09199534069557558,
  1.0916844827550398, -0.08772190036688698, 1.0870487291277784, -0.08346643613867855,
  1.082452357388312, -0.07922916827544668, 1.0778948225025884, -0.0750099004750382,
  1.0733751731601076, -0.07080805133352897, 1.068893585073351, -0.06662408085151128,
  1.0644491706655506, -0.06245745471915143, 1.0600414846328305, -0.0583080438042316,
  1.0556701316181605, -0.05417576112313327, 1.051334750556926, -0.050060547896805474,
  1.0470347288442157, -0.045962101199052086, 1.0427699229652954, -0.04188056008865715,
  1.0385395013738175, -0.03781540056183985, 1.034343418940345, -0.03376684757915882,
  1.0301811073173315, -0.029734619131772888, 1.026052043621297, -0.025718470239212365,
  1.0219561082336197, -0.021718543925430822, 1.0178926505784922, -0.01773446126981071,
  1.0138614436244586, -0.013766252464051831, 1.0098620186501341, -0.009813706322574944,
  1.0058938559734134, -0.005876555150052809, 1.00195696235014, -0.0019550499938532084,
  0.9961089923088509, 0.0038985973556009412, 0.9884170338185201, 0.011650571286395461,
  0.9808429191005297, 0.019342955478919066, 0.9733840169987446, 0.0269766014846482,
  0.9660377568876556, 0.034552359728422744, 0.9588014945307369, 0.04207121767183253,
  0.9516728569073111, 0.049533940950141186, 0.9446494635965822, 0.056941358295944156,
  0.9377288993026223, 0.06429439168346107, 0.9309091073790681, 0.0715936354946507,
  0.924187681612722, 0.07884010933776153, 0.9175626765599192, 0.08603438905970506,
  0.9110320403624034, 0.09317721180013905, 0.9045935839762024, 0.10026951462748457,
  0.8982456375922825, 0.10731170956330516, 0.8919860966782501, 0.11430473320717738,
  0.8858131121185129, 0.12124928503033061, 0.879725075760676, 0.12814583422959913,
  0.8737201372634685, 0.1349951636851756, 0.8677966405782273, 0.1417978768189414,
  0.8619528050060739, 0.14855476039031146, 0.8561872354420692, 0.1552661937658968,
  0.8504983927816893, 0.16193275688146969, 0.8448844572790304, 0.16855539792220497,
  0.8393442741575965, 0.1751343179947753, 0.8338762249349438, 0.1816702989864325,
  0.8284789320557778, 0.18816387146023317, 0.8231510800065832, 0.1946155228479256,
  0.8178913903778707, 0.20102572579389744, 0.8126984007245374, 0.2073952090795501,
  0.8075710029460227, 0.21372429840596396, 0.8025078881160415, 0.2200135945981856,
  0.7975077379364331, 0.22626374162859975, 0.792569604966373, 0.23247494747693054,
  0.7876923641254114, 0.23864766620658884, 0.7828746724940998, 0.24478265647405806,
  0.7781155388790811, 0.25088025827324145, 0.7734139557869777, 0.2569408552510595,
  0.7687687179914933, 0.26296511155101143, 0.7641790698041854, 0.2689531327189343,
  0.7596438763692399, 0.27490553924610595, 0.7551621951078668, 0.2808227248478943,
  0.7507331780216866, 0.286704979267256, 0.7463557196361751, 0.29255295645509705,
  0.7420289364869653, 0.2983670386142876, 0.7377521537065876, 0.30414734587282055,
  0.7335242966002608, 0.30989455774829366, 0.729344777457841, 0.31560871301871884,
]);
const LN2_HI = 0.6931471805598903;
const LN2_LO = 5.497923018708371e-14;
// log1p(r) - r ~ A0 r^2 + A1 r^3 + ... + A4 r^6, for |r| < 1/256
const A0 = -0.5000000000000001;
const A1 = 0.33333333331825593;
const A2 = -0.2499999999622955;
const A3 = 0.20000304511814496;
const A4 = -0.16667054827627667;
// log1p(r) for x close to 1: B0 r^2 + B1 r^3 + ... + B10 r^12 (plus r)
const B0 = -0.5;
const B1 = 0.3333333333333352;
const B2 = -0.24999999999998432;
const B3 = 0.19999999999320328;
const B4 = -0.16666666669929706;
const B5 = 0.14285715076560868;
const B6 = -0.12499997863982555;
const B7 = 0.11110712032936046;
const B8 = -0.10000486757818193;
const B9 = 0.09181994006195467;
const B10 = -0.08328363062289341;
const TWO_POW_27 = 134217728;
const TWO_POW_52 = 4503599627370496;
/** High word of 0x3fe6000000000000 (0x1.6p-1), the table's range offset. */
const OFF_HI = 0x3fe60000;

/**
 * Natural logarithm computed exactly like glibc's `log` on x86-64 with FMA
 * (the `__log_fma` variant of glibc >= 2.28), so results match C `log` as
 * numpy calls it, bit for bit. Inputs that are not finite positive numbers
 * are delegated to `Math.log` (same special values: NaN, -Infinity, Infinity).
 *
 * Why not `Math.log`: V8's `Math.log` differs from glibc in the last bit for
 * roughly 7% of arguments in (0, 1).
 *
 * @param x - argument
 * @returns log(x)
 * @example
 * ```ts
 * glibcLog(0.5353620001183298); // -0.6248121251656834 (Math.log gives ...833)
 * ```
 */
export function glibcLog(x: number): number {
  if (x >= 0.9375 && x < 1.064697265625) {
    // Close to 1: a polynomial in r = x - 1 with r^2/2 split for accuracy.
    if (x === 1) return 0;
    const r = x - 1.0;
    const r2 = r * r;
    const r3 = r * r2;
    let p = fma(r, B8, B7);
    p = fma(r2, B9, p);
    p = fma(r3, B10, p);
    p = fma(p, r3, fma(r2, B6, fma(r, B5, B4)));
    p = fma(p, r3, fma(r2, B3, fma(r, B2, B1)));
    const t = fma(r, TWO_POW_27, r); // r + r*2^27
    const rhi = fma(-TWO_POW_27, r, t); // (r + w) - w
    const rlo = r - rhi;
    const rhi2 = rhi * rhi;
    const hi = fma(rhi2, B0, r);
    let lo = fma(rhi2, B0, r - hi);
    lo = fma(B0 * rlo, r + rhi, lo);
    return hi + fma(p, r3, lo);
  }
  if (!(x > 0) || x === Infinity) return Math.log(x);
  f64[0] = x;
  let hi = u32[HI]!;
  let lo = u32[LO]!;
  let k0 = 0;
  if (hi < 0x00100000) {
    // Subnormal: scale into the normal range first.
    f64[0] = x * TWO_POW_52;
    hi = u32[HI]!;
    lo = u32[LO]!;
    k0 = -52;
  }
  // x = 2^k z with z in [0x1.6p-1, 0x1.6p0); i selects the subinterval.
  const tmpHi = (hi - OFF_HI) | 0;
  const i = (tmpHi >>> 13) & 127;
  const k = tmpHi >> 20;
  u32[HI] = (hi - (k << 20)) | 0;
  u32[LO] = lo;
  const z = f64[0]!;
  const invc = LOG_TABLE[2 * i]!;
  const logc = LOG_TABLE[2 * i + 1]!;
  const kd = k + k0;
  const r = fma(z, invc, -1.0);
  const w = fma(kd, LN2_HI, logc);
  const hiSum = w + r;
  const loSum = fma(kd, LN2_LO, w - hiSum + r);
  const r2 = r * r;
  const r3 = r * r2;
  const q = fma(fma(r, A4, A3), r2, fma(r, A2, A1));
  return fma(r3, q, fma(r2, A0, loSum)) + hiSum;
}

// ---------------------------------------------------------------------------
// MT19937 with numpy's legacy RandomState algorithms
// ---------------------------------------------------------------------------

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const TWO_POW_32 = 4294967296;

/** Largest value accepted for integer bounds (`Number.MAX_SAFE_INTEGER`). */
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function isUint32Seed(seed: unknown): seed is number {
  return typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff;
}

/**
 * numpy's legacy `numpy.random.RandomState`: the MT19937 generator seeded by
 * `init_genrand`, with the legacy samplers. Same seed, same calls, same
 * numbers as numpy — every draw and every double, bit for bit — so code ported
 * from scikit-learn (which draws from a `RandomState`) can reproduce its
 * results exactly.
 *
 * Draw order matters: each method consumes 32-bit words from one shared
 * stream exactly as numpy does (see each method), and `standardNormal` keeps
 * its spare second value between calls, as numpy does.
 *
 * @example
 * ```ts
 * const rng = new RandomState(42);
 * rng.randomSample(); // 0.3745401188473625, as np.random.RandomState(42).random_sample()
 * new RandomState(0).standardNormal(); // 1.764052345967664
 * new RandomState(0).permutation(5);   // Int32Array [2, 0, 1, 3, 4]
 * ```
 */
export class RandomState {
  private readonly mt = new Uint32Array(N);
  private mti = N;
  private hasGauss = false;
  private gauss = 0;

  /**
   * @param seed - integer in [0, 2^32 - 1], as numpy's `RandomState(seed)`.
   * @throws RangeError if `seed` is not an integer in [0, 2^32 - 1].
   */
  constructor(seed: number) {
    if (!isUint32Seed(seed)) {
      throw new RangeError(
        `RandomState: seed must be an integer in [0, 4294967295]; got ${String(seed)}`,
      );
    }
    this.seed(seed);
  }

  /**
   * Re-seeds in place (numpy's legacy `seed(int)`: `init_genrand`), and drops
   * any cached Gaussian value.
   *
   * @param seed - integer in [0, 2^32 - 1]
   * @throws RangeError if `seed` is not an integer in [0, 2^32 - 1].
   */
  seed(seed: number): void {
    if (!isUint32Seed(seed)) {
      throw new RangeError(
        `RandomState: seed must be an integer in [0, 4294967295]; got ${String(seed)}`,
      );
    }
    const mt = this.mt;
    mt[0] = seed;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = (Math.imul(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    this.mti = N;
    this.hasGauss = false;
    this.gauss = 0;
  }

  /** Regenerates the 624-word state block (the standard MT19937 twist). */
  private twist(): void {
    const mt = this.mt;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
      mt[kk] = mt[kk + M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk]! & UPPER_MASK) | (mt[kk + 1]! & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.mti = 0;
  }

  /**
   * A copy of the generator state, laid out like numpy's legacy
   * `get_state()`: the 624-word MT19937 key, the position in it, and the
   * cached Gaussian (if any).
   *
   * @returns `{ key, pos, hasGauss, gauss }` (`key` is a copy)
   * @example
   * ```ts
   * Array.from(new RandomState(0).getState().key.subarray(0, 3)); // [0, 1, 1812433255]
   * ```
   */
  getState(): { key: Uint32Array; pos: number; hasGauss: boolean; gauss: number } {
    return { key: this.mt.slice(), pos: this.mti, hasGauss: this.hasGauss, gauss: this.gauss };
  }

  /**
   * Next raw 32-bit output of MT19937 (numpy's `next_uint32`), as an unsigned
   * integer in [0, 2^32 - 1]. Consumes one word.
   *
   * @returns an integer in [0, 4294967295]
   * @example
   * ```ts
   * new RandomState(0).nextUint32(); // 2357136044
   * ```
   */
  nextUint32(): number {
    if (this.mti >= N) this.twist();
    let y = this.mt[this.mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A double in [0, 1) with 53 random bits, numpy's `random_sample()`:
   * `((w1 >>> 5) * 2^26 + (w2 >>> 6)) / 2^53` from two consecutive words.
   *
   * @returns a number in [0, 1)
   * @example
   * ```ts
   * new RandomState(42).randomSample(); // 0.3745401188473625
   * ```
   */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /**
   * Uniform draw in [low, high), numpy's legacy `uniform(low, high)`:
   * `low + (high - low) * randomSample()`.
   *
   * @param low - lower bound (default 0)
   * @param high - upper bound (default 1)
   * @returns a number in [low, high) (rounding may reach `high`)
   * @throws RangeError if `high - low` is not finite (numpy raises OverflowError).
   * @example
   * ```ts
   * new RandomState(0).uniform(-1, 1); // 0.0976270078546495
   * ```
   */
  uniform(low = 0, high = 1): number {
    const range = high - low;
    if (!Number.isFinite(range)) {
      throw new RangeError(`RandomState.uniform: high - low must be finite; got ${range}`);
    }
    return low + range * this.randomSample();
  }

  /**
   * Standard normal draw with numpy's legacy polar (Marsaglia) method: pairs
   * `x1 = 2u1 - 1, x2 = 2u2 - 1` are rejected until `0 < r2 = x1² + x2² < 1`;
   * then `f = sqrt(-2 log(r2) / r2)`, `f·x2` is returned and `f·x1` is cached
   * and returned by the next call. `log` is {@link glibcLog}, to match C's.
   *
   * @returns a standard normal variate
   * @example
   * ```ts
   * new RandomState(0).standardNormal(); // 1.764052345967664
   * ```
   */
  standardNormal(): number {
    if (this.hasGauss) {
      const tmp = this.gauss;
      this.hasGauss = false;
      this.gauss = 0;
      return tmp;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.randomSample() - 1.0;
      x2 = 2.0 * this.randomSample() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * glibcLog(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /**
   * Uniform integer in [low, high), numpy's legacy `randint(low, high)`
   * (default int64 dtype): with `rng = high - low - 1`, draws are masked to
   * the smallest all-ones bit mask covering `rng` and rejected while above
   * it. Ranges below 2^32 use one 32-bit word per attempt (a range of one
   * value consumes none); wider ranges use two words per attempt, the first
   * as the high half.
   *
   * Called with one argument, draws from [0, low), as numpy does.
   *
   * @param low - lowest value (or the exclusive upper bound when `high` is omitted)
   * @param high - exclusive upper bound
   * @returns an integer in [low, high)
   * @throws TypeError if a bound is not a safe integer.
   * @throws RangeError if `low >= high`.
   * @example
   * ```ts
   * const rng = new RandomState(42);
   * rng.randint(10);    // 6
   * rng.randint(5, 10); // 8
   * ```
   */
  randint(low: number, high?: number): number {
    let lo = low;
    let hi = high;
    if (hi === undefined) {
      hi = lo;
      lo = 0;
    }
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) {
      throw new TypeError(
        `RandomState.randint: bounds must be safe integers; got low=${String(lo)}, high=${String(hi)}`,
      );
    }
    if (lo >= hi) {
      throw new RangeError(`RandomState.randint: low >= high (low=${lo}, high=${hi})`);
    }
    return lo + this.boundedMasked(hi - lo - 1);
  }

  /**
   * Uniform integer in [0, rng] by masked rejection (numpy's
   * `random_bounded_uint64` with `use_masked`).
   */
  private boundedMasked(rng: number): number {
    if (rng === 0) return 0;
    if (rng <= 0xffffffff) {
      if (rng === 0xffffffff) return this.nextUint32();
      const mask = smallestMask32(rng);
      let v: number;
      do {
        v = (this.nextUint32() & mask) >>> 0;
      } while (v > rng);
      return v;
    }
    return this.bounded64(rng);
  }

  /** Masked rejection for ranges above 2^32 - 1: two words per attempt. */
  private bounded64(rng: number): number {
    if (rng > MAX_SAFE) throw new RangeError('RandomState: range exceeds 2^53 - 1');
    const rngHi = Math.floor(rng / TWO_POW_32);
    const maskHi = smallestMask32(rngHi);
    let v: number;
    do {
      const h = (this.nextUint32() & maskHi) >>> 0;
      const l = this.nextUint32();
      v = h * TWO_POW_32 + l;
    } while (v > rng);
    return v;
  }

  /**
   * Uniform integer in [0, max] for shuffles (numpy's `random_interval`):
   * masked rejection, 32-bit words while `max` < 2^32.
   */
  private interval(max: number): number {
    if (max === 0) return 0;
    if (max <= 0xffffffff) {
      const mask = smallestMask32(max);
      let v: number;
      do {
        v = (this.nextUint32() & mask) >>> 0;
      } while (v > max);
      return v;
    }
    return this.bounded64(max);
  }

  /**
   * Shuffles `array` in place, numpy's legacy `shuffle` for a 1-D array:
   * for `i = n-1 … 1`, swap element `i` with element `j`, `j` uniform in
   * [0, i] drawn by masked rejection. Arrays of length < 2 consume nothing.
   *
   * @param array - any mutable array-like (plain array or typed array)
   * @returns the same `array`
   * @example
   * ```ts
   * const a = [0, 1, 2, 3, 4];
   * new RandomState(0).shuffle(a); // a is now [2, 0, 1, 3, 4]
   * ```
   */
  shuffle<A extends { length: number; [i: number]: unknown }>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * A random permutation of 0 … n-1: `arange(n)` shuffled by
   * {@link RandomState.shuffle}, as numpy's legacy `permutation(n)`.
   *
   * @param n - length, an integer in [0, 2^31 - 1]
   * @returns an Int32Array of length n
   * @throws RangeError if `n` is not an integer in [0, 2^31 - 1].
   * @example
   * ```ts
   * new RandomState(0).permutation(5); // Int32Array [2, 0, 1, 3, 4]
   * ```
   */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) {
      throw new RangeError(
        `RandomState.permutation: n must be an integer in [0, 2147483647]; got ${String(n)}`,
      );
    }
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /**
   * `size` distinct integers from [0, n) without replacement, numpy's legacy
   * `choice(n, size, replace=False)`: the first `size` entries of
   * `permutation(n)` (the whole population is shuffled, whatever `size`).
   * To choose from an array `a`, index it: `a[choice(a.length, size)[i]]`.
   *
   * With `replace: true` it is numpy's `choice(n, size)` with replacement
   * instead: `size` draws of `randint(0, n)`.
   *
   * @param n - population size, an integer ≥ 0 (≥ 1 with replacement and size > 0)
   * @param size - sample size, an integer in [0, n] (any integer ≥ 0 with replacement)
   * @param replace - sample with replacement (default false; numpy's default is true)
   * @returns an Int32Array of length `size`
   * @throws RangeError if `size` > `n` without replacement, or `n`/`size` is not a non-negative integer.
   * @example
   * ```ts
   * new RandomState(0).choice(5, 2);        // Int32Array [2, 0]
   * new RandomState(0).choice(10, 4, true); // Int32Array [5, 0, 3, 3]
   * ```
   */
  choice(n: number, size: number, replace = false): Int32Array {
    if (!Number.isInteger(size) || size < 0) {
      throw new RangeError(
        `RandomState.choice: size must be a non-negative integer; got ${String(size)}`,
      );
    }
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`RandomState.choice: n must be a non-negative integer; got ${String(n)}`);
    }
    if (replace) {
      if (n === 0 && size > 0) {
        throw new RangeError('RandomState.choice: cannot sample from an empty population (n=0)');
      }
      const out = new Int32Array(size);
      for (let i = 0; i < size; i++) out[i] = this.randint(0, n);
      return out;
    }
    if (size > n) {
      throw new RangeError(
        `RandomState.choice: cannot take a larger sample than the population without replacement (size=${size} > n=${n})`,
      );
    }
    return this.permutation(n).slice(0, size);
  }
}

/** Smallest value of the form 2^b - 1 that is ≥ v (for 0 < v < 2^32). */
function smallestMask32(v: number): number {
  let mask = v >>> 0;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

/**
 * Turns a `randomState` option into a {@link RandomState}, like
 * scikit-learn's `check_random_state`: an integer seeds a new generator, a
 * `RandomState` is returned as is (and advanced by whoever draws from it),
 * `null`/`undefined` gives a generator seeded from `crypto.getRandomValues`
 * (scikit-learn would use numpy's global generator instead).
 *
 * @param randomState - seed in [0, 2^32 - 1], generator, or null/undefined
 * @returns a RandomState
 * @throws RangeError for an integer seed outside [0, 2^32 - 1] or a non-integer number.
 * @throws TypeError for any other kind of value.
 * @example
 * ```ts
 * const rng = checkRandomState(42);    // new RandomState(42)
 * checkRandomState(rng) === rng;       // true
 * checkRandomState(null);              // freshly, unpredictably seeded
 * ```
 */
export function checkRandomState(randomState: number | RandomState | null | undefined): RandomState {
  if (randomState === null || randomState === undefined) {
    const seed = new Uint32Array(1);
    globalThis.crypto.getRandomValues(seed);
    return new RandomState(seed[0]!);
  }
  if (randomState instanceof RandomState) return randomState;
  if (typeof randomState === 'number') {
    if (!isUint32Seed(randomState)) {
      throw new RangeError(
        `randomState must be an integer in [0, 4294967295], a RandomState or null; got ${String(randomState)}`,
      );
    }
    return new RandomState(randomState);
  }
  throw new TypeError(
    `randomState must be an integer in [0, 4294967295], a RandomState or null; got ${typeof randomState}`,
  );
}
