"""Generate test/fixtures/libm-log.json: reference results of glibc's `log`
and of a hardware `fma`, for test/datasets/libm-log.test.ts and test/datasets/fma.test.ts.

Run on the reference machine (Debian 12, glibc 2.36, x86-64 with AVX2+FMA, so
glibc's ifunc resolves `log` to its `__log_fma` variant):

    python3 tools/make_log_fixture.py                # (re)write the fixture
    python3 tools/make_log_fixture.py --check-table  # compare src/datasets/libm-log-table.ts
                                                     # with the constants in the local libm

Results come from libm itself through ctypes (`log`, `fma`); the script also
checks that Python's `math.log` (what numpy-era code paths call) returns the
same bits as libm's `log` on every positive finite input it writes, and it asks
`node` for `Math.log` to pick inputs where JavaScript and glibc disagree.

Fixture layout (all doubles are IEEE-754 binary64, little-endian, base64):

  log.sets[]:    {name, count, data}  data = count pairs (x, log(x))
  fma.explicit:  {count, data}        data = count quadruples (a, b, c, fma(a, b, c))
  fma.seeded:    {prng, seed, count, first, results}
                 inputs are regenerated in the test by the generator below
                 (mulberry32 + `seeded_fma_case`, ported verbatim to
                 test/datasets/fma.test.ts); `results` holds fma(a, b, c) only, and
                 `first` the hex bit patterns of the first cases' inputs to
                 catch a drift between the two ports.

The script is deterministic (fixed seeds).
"""

from __future__ import annotations

import base64
import ctypes
import json
import math
import os
import platform
import random
import re
import struct
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "libm-log.json")
TABLE_TS = os.path.join(ROOT, "src", "datasets", "libm-log-table.ts")
LIBM_PATH = "/lib/x86_64-linux-gnu/libm.so.6"

libm = ctypes.CDLL("libm.so.6")
libm.log.restype = ctypes.c_double
libm.log.argtypes = [ctypes.c_double]
libm.fma.restype = ctypes.c_double
libm.fma.argtypes = [ctypes.c_double, ctypes.c_double, ctypes.c_double]

MASK32 = 0xFFFFFFFF
MASK64 = 0xFFFFFFFFFFFFFFFF


def b2d(u: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", u & MASK64))[0]


def d2b(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def hexbits(x: float) -> str:
    return "%016x" % d2b(x)


def pack(values: list[float]) -> str:
    return base64.b64encode(struct.pack("<%dd" % len(values), *values)).decode("ascii")


def same(x: float, y: float) -> bool:
    return (math.isnan(x) and math.isnan(y)) or d2b(x) == d2b(y)


# ---------------------------------------------------------------- log inputs


def next_up(x: float) -> float:
    return b2d(d2b(x) + 1)


def next_down(x: float) -> float:
    return b2d(d2b(x) - 1)


def rand_mant(rng: random.Random) -> int:
    return rng.getrandbits(52)


def rand_pos(rng: random.Random, e_lo: int, e_hi: int) -> float:
    """Positive normal with random significand and exponent in [e_lo, e_hi]."""
    e = rng.randint(e_lo, e_hi)
    return b2d(((e + 1023) << 52) | rand_mant(rng))


def node_math_log(xs: list[float]) -> list[float]:
    """Math.log of each input, computed by node (hex bit patterns in and out)."""
    script = (
        "const ls=require('fs').readFileSync(0,'utf8').trim().split('\\n');"
        "const b=Buffer.alloc(8);const o=[];"
        "for(const h of ls){b.write(h,'hex');const y=Math.log(b.readDoubleBE(0));"
        "b.writeDoubleBE(y);o.push(b.toString('hex'));}"
        "process.stdout.write(o.join('\\n'));"
    )
    hexes = ["%016x" % d2b(x) for x in xs]
    out = subprocess.run(
        ["node", "-e", script], input="\n".join(hexes), capture_output=True, text=True, check=True
    ).stdout.split("\n")
    return [b2d(int(h, 16)) for h in out]


# Inputs on which glibcLog changes if one particular multiply-add of
# __log_fma is evaluated unfused (found by mining random inputs against
# variants of src/datasets/libm-log.ts); keyed by the fused operation.
CONTRACTION_SENSITIVE = {
    'near-1 B1 + r*B2': [
        "3fee21e37a448040", "3fee2f9ea1bcae2b", "3fee301a97520999", "3fee3e8a2ceb626a",
        "3fee4c97f469642d", "3fee4ce5262a97f1", "3fee5b6636c054ea", "3fee870a7a37baff",
        "3feeb2635796f324", "3feec134a0ce6c97", "3fef09b9f88bac08", "3fef6f0e998afd03",
        "3ff05e4100051805", "3ff06cbebfcc8562", "3ff089bb6bfb44c1", "3ff0984aaacf8c35",
        "3ff0a6e1cd8ab4dc", "3ff0a6f0ff14192a", "3ff0d22526e0385a", "3ff0ef17f08b14ca",
        "3ff0ef7536f69745", "3ff0fdab09d0d7e1", "3ff0fdb05f188119", "3ff0fdbfeb895d88",
    ],
    'near-1 + r2*B3': [
        "3fee1981707235a8", "3fee1a06f15735e8", "3fee1d1ee40a7631", "3fee2200516b5c87",
        "3fee26146c5bdc9c", "3fee4e1ce18ed924", "3fee64b44523ab87", "3fee69c4ffe352b1",
        "3fee6ab0b57e9cf8", "3ff060521b81a90f", "3ff0ca50e477c4e9", "3ff0d1933ce7a6b4",
        "3ff0d60016e0ba77", "3ff0db11f4382b15", "3ff0e5ff39a812ad", "3ff0e8a700af8418",
        "3ff0eaa2a862984a", "3ff0edc5ff617c48", "3ff0f5aee3be5348", "3ff0f957079fb537",
        "3ff1006745d8e86e", "3ff10069ff5e6589", "3ff101b7119b55c3", "3ff10516212b801e",
    ],
    'near-1 q*r3 + lo': [
        "3fee03cc56ee7d93", "3fee0f071ad9ab93", "3fee162f48de0cd7", "3fee29d54b980a3a",
        "3fee621e87f4e3d7", "3fee80fe073fb086", "3fef0de67f17d53e", "3fef34e2d24d4583",
        "3fef425eef5f41a9", "3ff03f00e99dd5f9", "3ff05d6d85b9a9cf", "3ff067ef1a6841e2",
        "3ff0a82ac30241d9", "3ff0cd56da493e37", "3ff0ec5aa64f3ce3", "3ff0eee85ceb8d7f",
        "3ff0ef5db4c31994", "3ff0f116d5f35b56", "3ff0f2ee746d13a1", "3ff0f4383aa6f8ef",
        "3ff0f85c16d5c566", "3ff0f9ae3ba4aca8", "3ff0faf26e54f0e9", "3ff1039b90845017",
    ],
    'z*invc - 1': [
        "3554c0cd8c086e28", "36c8b42388274812", "38694379c9ae9510", "3880047832a017a8",
        "3ad9d645abf6206a", "3e5b64b09186c110", "3fbe0083eff93900", "3fbffdb4ae1623d0",
        "3fcadf7976b6a0be", "3fcca88124a123ea", "3fccecbdee6f402a", "3fcd612985624dcc",
        "3fcef5b257de5418", "3fd5c3ddc4d410b7", "3fde34d70032e960", "3fe0952d8ea37025",
        "3fe0a8e967a3153c", "3fe2b8a568ef0db6", "3fe3d31d9a568aed", "3fe4d7659c12e729",
        "3fe96a9944c30340", "3fea327c92d938d5", "3fec094926de48eb", "3fecb1d24d378916",
    ],
    'lo + r2*A0': [
        "3fa13dfbe25fe812", "3fa141b67004be50", "3fa31cafd51b2fe2", "3fbd780484f303a0",
        "3fd958026fc768b0", "3fda47d92a3a4fe7", "3fdc16d34076bc6e", "3fe033e934ce9666",
        "3fe0a290ebc8e04c", "3fe1427e9a37651f", "3fe180fd91d3b863", "3fe1ff25fcc5589a",
        "3fe20091cd12da1b", "3fe201d353452559", "3fe340e090fd63ac", "3fe49fe19512409a",
        "3fe4df507026120c", "3fe5fd852595bf6f",
    ],
}


def log_sets() -> list[tuple[str, list[float]]]:
    rng = random.Random(20240601)
    sets: list[tuple[str, list[float]]] = []

    # numpy legacy gauss: x1, x2 = 2u - 1 (u = random_standard_uniform, 53 bits);
    # r2 = x1*x1 + x2*x2, accepted when 0 < r2 < 1; then log(r2).
    polar = []
    while len(polar) < 7000:
        x1 = 2.0 * (rng.getrandbits(53) * 2.0**-53) - 1.0
        x2 = 2.0 * (rng.getrandbits(53) * 2.0**-53) - 1.0
        r2 = x1 * x1 + x2 * x2
        if 0.0 < r2 < 1.0:
            polar.append(r2)
    sets.append(("polar-method r2 in (0, 1)", polar))

    sets.append(("uniform (0, 1), 53-bit", [max(rng.getrandbits(53), 1) * 2.0**-53 for _ in range(2000)]))
    sets.append(("(0, 1), exponents -1022..-1", [rand_pos(rng, -1022, -1) for _ in range(2000)]))

    lo1, hi1 = 1.0 - 2.0**-4, 1.0 + float.fromhex('0x1.09p-4')
    near1 = [rng.uniform(lo1, hi1) for _ in range(2000)]
    near1 += [1.0 + rng.choice([-1, 1]) * rng.randint(1, 1 << 20) * 2.0**-52 for _ in range(800)]
    near1 += [1.0 + rng.choice([-1, 1]) * rand_pos(rng, -52, -5) for _ in range(800)]
    x = 1.0
    for _ in range(40):
        x = next_up(x)
        near1.append(x)
    x = 1.0
    for _ in range(40):
        x = next_down(x)
        near1.append(x)
    # branch boundaries: [1 - 2^-4, 1 + 0x1.09p-4)
    for b in (lo1, hi1):
        near1 += [next_down(next_down(b)), next_down(b), b, next_up(b), next_up(next_up(b))]
    sets.append(("near 1 (polynomial branch and its boundaries)", near1))

    # table subinterval boundaries of the reduced argument z in [0x1.6p-1, 0x1.6p0)
    bounds = []
    off = 0x3FE6000000000000
    for i in range(129):
        z = b2d(off + (i << 45))
        for k in rng.sample(range(-60, 61), 6):
            for zz in (z, next_up(z), next_down(z)):
                bounds.append(math.ldexp(zz, k))
    sets.append(("table subinterval boundaries (scaled by 2^k)", bounds))

    pows = [math.ldexp(1.0, k) for k in range(-1074, 1024)]
    pows += [next_up(math.ldexp(1.0, k)) for k in range(-1074, 1024, 3)]
    pows += [next_down(math.ldexp(1.0, k)) for k in range(-1073, 1024, 3)]
    sets.append(("powers of two and neighbours", pows))

    subn = [b2d(rng.randint(1, (1 << 52) - 1)) for _ in range(600)]
    subn += [b2d(rng.getrandbits(rng.randint(1, 52)) | 1) for _ in range(400)]
    subn += [b2d(1), b2d(2), b2d(3), b2d((1 << 52) - 1), b2d(1 << 51), 2.0**-1022]
    sets.append(("subnormals", subn))

    sets.append(("large (1, max]", [rand_pos(rng, 1, 1023) for _ in range(1500)] + [sys.float_info.max]))
    sets.append(("any positive finite bit pattern", [b2d(rng.randint(1, 0x7FEFFFFFFFFFFFFF)) for _ in range(1500)]))

    # inputs where JavaScript's Math.log and glibc's log disagree
    cands = [rng.getrandbits(53) * 2.0**-53 for _ in range(40000)]
    cands += [rand_pos(rng, -30, 30) for _ in range(20000)]
    cands = [c for c in cands if c > 0.0]
    js = node_math_log(cands)
    differ = [c for c, j in zip(cands, js) if not same(j, libm.log(c))]
    sets.append(("Math.log != glibc log", differ[:3000]))

    sensitive = [b2d(int(h, 16)) for hs in CONTRACTION_SENSITIVE.values() for h in hs]
    sets.append(("FMA-contraction-sensitive inputs", sensitive))

    sets.append(
        ("special values", [0.0, -0.0, 1.0, -1.0, -2.0**-1074, math.inf, -math.inf, math.nan, -sys.float_info.max])
    )
    return sets


# ---------------------------------------------------------------- fma inputs


def mulberry32(seed: int):
    """Port of the well-known mulberry32 PRNG (same as in test/datasets/fma.test.ts)."""
    state = seed & MASK32

    def nxt() -> int:
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK32
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK32
        t = ((t + (((t ^ (t >> 7)) * (t | 61)) & MASK32)) & MASK32) ^ t
        return (t ^ (t >> 14)) & MASK32

    return nxt


def make_double(sign: int, biased_exp: int, hi20: int, lo32: int) -> float:
    return b2d((sign << 63) | (biased_exp << 52) | ((hi20 & 0xFFFFF) << 32) | lo32)


def seeded_fma_case(nxt, i: int) -> tuple[float, float, float]:
    """Inputs of seeded case i (ported verbatim to test/datasets/fma.test.ts)."""

    def rnd(e_lo: int, e_hi: int) -> tuple[float, int]:
        # random sign and significand, binade 2^e with e uniform in [e_lo, e_hi];
        # e < -1022 is built as a normal number times 2^-64 (an IEEE-rounded,
        # hence reproducible, subnormal or zero)
        w0, w1, w2 = nxt(), nxt(), nxt()
        e = e_lo + w2 % (e_hi - e_lo + 1)
        if e < -1022:
            return make_double(w0 >> 31, e + 1023 + 64, w0, w1) * 2.0**-64, e
        return make_double(w0 >> 31, e + 1023, w0, w1), e

    kind = i % 5
    if kind == 0:  # moderate magnitudes, c anywhere near or below a*b
        a, _ = rnd(-40, 40)
        b, _ = rnd(-40, 40)
        c, _ = rnd(-120, 90)
    elif kind == 1:  # heavy cancellation: c within a few ulps of -a*b
        a, _ = rnd(-40, 40)
        b, _ = rnd(-40, 40)
        k = nxt() % 9
        c = -(a * b) * (1.0 + (k - 4) * 2.0**-53)
    elif kind == 2:  # full exponent range, including subnormals, overflow, underflow
        a, _ = rnd(-1080, 1023)
        b, _ = rnd(-1080, 1023)
        c, _ = rnd(-1080, 1023)
    elif kind == 3:  # product between 2^-1090 and 2^-950 (subnormal range, fast-path threshold)
        a, ea = rnd(-700, -300)
        eb = -1090 - ea + nxt() % 140
        b, _ = rnd(eb, eb)
        sel = nxt() % 4
        c = rnd(-1080, -1000)[0] if sel else 0.0
    else:  # product near overflow (2^1010 .. 2^1030), c large
        a, ea = rnd(500, 700)
        eb = 1010 - ea + nxt() % 20
        b, _ = rnd(eb, eb)
        c, _ = rnd(1000, 1023)
    return a, b, c


SEEDED_SEED = 0x5EED0F3A
SEEDED_COUNT = 100_000


def fma_explicit(rng: random.Random) -> list[tuple[float, float, float]]:
    cases: list[tuple[float, float, float]] = []
    inf, nan = math.inf, math.nan
    big, tiny = sys.float_info.max, b2d(1)

    # specials and signed zeros
    vals = [0.0, -0.0, 1.0, -1.0, inf, -inf, nan, big, -big, tiny, -tiny, 2.0**-1022, 3.5, -0.75]
    for a in vals:
        for b in vals:
            for c in (0.0, -0.0, 1.0, -2.5, inf, -inf, nan, tiny):
                cases.append((a, b, c))
    # finite overflowing product plus an infinite or huge opposite addend
    cases += [(big, 2.0, -inf), (big, 2.0, -big), (big, -2.0, big), (2.0**600, 2.0**500, -big)]
    # exact zero results (+0 under round-to-nearest): c == -(a*b) exactly
    for _ in range(200):
        aa = float(rng.getrandbits(26) | 1)
        bb = float(rng.getrandbits(26) | 1)
        s = rng.choice([-1.0, 1.0])
        cases.append((s * aa, bb, -s * aa * bb))
    # tiny products rounding to signed zero / min subnormal, plus ±0
    for _ in range(300):
        a = rand_pos(rng, -600, -500) * rng.choice([-1, 1])
        b = rand_pos(rng, -600, -500) * rng.choice([-1, 1])
        cases.append((a, b, rng.choice([0.0, -0.0, tiny, -tiny])))
    # ties: 27-bit significands give exactly representable 54-bit products
    for _ in range(1500):
        a = float(rng.getrandbits(27) | (1 << 26)) * 2.0 ** rng.randint(-60, 40) * rng.choice([-1, 1])
        b = float(rng.getrandbits(27) | (1 << 26) | 1) * 2.0 ** rng.randint(-60, 40)
        p = a * b
        e = math.frexp(p)[1]
        c = rng.choice([0.0, 2.0 ** (e - 54), -(2.0 ** (e - 54)), 2.0 ** (e - 53), 3 * 2.0 ** (e - 55), -(2.0 ** (e - 60))])
        cases.append((a, b, c))
    # halfway cases where c carries the rounding: c = big addend, a*b = half ulp of c (+ tiny)
    for _ in range(800):
        c = rand_pos(rng, -20, 20) * rng.choice([-1, 1])
        e = math.frexp(c)[1]
        a = 2.0 ** (e - 54 - rng.randint(0, 3)) * rng.choice([1.0, 3.0, 1.0 + 2.0**-52])
        b = float(rng.choice([1, 2, 4, 8])) * rng.choice([-1, 1])
        cases.append((a, b, c))
    # double-rounding traps: a*b = half an ulp of c (or 3/2) plus or minus a tiny
    # rounding error, so rounding the error terms to nearest would fake a tie
    for _ in range(800):
        c = rand_pos(rng, -30, 30) * rng.choice([-1, 1])
        e = math.frexp(c)[1] - 1  # c in [2^e, 2^(e+1)), ulp(c) = 2^(e-52)
        j = rng.randint(1, 1 << 20)
        a = (1.0 + j * 2.0**-52) * 2.0 ** (e - 53) * rng.choice([1.0, 3.0, -1.0, -3.0])
        b = 1.0 + rng.choice([-1, 1]) * j * 2.0**-52
        cases.append((a, b, c))
    # cancellation: c = -RN(a*b) (result is the product's rounding error) and neighbours
    for _ in range(1500):
        a = rand_pos(rng, -50, 50) * rng.choice([-1, 1])
        b = rand_pos(rng, -50, 50)
        c = -(a * b)
        c = b2d(d2b(c) + rng.randint(-3, 3)) if rng.random() < 0.5 else c
        cases.append((a, b, c))
    # subnormal results: the exact sum lies below 2^-1022
    for _ in range(1200):
        a = rand_pos(rng, -560, -500) * rng.choice([-1, 1])
        b = rand_pos(rng, -560, -480)
        c = rng.choice([0.0, b2d(rng.randint(1, (1 << 52) - 1)), -b2d(rng.randint(1, (1 << 52) - 1)), -(a * b)])
        cases.append((a, b, c))
    # near the fast-path thresholds of src/datasets/fma.ts (2^-960, 2^995, 2^1021)
    for _ in range(1000):
        t = rng.choice([-960, 995, 1021])
        if t == -960:
            a = rand_pos(rng, -500, -450)
            b = math.ldexp(rand_pos(rng, 0, 0), -960 - math.frexp(a)[1] + rng.randint(-2, 2))
            c = -(a * b) * rng.choice([1.0, 0.5, 2.0**-30, 1.0 - 2.0**-52])
        elif t == 995:
            a = math.ldexp(rand_pos(rng, 0, 0), 995 + rng.randint(-2, 2)) * rng.choice([-1, 1])
            b = rand_pos(rng, -1000, -960)
            c = rand_pos(rng, -60, 20) * rng.choice([-1, 1])
        else:
            a = rand_pos(rng, 500, 520)
            b = math.ldexp(rand_pos(rng, 0, 0), 1021 - math.frexp(a)[1] + rng.randint(-2, 2))
            c = math.ldexp(rand_pos(rng, 0, 0), 1021 + rng.randint(-2, 2)) * rng.choice([-1, 1])
        cases.append((a, b, c))
    # near overflow: results that round to max or to infinity
    for _ in range(600):
        c = math.ldexp(1.0, 1024 - 53) * rng.choice([1.0, 0.5, 1.5, 0.25]) * rng.choice([-1, 1])
        a = big * rng.choice([1.0, 0.5, 0.999999]) * rng.choice([-1, 1])
        b = rng.choice([1.0, 1.0 + 2.0**-52, 1.0 - 2.0**-53, 2.0])
        cases.append((a, b, c))
    # plain random operands
    for _ in range(400):
        cases.append((rand_pos(rng, -40, 40), -rand_pos(rng, -40, 40), rand_pos(rng, -80, 40)))
    return cases


# ---------------------------------------------------------------- table check


def check_table() -> None:
    src = open(TABLE_TS).read()
    names = ["LN2_HI_LO_BITS", "POLY_BITS", "POLY1_BITS", "INVC_LOGC_BITS"]
    values: list[int] = []
    for name in names:
        m = re.search(r"export const %s[^=]*=\s*\[(.*?)\];" % name, src, re.S)
        assert m, name
        body = re.sub(r"//[^\n]*", "", m.group(1))
        values += [int(h, 16) for h in re.findall(r"'([0-9a-f]{16})'", body)]
    assert len(values) == 2 + 5 + 11 + 256, len(values)
    blob = open(LIBM_PATH, "rb").read()
    needle = struct.pack("<2Q", *values[:2])
    at = blob.find(needle)
    assert at >= 0, "ln2hi/ln2lo not found in libm"
    ok = blob[at : at + 8 * len(values)] == struct.pack("<%dQ" % len(values), *values)
    print("table at file offset 0x%x: %s" % (at, "identical" if ok else "DIFFERENT"))
    if not ok:
        sys.exit(1)


# ---------------------------------------------------------------- main


def main() -> None:
    if "--check-table" in sys.argv:
        check_table()
        return

    meta = {
        "script": "tools/make_log_fixture.py",
        "glibc": " ".join(platform.libc_ver()),
        "libm": os.path.realpath(LIBM_PATH),
        "machine": platform.machine(),
        "cpu_flags": sorted({f for f in ("avx2", "fma") if re.search(r"\b%s\b" % f, open("/proc/cpuinfo").read())}),
        "python": platform.python_version(),
        "note": "log via ctypes libm.log (checked == math.log); fma via ctypes libm.fma",
    }

    out_sets = []
    for name, xs in log_sets():
        flat: list[float] = []
        for x in xs:
            y = libm.log(x)
            if x > 0 and math.isfinite(x):
                m = math.log(x)
                assert same(m, y), ("math.log differs from libm log", x)
            flat += [x, y]
        out_sets.append({"name": name, "count": len(xs), "data": pack(flat)})

    rng = random.Random(77)
    explicit = fma_explicit(rng)
    flat = []
    for a, b, c in explicit:
        flat += [a, b, c, libm.fma(a, b, c)]

    nxt = mulberry32(SEEDED_SEED)
    results: list[float] = []
    first: list[list[str]] = []
    for i in range(SEEDED_COUNT):
        a, b, c = seeded_fma_case(nxt, i)
        if i < 10:
            first.append([hexbits(a), hexbits(b), hexbits(c)])
        results.append(libm.fma(a, b, c))

    doc = {
        "generator": meta,
        "log": {"format": "base64 little-endian float64 pairs (x, log(x))", "sets": out_sets},
        "fma": {
            "explicit": {
                "format": "base64 little-endian float64 quadruples (a, b, c, fma(a, b, c))",
                "count": len(explicit),
                "data": pack(flat),
            },
            "seeded": {
                "prng": "mulberry32",
                "seed": SEEDED_SEED,
                "count": SEEDED_COUNT,
                "first": first,
                "format": "base64 little-endian float64 fma(a, b, c) of seeded_fma_case(i), i = 0..count-1",
                "results": pack(results),
            },
        },
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    total = sum(s["count"] for s in out_sets)
    print("wrote %s: %d log cases, %d explicit + %d seeded fma cases, %d bytes" % (
        os.path.relpath(OUT, ROOT), total, len(explicit), SEEDED_COUNT, os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
