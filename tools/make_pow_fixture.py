"""Generate test/fixtures/libm-pow.json: reference results of glibc's `pow`
for test/datasets/libm-pow.test.ts, and numpy's `logspace(-4, 4, n)`.

Run on the reference machine (Debian 12, glibc 2.36, x86-64 with AVX2+FMA, so
glibc's ifunc resolves `pow` to its `__ieee754_pow_fma` variant), with the
Debian numpy (/usr/bin/python3):

    /usr/bin/python3 tools/make_pow_fixture.py                # (re)write the fixture
    /usr/bin/python3 tools/make_pow_fixture.py --check-table  # compare src/datasets/libm-pow-table.ts
                                                              # with the constants in the local libm

Results come from libm itself through ctypes (`pow`); the script checks that
Python's `**` on floats (which calls C `pow`) returns the same bits, and it asks
`node` for `x ** y` to pick inputs where JavaScript and glibc disagree.

numpy: `np.logspace` is `np.power(10.0, np.linspace(...))`, and numpy's
`power` on float64 does not always call C `pow`: on CPUs with AVX512_SKX,
numpy >= 1.22 evaluates it with SVML's `__svml_pow8`, which rounds
differently. The fixture records numpy's values, the CPU features numpy saw,
and how many of them differ from glibc's.

Fixture layout (every double is its IEEE-754 binary64 bit pattern as 16 hex
digits, big-endian, as `'%016x' % bits`):

  pow.sets[]:   {name, count, cases}   cases = count triples [x, y, pow(x, y)]
  logspace[]:   {n, exponents, glibc, numpy}
                exponents = np.linspace(-4, 4, n) (what np.logspace raises 10 to),
                glibc = libm.pow(10, exponent), numpy = np.logspace(-4, 4, n)

The script is deterministic (fixed seeds).
"""

from __future__ import annotations

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
OUT = os.path.join(ROOT, "test", "fixtures", "libm-pow.json")
TABLE_TS = os.path.join(ROOT, "src", "datasets", "libm-pow-table.ts")
LIBM_PATH = "/lib/x86_64-linux-gnu/libm.so.6"

libm = ctypes.CDLL("libm.so.6")
libm.pow.restype = ctypes.c_double
libm.pow.argtypes = [ctypes.c_double, ctypes.c_double]

MASK64 = 0xFFFFFFFFFFFFFFFF
LOGSPACE_MAX_N = 200


def b2d(u: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", u & MASK64))[0]


def d2b(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def hexbits(x: float) -> str:
    return "%016x" % d2b(x)


def same(x: float, y: float) -> bool:
    return (math.isnan(x) and math.isnan(y)) or d2b(x) == d2b(y)


def rand_pos(rng: random.Random, e_lo: int, e_hi: int) -> float:
    """Positive normal with random significand and exponent in [e_lo, e_hi]."""
    e = rng.randint(e_lo, e_hi)
    return b2d(((e + 1023) << 52) | rng.getrandbits(52))


def rand_finite_pos(rng: random.Random) -> float:
    """Positive finite double, normal or subnormal, from random bits."""
    while True:
        x = b2d(rng.getrandbits(63))
        if 0.0 < x < math.inf:
            return x


def glibc_pow(x: float, y: float) -> float:
    z = libm.pow(x, y)
    try:
        p = x**y
    except OverflowError:  # Python raises where C returns inf
        p = math.inf
    assert same(p, z), ("float ** differs from libm pow", x, y)
    return z


def node_pow(pairs: list[tuple[float, float]]) -> list[float]:
    """x ** y of each pair, computed by node (hex bit patterns in and out)."""
    script = (
        "const ls=require('fs').readFileSync(0,'utf8').trim().split('\\n');"
        "const b=Buffer.alloc(8);const o=[];"
        "for(const l of ls){const [hx,hy]=l.split(' ');"
        "b.write(hx,'hex');const x=b.readDoubleBE(0);b.write(hy,'hex');const y=b.readDoubleBE(0);"
        "b.writeDoubleBE(x ** y);o.push(b.toString('hex'));}"
        "process.stdout.write(o.join('\\n'));"
    )
    lines = ["%s %s" % (hexbits(x), hexbits(y)) for x, y in pairs]
    out = subprocess.run(
        ["node", "-e", script], input="\n".join(lines), capture_output=True, text=True, check=True
    ).stdout.split("\n")
    return [b2d(int(h, 16)) for h in out]


# ---------------------------------------------------------------- pow inputs


# Inputs on which glibcPow changes if one particular multiply-add of the binary is
# evaluated unfused (found by mining random inputs against variants of
# src/datasets/libm-pow.ts); keyed by the fused operation. The other multiply-adds
# (polynomial terms) changed no result in 1.5 million inputs each.
GLIBC_CONTRACTION_SENSITIVE = {
    "log: ar*r - ar2 (lo3)": [
        ("3feffb93be67625e", "c1315d2a9f6d9edd"), ("3ff00fde46bad5af", "40fe7a38f360a014"), ("3fefe315943c552f", "41013351917a7403"),
        ("3ff050362558c98b", "40dcc84fb337f97c"), ("3fefef6e87ff6a19", "4106d7a8cac53a5e"), ("3ff0048e5a424d71", "c1146416d326ca32"),
        ("3feff2272255f166", "c114d06b512a76be"), ("3fefe346dcfc3c7f", "c1075348ff66ca8f"), ("3ff00608aa15abc7", "4109b6a84cab9c32"),
        ("3feff40af0fd160b", "4105735702b8b406"), ("3ff02f159e27996c", "c0d1062a82e94f41"), ("3ff0031dc60a8bba", "c127d94e3d9d8f90"),
    ],
    "exp: p1*r2 + (r + tail)": [
        ("4024000000000000", "401a6478fcda04b2"),
    ],
    "exp, n > 0 near overflow: tmp*scale + scale": [
        ("4af9d90e4adc1da2", "40121e4010606266"), ("4024000000000000", "407254bb12253162"), ("4024000000000000", "40703007f3c7256c"),
        ("4024000000000000", "406e0ee35611d7e4"), ("7a40d26461802e22", "3fedbcbf8646767e"), ("4024000000000000", "406f48ce6c7fe9d8"),
        ("564ceb16aee79ea1", "4005f51fe28f32b4"), ("4024000000000000", "406bf88f81bbe7fc"), ("4024000000000000", "4070f549eb451f8a"),
        ("4024000000000000", "40724637999853d8"), ("7555f125255fe73d", "3ff0863a1a2b10e8"), ("412437b63d801fbf", "4047308348c56191"),
    ],
}


def from_hex_pairs(table: dict[str, list[tuple[str, str]]]) -> list[tuple[float, float]]:
    return [(b2d(int(x, 16)), b2d(int(y, 16))) for pairs in table.values() for x, y in pairs]


def pow_sets() -> list[tuple[str, list[tuple[float, float]]]]:
    rng = random.Random(20261202)
    sets: list[tuple[str, list[tuple[float, float]]]] = []

    sets.append(("base 10, y uniform in [-8, 8]", [(10.0, rng.uniform(-8, 8)) for _ in range(1500)]))
    sets.append(("base 10, y uniform in [-300, 300]", [(10.0, rng.uniform(-300, 300)) for _ in range(1500)]))
    near = [(10.0, rng.uniform(-324, -306)) for _ in range(300)]
    near += [(10.0, rng.uniform(306, 309)) for _ in range(150)]
    near += [(10.0, float(k)) for k in range(-325, 310)]
    sets.append(("base 10, y near the overflow and underflow limits; integer y", near))

    full = []
    for _ in range(1500):
        x = rand_finite_pos(rng)
        lx = math.log2(x)
        t = rng.uniform(-1080, 1030)  # log2 of the result: subnormal, normal, overflow
        y = t / lx if lx != 0 else rng.uniform(-10, 10)
        full.append((x, y))
    sets.append(("random finite x > 0 (subnormals included), y aimed at results 2^-1080 .. 2^1030", full))

    wide = []
    for _ in range(800):
        x = rand_finite_pos(rng)
        y = math.ldexp(1.0 + rng.getrandbits(52) * 2.0**-52, rng.randint(-75, 75)) * rng.choice([-1, 1])
        wide.append((x, y))
    sets.append(("random finite x > 0, y = ±m 2^e with e in [-75, 75]", wide))

    near1 = []
    for _ in range(300):
        x = 1.0 + rng.choice([-1, 1]) * rng.randint(1, 1 << 20) * 2.0**-52
        near1.append((x, rng.choice([-1, 1]) * 10.0 ** rng.uniform(0, 15)))
    for _ in range(300):
        x = 1.0 + rng.choice([-1, 1]) * rand_pos(rng, -52, -4)
        near1.append((x, rng.uniform(-1e4, 1e4)))
    sets.append(("x near 1, large y", near1))

    small = [(float(b), float(e)) for b in range(2, 21) for e in range(-30, 31, 3)]
    small += [(0.5, float(e)) for e in range(-40, 41)] + [(0.1, float(e)) for e in range(-20, 21)]
    sets.append(("integer and simple bases, integer exponents", small))

    tiny, big = b2d(1), sys.float_info.max
    edges = [
        (1.0, 0.5), (1.0, -1e300), (1.0, 1e300), (2.0, 0.0), (2.0, -0.0), (tiny, 0.0), (big, -0.0),
        (tiny, 1.0), (tiny, 0.5), (tiny, -1.0), (tiny, -0.01), (tiny, 1e-20), (big, 1.0), (big, -1.0),
        (big, 0.5), (big, 1.0000001), (2.0 ** -1022, 1.0), (2.0 ** -1022, 0.5), (2.0, 1023.0), (2.0, 1024.0),
        (2.0, -1074.0), (2.0, -1075.0), (2.0, -1074.5), (2.0, -1022.0), (2.0, -1023.5), (2.0, 1023.9999999),
        (10.0, 2.0**-66), (10.0, -(2.0**-66)), (0.5, 2.0**-70), (0.5, -(2.0**-70)), (10.0, 2.0**-65),
        (10.0, 2.0**63), (10.0, -(2.0**63)), (0.5, 2.0**63), (0.5, -(2.0**63)), (10.0, 2.0**62),
        (1.0 + 2.0**-52, 2.0**62), (1.0 - 2.0**-53, 2.0**62), (1.0 + 2.0**-52, 2.0**64), (1.0 - 2.0**-53, -(2.0**64)),
        (10.0, 1e300), (10.0, -1e300), (b2d(d2b(1.0) + 1), 1e300), (b2d(d2b(1.0) - 1), 1e300),
        (10.0, 0.5), (10.0, -0.5), (10.0, 1.0), (10.0, -1.0), (10.0, -4.0), (10.0, 4.0), (10.0, 22.0), (10.0, 23.0),
    ]
    for e in range(-1080, -1015, 1):
        edges.append((2.0, e + 0.25))
        edges.append((3.0, e / math.log2(3.0)))
    for e in range(1015, 1026):
        edges.append((2.0, e - 0.25))
        edges.append((7.0, e / math.log2(7.0)))
    sets.append(("edges: y = ±0, x = 1, extreme x, tiny and huge y, results at the limits", edges))

    sets.append(("where an unfused multiply-add would change the result", from_hex_pairs(GLIBC_CONTRACTION_SENSITIVE)))

    # Where JavaScript's ** and glibc disagree (chosen with the node that runs this script).
    pool = [(10.0, rng.uniform(-8, 8)) for _ in range(6000)]
    pool += [(rand_pos(rng, -20, 20), rng.uniform(-30, 30)) for _ in range(6000)]
    js = node_pow(pool)
    differ = [p for p, v in zip(pool, js) if not same(v, glibc_pow(*p))]
    sets.append(("x ** y != glibc pow", differ[:1500]))
    return sets


# ---------------------------------------------------------------- numpy logspace


def logspace_rows() -> tuple[list[dict], dict]:
    import numpy as np

    rows = []
    counts = {"values": 0, "numpy != glibc": 0}
    for n in range(1, LOGSPACE_MAX_N + 1):
        exps = np.linspace(-4, 4, n)
        vals = np.logspace(-4, 4, n)
        # np.logspace(start, stop, n) is power(10, linspace(start, stop, n)).
        assert all(same(float(a), float(b)) for a, b in zip(vals, np.power(10.0, exps)))
        glibc = [glibc_pow(10.0, float(e)) for e in exps]
        counts["values"] += n
        counts["numpy != glibc"] += sum(not same(float(a), g) for a, g in zip(vals, glibc))
        rows.append({
            "n": n,
            "exponents": [hexbits(float(e)) for e in exps],
            "glibc": [hexbits(g) for g in glibc],
            "numpy": [hexbits(float(v)) for v in vals],
        })
    return rows, counts


def numpy_meta() -> dict:
    import numpy as np

    try:
        from numpy.core._multiarray_umath import __cpu_features__ as feats
    except ImportError:  # pragma: no cover - other numpy layouts
        feats = {}
    return {
        "version": np.__version__,
        "cpu_features": sorted(k for k, v in feats.items() if v and k.startswith("AVX512")),
        "note": "np.power(float64) uses SVML __svml_pow8 when AVX512_SKX is available (numpy >= 1.22), else C pow",
    }


# ---------------------------------------------------------------- table check


def ts_array(src: str, name: str) -> list[int]:
    m = re.search(r"export const %s[^=]*=\s*\[(.*?)\];" % name, src, re.S)
    assert m, name
    body = re.sub(r"//[^\n]*", "", m.group(1))
    return [int(h, 16) for h in re.findall(r"'([0-9a-f]{16})'", body)]


def check_table() -> None:
    src = open(TABLE_TS).read()
    blob = open(LIBM_PATH, "rb").read()
    ok = True

    # __pow_log_data: ln2hi, ln2lo, poly[7], then 128 x {invc, 0 (padding), logc, logctail}.
    head = ts_array(src, "POW_LN2_HI_LO_BITS") + ts_array(src, "POW_LOG_POLY_BITS")
    tab = ts_array(src, "POW_LOG_TABLE_BITS")
    assert len(head) == 9 and len(tab) == 384, (len(head), len(tab))
    words = head[:]
    for i in range(128):
        words += [tab[3 * i], 0, tab[3 * i + 1], tab[3 * i + 2]]
    expect = struct.pack("<%dQ" % len(words), *words)
    at = blob.find(expect[:72])
    same_log = at >= 0 and blob[at : at + len(expect)] == expect
    print("__pow_log_data at file offset 0x%x: %s" % (at, "identical" if same_log else "DIFFERENT"))
    ok = ok and same_log

    # __exp_data: invln2N, negln2hiN, negln2loN, poly[4], shift, then 6 values pow does not
    # read (exp2_shift, exp2_poly[5]), then tab[256].
    consts = ts_array(src, "EXP_CONSTANT_BITS")
    etab = ts_array(src, "EXP_TABLE_BITS")
    assert len(consts) == 8 and len(etab) == 256, (len(consts), len(etab))
    head_bytes = struct.pack("<8Q", *consts)
    at = blob.find(head_bytes)
    tab_bytes = struct.pack("<256Q", *etab)
    same_exp = at >= 0 and blob[at + 0x70 : at + 0x70 + len(tab_bytes)] == tab_bytes
    print("__exp_data at file offset 0x%x: %s" % (at, "identical" if same_exp else "DIFFERENT"))
    ok = ok and same_exp
    if not ok:
        sys.exit(1)


# ---------------------------------------------------------------- main


def main() -> None:
    if "--check-table" in sys.argv:
        check_table()
        return

    cpuinfo = open("/proc/cpuinfo").read()
    meta = {
        "script": "tools/make_pow_fixture.py",
        "glibc": " ".join(platform.libc_ver()),
        "libm": os.path.realpath(LIBM_PATH),
        "machine": platform.machine(),
        "cpu_flags": sorted({f for f in ("avx2", "fma", "avx512f") if re.search(r"\b%s\b" % f, cpuinfo)}),
        "python": platform.python_version(),
        "node": subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip(),
        "numpy": numpy_meta(),
        "note": "pow via ctypes libm.pow (checked == Python float **); numpy values from np.logspace",
    }

    out_sets = []
    for name, pairs in pow_sets():
        cases = [[hexbits(x), hexbits(y), hexbits(glibc_pow(x, y))] for x, y in pairs]
        out_sets.append({"name": name, "count": len(cases), "cases": cases})

    rows, counts = logspace_rows()
    meta["logspace"] = counts

    doc = {
        "generator": meta,
        "pow": {"format": "hex bit patterns [x, y, pow(x, y)]", "sets": out_sets},
        "logspace": rows,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    total = sum(s["count"] for s in out_sets)
    print("wrote %s: %d pow cases, logspace n = 1..%d (%d values, numpy != glibc: %d), %d bytes" % (
        os.path.relpath(OUT, ROOT), total, LOGSPACE_MAX_N, counts["values"], counts["numpy != glibc"],
        os.path.getsize(OUT)))


if __name__ == "__main__":
    main()
