"""Reference values for src/inference/distributions.ts (test/inference/distributions.test.ts).

    /usr/bin/python3 tools/make_distribution_fixtures.py > test/fixtures/inference-distributions.json

The true values come from mpmath at 50 significant digits, rounded once to float64; scipy's
values (scipy.stats.norm.sf / .ppf, chi2.sf — what statsmodels prints) are recorded next to
them so the tests can state how far scipy is from the truth and from us. Grids reach the far
tails: z up to 37.5 (P(Z > z) ≈ 4.6e-308), chi-square x up to where the tail falls below
1e-300 for df 1, 2, 3, 5, 10, 50, 200, and small x.
"""
import json
import random
import sys

import mpmath
import scipy
import scipy.stats

mpmath.mp.dps = 50
rng = random.Random(15)


def f64(v) -> float:
    return float(mpmath.mpf(v))


def normal_sf(z: float):
    return mpmath.erfc(mpmath.mpf(z) / mpmath.sqrt(2)) / 2


# --- normal tail -----------------------------------------------------------------------------
zs = sorted(set(
    [round(0.05 * k, 2) for k in range(-200, 751)]          # −10 … 37.5 by 0.05
    + [rng.uniform(-12, 37.5) for _ in range(600)]
    + [rng.uniform(-1.5, 1.5) for _ in range(200)]
    + [0.0, 1e-300, 1e-20, 1e-8, -1e-8, 1.959963984540054, -1.959963984540054, 37.0, 37.04, 37.5,
       38, 38.5]
))
normal = []
for z in zs:
    ref = normal_sf(z)
    normal.append({
        'z': z,
        'sf': f64(ref),
        'scipySf': float(scipy.stats.norm.sf(z)),
    })

# --- normal quantile -------------------------------------------------------------------------
ps = set()
for e in range(1, 308):
    for m in (1.0, 2.5, 5.0, 7.5):
        ps.add(m * 10.0 ** -e)
for e in range(1, 17):
    for m in (1.0, 3.0, 5.0):
        ps.add(1 - m * 10.0 ** -e)
ps.update(rng.uniform(0, 1) for _ in range(500))
ps.update(rng.uniform(0.07, 0.93) for _ in range(200))
ps.update([0.5, 0.5 + 2 ** -52, 0.5 - 2 ** -53, 0.075, 0.925, 0.0749, 0.9251, 0.025, 0.975,
           0.005, 0.995, 0.05, 0.95, 5e-324, 1e-310])
ps = sorted(p for p in ps if 0 < p < 1)
quantile = []
for p in ps:
    pm = mpmath.mpf(p)
    guess = float(scipy.stats.norm.ppf(p))
    if pm < mpmath.mpf('0.5'):
        # Solve ln P(Z > −x) … in the lower tail by solving ln Φ(x) = ln p (well conditioned).
        f = lambda x: mpmath.log(normal_sf(-x)) - mpmath.log(pm)
    else:
        f = lambda x: normal_sf(-x) - pm
    if p == 0.5:
        ref = mpmath.mpf(0)
    else:
        ref = mpmath.findroot(f, mpmath.mpf(guess), tol=mpmath.mpf(10) ** -45)
    quantile.append({'p': p, 'quantile': f64(ref), 'scipyQuantile': guess})

# --- chi-square tail -------------------------------------------------------------------------
chi = []
for df in (1, 2, 3, 5, 10, 50, 200):
    a = mpmath.mpf(df) / 2

    def sf(x):
        return mpmath.gammainc(a, mpmath.mpf(x) / 2, mpmath.inf, regularized=True)

    # x_max: where the tail is about 1e-302 (a little past 1e-300).
    x_max = float(mpmath.findroot(lambda x: mpmath.log(sf(x)) - mpmath.log(mpmath.mpf('1e-302')),
                                  mpmath.mpf(1400 + 4 * df)))
    xs = set([1e-300, 1e-30, 1e-12, 1e-6, 1e-3, 0.01, 0.1, 0.5, 1.0, 2.0, float(df),
              float(df) * 0.5, float(df) * 2, float(df) + 0.1, 3.841458820694124])
    xs.update(x_max * k / 200 for k in range(1, 201))
    xs.update(rng.uniform(0, x_max) for _ in range(100))
    xs.update(rng.uniform(0, 3 * df + 10) for _ in range(50))
    xs.update(10 ** rng.uniform(-8, 1) for _ in range(20))
    xs.update([x_max * 1.05, x_max * 1.2])
    for x in sorted(xs):
        chi.append({'df': df, 'x': x, 'sf': f64(sf(x)), 'scipySf': float(scipy.stats.chi2.sf(x, df))})

json.dump({
    'generator': 'tools/make_distribution_fixtures.py',
    'references': f'mpmath {mpmath.__version__} at {mpmath.mp.dps} digits, rounded to float64',
    'scipy': scipy.__version__,
    'normal': normal,
    'quantile': quantile,
    'chiSquare': chi,
}, sys.stdout, indent=None, separators=(',', ':'))
sys.stdout.write('\n')
