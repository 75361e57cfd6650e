"""Reference fixtures for statistical inference (issue 15): statsmodels 0.13.5 and R 4.2.

Run from the repository root with Debian's Python and R (statsmodels 0.13.5, scikit-learn 1.2.1,
scipy 1.10.1, numpy 1.24.2; R 4.2.2 with r-cran-sandwich 3.0-2):

    /usr/bin/python3 tools/make_inference_fixtures.py

The script calls `Rscript tools/make_inference_fixtures.R` itself (through subprocess, once per
fitted data set, data passed in a temporary CSV, numbers read back from text written with
sprintf('%.17g')), so one command regenerates everything. It writes

    test/fixtures/inference/<dataset>.json    one file per dataset (list in DATASETS below)
    examples/data/breast-cancer.csv           the breast-cancer data set used by the first fixture

Conventions (also written into each JSON's `provenance` / `conventions`):
  * Parameter order everywhere: const first, then the features in column order (SPEC.md).
    Multinomial: equation-major (class 1 vs 0: const, x1..xd; then class 2 vs 0 ...), which is
    the order of statsmodels MNLogit's cov_params().
  * statsmodels is fitted with method='newton', tol=1e-12 (largest absolute parameter change),
    maxiter=100, and so is its constant-only model (set_null_options; its default
    Nelder-Mead + BFGS null fit is ~1e-10 relative off; those figures are kept in
    fitDefaultNull). R with glm.control(epsilon=1e-14, maxit=100), then refitted once from its
    own estimates so vcov/sandwich use the working weights at the MLE (see the R file).
  * nonrobust, HC0 and cluster blocks are statsmodels' own numbers. statsmodels 0.13.5 returns
    HC0 for cov_type HC1..HC3 on Logit, so HC1, HC2, HC3 come from R sandwich::vcovHC(glm);
    their z, pValue, ciLower, ciUpper are computed here the way statsmodels does
    (z = b/se, p = 2*norm.sf(|z|), b -/+ norm.ppf(1 - alpha/2)*se) from statsmodels' params.
  * Frequency weights: every reference comes from the data with row i repeated w_i times
    (statsmodels Logit and R glm on the expanded rows), as SPEC.md defines sample weights.
    The weighted-glm numbers are kept apart under `rWeighted` (equal estimates/deviance/aic,
    different dfResidual and different sandwich covariances, since sandwich treats weights
    as case weights of single rows).
  * deviance = -2*llf, nullDeviance = -2*llnull (0/1 data, so the saturated log-likelihood is 0).
  * Floats are written by Python's json module (repr: shortest string that round-trips, i.e.
    full double precision); p-values are not clipped.

Deterministic: fixed seeds, single-threaded BLAS.
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import json  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import traceback  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
import statsmodels  # noqa: E402
import statsmodels.api as sm  # noqa: E402
from scipy import stats  # noqa: E402
from sklearn.datasets import load_breast_cancer, make_classification  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
OUT_DIR = os.path.join(ROOT, "test", "fixtures", "inference")
CSV_PATH = os.path.join(ROOT, "examples", "data", "breast-cancer.csv")
R_SCRIPT = os.path.join(HERE, "make_inference_fixtures.R")

SM_FIT = dict(method="newton", tol=1e-12, maxiter=100, disp=0)


def r_version():
    out = subprocess.run(
        ["Rscript", "-e", 'cat(R.version.string, "; sandwich", '
         'as.character(packageVersion("sandwich")))'],
        check=True, capture_output=True, text=True)
    return out.stdout.strip()


VERSIONS = (f"statsmodels {statsmodels.__version__}, scikit-learn {sklearn.__version__}, "
            f"scipy {scipy.__version__}, numpy {np.__version__}; {r_version()}")

CONVENTIONS = [
    "Parameter order: const first, then features in column order; multinomial equation-major.",
    "statsmodels Logit/MNLogit fit(method='newton', tol=1e-12, maxiter=100); "
    "R glm(binomial, control = glm.control(epsilon = 1e-14, maxit = 100)).",
    "nonrobust, HC0, cluster: statsmodels' numbers. HC1, HC2, HC3: R sandwich::vcovHC(glm, type) "
    "(statsmodels 0.13.5 returns HC0 for them); their z/pValue/ci computed as statsmodels does: "
    "z = b/se, pValue = 2*scipy.stats.norm.sf(|z|), ci = b -/+ norm.ppf(1 - alpha/2)*se, "
    "b = statsmodels' params.",
    "cluster: statsmodels cov_type='cluster' (G/(G-1)*(N-1)/(N-K)); R sandwich::vcovCL(glm, "
    "cluster = g, type = 'HC1') recorded in cov.clusterR.",
    "deviance = -2*llf, nullDeviance = -2*llnull.",
    "fit.nIter = statsmodels mle_retvals['iterations'] (Newton steps).",
    "fit.nullLogLikelihood/llr/llrPValue/pseudoRSquared: statsmodels with "
    "set_null_options(method='newton', tol=1e-12, maxiter=100) (exact null); statsmodels' "
    "default null fit (Nelder-Mead + BFGS) values in fitDefaultNull.",
    "r: R glm at epsilon 1e-14, refitted once from its own estimates (start = coef) so that "
    "vcov() and sandwich use the IRLS weights at the MLE; r.iter = the first fit's count.",
    "wald: (Rb - q)' (R V R')^-1 (Rb - q) with V = cov_params() of that covType, chi-square "
    "p-value; equal to statsmodels' wald_test((R, q), scalar=True, use_f=False) for Logit "
    "(asserted); for MNLogit statsmodels 0.13.5 pairs row-major params with equation-major "
    "cov_params(), so its value is kept apart as statsmodelsWaldTest; df = rows of R.",
    "margeff: statsmodels get_margeff(at='overall', method='dydx') on the nonrobust fit.",
]


# ---------------------------------------------------------------------------------------------
# helpers


def floats(a):
    """A nested list of Python floats (json writes repr, i.e. 17 significant digits at most)."""
    return np.asarray(a, dtype=float).tolist()


def catch(fn):
    """Run fn, returning (value or None, warnings' texts, exception text or None)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value, error = fn(), None
        except Exception as exc:  # noqa: BLE001 - we record whatever statsmodels raises
            value, error = None, f"{type(exc).__name__}: {exc}"
    texts = []
    for w in caught:
        text = f"{w.category.__name__}: {w.message}"
        if text not in texts:
            texts.append(text)
    return value, texts, error


def run_r(X, y01, weights=None, groups=None, restricted=(), epsilon=None):
    """R glm + sandwich on (X, y01); returns {key: ndarray (nrow, ncol) | list of str}."""
    n, d = X.shape
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    with tempfile.TemporaryDirectory() as tmp:
        inp, out = os.path.join(tmp, "in.csv"), os.path.join(tmp, "out.txt")
        with open(inp, "w") as f:
            f.write(",".join(["y", "w", "g"] + [f"x{j + 1}" for j in range(d)]) + "\n")
            for i in range(n):
                g = "NA" if groups is None else repr(groups[i])
                row = [repr(int(y01[i])), repr(float(w[i])), g]
                row += [repr(float(v)) for v in X[i]]
                f.write(",".join(row) + "\n")
        specs = [",".join(str(j) for j in keep) if keep else "-" for keep in restricted]
        opts = [] if epsilon is None else [f"--epsilon={epsilon!r}"]
        subprocess.run(["Rscript", R_SCRIPT, inp, out, *opts, *specs], check=True)
        result = {}
        with open(out) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                key = parts[0]
                if key in ("warning", "aliased", "coefficient_names") or key.startswith("error_"):
                    result.setdefault(key, []).append(parts[1])
                    continue
                nr, nc = int(parts[1]), int(parts[2])
                vals = [float("nan") if v == "NA" else float(v) for v in parts[3:]]
                result[key] = np.array(vals).reshape(nr, nc)
    for key in ("warning", "aliased", "coefficient_names"):
        result.setdefault(key, [])
    return result


def inference_block(params, cov, source, alpha=0.05):
    """stdErr, z, pValue, ci from params and a covariance, the way statsmodels computes them."""
    params, cov = np.asarray(params, float), np.asarray(cov, float)
    se = np.sqrt(np.diag(cov))
    z = params / se
    q = stats.norm.ppf(1 - alpha / 2)
    return {"source": source, "cov": floats(cov), "stdErr": floats(se), "z": floats(z),
            "pValue": floats(2 * stats.norm.sf(np.abs(z))),
            "ciLower": floats(params - q * se), "ciUpper": floats(params + q * se)}


def sm_block(res, source):
    """The coefficient table of a statsmodels result, flattened in SPEC order."""
    ci = np.asarray(res.conf_int())
    if ci.ndim == 3:  # never for Logit; guard for other layouts
        raise ValueError("unexpected conf_int layout")
    return {"source": source, "cov": floats(res.cov_params()),
            "stdErr": floats(flat(res.bse)), "z": floats(flat(res.tvalues)),
            "pValue": floats(flat(res.pvalues)),
            "ciLower": floats(ci[:, 0]), "ciUpper": floats(ci[:, 1])}


def flat(a):
    """Equation-major flattening: an MNLogit (k, K-1) array column by column; 1-D unchanged."""
    a = np.asarray(a)
    return a.ravel(order="F") if a.ndim == 2 else a


def fit_logit(X, y01, **cov):
    model = sm.Logit(np.asarray(y01, float), sm.add_constant(X, has_constant="add"))
    return model.fit(**SM_FIT, **cov)


def tight_null(res):
    """Make statsmodels fit the constant-only model by Newton to tol 1e-12 as well.

    By default statsmodels 0.13.5 fits it by Nelder-Mead then BFGS, which leaves llnull
    ~1e-10 relative off the exact value (n1 log(n1/n) + n0 log(n0/n)), enough to move
    llrPValue by ~1e-8 relative. The raw default figures are kept in `fitDefaultNull`."""
    raw = {"nullLogLikelihood": float(res.llnull), "llr": float(res.llr),
           "llrPValue": float(res.llr_pvalue), "pseudoRSquared": float(res.prsquared)}
    res.set_null_options(**SM_FIT)
    return raw


def fit_block(res, n_obs):
    conv = res.mle_retvals
    return {"params": floats(flat(res.params)), "logLikelihood": float(res.llf),
            "nullLogLikelihood": float(res.llnull), "llr": float(res.llr),
            "llrPValue": float(res.llr_pvalue), "pseudoRSquared": float(res.prsquared),
            "aic": float(res.aic), "bic": float(res.bic), "nObs": float(res.nobs),
            "dfModel": float(res.df_model), "dfResid": float(res.df_resid),
            "deviance": -2 * float(res.llf), "nullDeviance": -2 * float(res.llnull),
            "converged": bool(conv["converged"]), "nIter": int(conv["iterations"])}


def margeff_block(res):
    me = res.get_margeff(at="overall", method="dydx")
    ci = np.asarray(me.conf_int())
    block = {"effects": me.margeff, "stdErr": me.margeff_se, "z": me.tvalues,
             "pValue": me.pvalues}
    if np.ndim(me.margeff) == 2:
        # MNLogit: margeff is (d, K) (feature, class); flatten class-major (class 0's
        # features, then class 1's ...). conf_int is (d, 2, K) (feature, lower/upper,
        # class), so regroup it to the same class-major order.
        d, K = np.shape(me.margeff)
        block = {k: np.asarray(v).T.ravel() for k, v in block.items()}
        ci = ci.transpose(2, 0, 1).reshape(d * K, 2)
    out = {k: floats(v) for k, v in block.items()}
    out["ciLower"], out["ciUpper"] = floats(ci[:, 0]), floats(ci[:, 1])
    return out


def wald_block(results, tests):
    """tests: list of (R, q); results: {covType: statsmodels result}.

    The statistic is (Rb - q)' (R V R')^-1 (Rb - q) with b the parameters in the fixtures'
    order (equation-major) and V = cov_params(), chi-square p-value. For Logit this is
    statsmodels' wald_test(use_f=False) itself (asserted). For MNLogit, statsmodels 0.13.5's
    wald_test flattens params row by row (C order: const of every equation, then x1 ...) but
    takes cov_params() equation-major, so its number mixes parameters; its own value is kept
    as `statsmodelsWaldTest` and the consistent one is the reference.
    """
    out = []
    for cov_type, res in results.items():
        b = flat(res.params)
        V = np.asarray(res.cov_params())
        for R, q in tests:
            R, q = np.asarray(R, float), np.asarray(q, float)
            w = res.wald_test((R, q), scalar=True, use_f=False)
            t = R @ b - q
            statistic = float(t @ np.linalg.solve(R @ V @ R.T, t))
            entry = {"R": floats(R), "q": floats(q), "covType": cov_type,
                     "statistic": statistic, "df": int(R.shape[0]),
                     "pValue": float(scipy.stats.chi2.sf(statistic, R.shape[0]))}
            if np.ndim(res.params) == 1:
                assert abs(statistic - float(np.squeeze(w.statistic))) <= 1e-9 * statistic
            else:
                entry["statsmodelsWaldTest"] = float(np.squeeze(w.statistic))
            out.append(entry)
    return out


def max_rel(a, b):
    a, b = np.asarray(a, float).ravel(), np.asarray(b, float).ravel()
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))


def r_block(r):
    return {"coefficients": floats(r["coefficients"]),
            "coefficientNames": r["coefficient_names"],
            "deviance": float(r["deviance"][0, 0]), "nullDeviance": float(r["null_deviance"][0, 0]),
            "aic": float(r["aic"][0, 0]), "dfResidual": float(r["df_residual"][0, 0]),
            "dfNull": float(r["df_null"][0, 0]), "iter": int(r["iter"][0, 0]),
            "refitted": bool(r["refitted"][0, 0]), "refitIter": int(r["refit_iter"][0, 0]),
            "epsilon": float(r["epsilon"][0, 0]),
            "converged": bool(r["converged"][0, 0]), "logLik": float(r["loglik"][0, 0]),
            "warnings": r["warning"], "aliased": r["aliased"]}


def r_name_map(feature_names):
    """R's coefficient names (Intercept), x1.. -> our names const, feature names."""
    m = {"(Intercept)": "const"}
    m.update({f"x{j + 1}": name for j, name in enumerate(feature_names)})
    return m


def classes_sorted(labels):
    return sorted(set(labels))


def write(name, data):
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, f"{name}.json")
    with open(path, "w") as f:
        json.dump(data, f, allow_nan=False, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {os.path.getsize(path)} bytes")
    return path


def to_py(v):
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    if isinstance(v, np.str_):
        return str(v)
    return v


# ---------------------------------------------------------------------------------------------
# the shared binary reference


def binary_fixture(name, X, y_labels, y01, feature_names, provenance, weights=None, groups=None,
                   wald_tests=(), lr_restricted=(), extra=None):
    """Everything for one well-posed binary problem: statsmodels + R, compared."""
    X = np.asarray(X, float)
    y01 = np.asarray(y01, int)
    n, d = X.shape
    if weights is None:
        Xe, ye, ge = X, y01, groups
    else:
        reps = np.asarray(weights, int)
        Xe, ye = np.repeat(X, reps, axis=0), np.repeat(y01, reps)
        ge = None if groups is None else np.repeat(np.asarray(groups), reps)

    res, sm_warn, err = catch(lambda: fit_logit(Xe, ye))
    assert err is None and not sm_warn, (name, err, sm_warn)
    assert res.mle_retvals["converged"], name
    default_null = tight_null(res)
    res_hc0 = fit_logit(Xe, ye, cov_type="HC0")
    covs = {"nonrobust": sm_block(res, f"statsmodels {statsmodels.__version__} Logit"),
            "HC0": sm_block(res_hc0, f"statsmodels {statsmodels.__version__} Logit "
                                     "cov_type='HC0'")}
    wald_results = {"nonrobust": res, "HC0": res_hc0}
    if ge is not None:
        res_cl = fit_logit(Xe, ye, cov_type="cluster", cov_kwds={"groups": np.asarray(ge)})
        covs["cluster"] = sm_block(res_cl, f"statsmodels {statsmodels.__version__} Logit "
                                           "cov_type='cluster'")
        wald_results["cluster"] = res_cl

    # R on the same (expanded) rows: glm, sandwich, likelihood-ratio tests.
    g_codes = None if ge is None else np.unique(np.asarray(ge), return_inverse=True)[1] + 1
    r = run_r(Xe, ye, groups=g_codes, restricted=lr_restricted)
    assert not r["warning"], (name, r["warning"])
    params = np.asarray(res.params)
    for t in ("HC1", "HC2", "HC3"):
        covs[t] = inference_block(params, r[t], f"R sandwich {SANDWICH} vcovHC(glm, type='{t}')")
    if ge is not None:
        covs["clusterR"] = inference_block(
            params, r["cluster"], f"R sandwich {SANDWICH} vcovCL(glm, cluster = g, type = 'HC1')")

    ci10 = np.asarray(res.conf_int(alpha=0.10))
    n_obs = len(ye)
    ll0_exact = float(ye.sum() * np.log(ye.mean()) + (n_obs - ye.sum()) * np.log(1 - ye.mean()))
    agreement = {
        "paramsMaxRelDiff": max_rel(r["coefficients"][:, 0], params),
        "stdErrMaxRelDiff": max_rel(r["coefficients"][:, 1], res.bse),
        "zMaxRelDiff": max_rel(r["coefficients"][:, 2], res.tvalues),
        "pValueMaxRelDiff": max_rel(r["coefficients"][:, 3], res.pvalues),
        "covMaxRelDiff": max_rel(r["vcov"], res.cov_params()),
        "HC0MaxRelDiff": max_rel(r["HC0"], res_hc0.cov_params()),
        "devianceRelDiff": max_rel(r["deviance"], -2 * res.llf),
        "nullDevianceRelDiff": max_rel(r["null_deviance"], -2 * res.llnull),
        "aicRelDiff": max_rel(r["aic"], res.aic),
        "nullLogLikelihoodVsClosedFormRelDiff": max_rel(res.llnull, ll0_exact),
        "defaultNullLogLikelihoodVsClosedFormRelDiff": max_rel(
            default_null["nullLogLikelihood"], ll0_exact),
    }
    if ge is not None:
        agreement["clusterMaxRelDiff"] = max_rel(r["cluster"], covs_cluster_cov(covs))

    lr_tests = []
    for k, keep in enumerate(lr_restricted):
        stat, df, p = r[f"lr_{k}"].ravel()
        res0 = fit_logit(Xe[:, list(keep)], ye) if keep else None
        ll0 = res.llnull if res0 is None else res0.llf
        lr_tests.append({"restrictedFeatures": list(keep), "statistic": float(stat), "df": int(df),
                         "pValue": float(p), "source": "R anova(m0, m1, test='Chisq')",
                         "statisticStatsmodels": float(2 * (res.llf - ll0))})

    classes = classes_sorted(list(y_labels))
    data = {
        "name": name,
        "provenance": f"{provenance} References: {VERSIONS}.",
        "conventions": CONVENTIONS,
        "featureNames": list(feature_names),
        "X": floats(X),
        "y": [to_py(v) for v in y_labels],
        "classes": [to_py(c) for c in classes],
        "sampleWeight": None if weights is None else [int(v) for v in weights],
        "groups": None if groups is None else [to_py(v) for v in groups],
        "fit": fit_block(res, n_obs),
        "fitDefaultNull": default_null,
        "cov": covs,
        "alpha10": {"ciLower": floats(ci10[:, 0]), "ciUpper": floats(ci10[:, 1])},
        "r": dict(r_block(r), coefficientNames=[r_name_map(feature_names)[c]
                                                for c in r["coefficient_names"]]),
        "agreement": agreement,
        "margeff": margeff_block(res),
        "wald": wald_block(wald_results, wald_tests),
        "lrTest": lr_tests,
        "statsmodelsWarnings": sm_warn,
        "quasiSeparationFraction": quasi_fraction(res, ye),
    }
    if extra:
        data.update(extra)
    return data, res, r


def covs_cluster_cov(covs):
    return np.asarray(covs["cluster"]["cov"])


def quasi_fraction(res, y01):
    """statsmodels BinaryResults.summary's rule: the share of rows whose fitted probability is
    within 1e-4 of their 0/1 label (|y - p| < 1e-4, unweighted count over the model's rows,
    divided by their number). summary() prints the 'Possibly complete quasi-separation' note
    when this share exceeds 0.1 (and 'Complete Separation' when it is 1)."""
    p = res.model.cdf(res.fittedvalues)
    return float(np.mean(np.abs(np.asarray(y01, float) - p) < 1e-4))


def standard_wald(d):
    """Two single restrictions and a joint one over p = d + 1 parameters."""
    p = d + 1
    e = np.eye(p)
    tests = [([e[1]], [0.0]), ([e[1] - e[2]], [0.0]) if d >= 2 else ([e[1]], [0.5])]
    joint = e[1:min(p, 4)]
    tests.append((joint, [0.0] * joint.shape[0]))
    return [(np.asarray(R), q) for R, q in tests]


def sandwich_version():
    out = subprocess.run(["Rscript", "-e", 'cat(as.character(packageVersion("sandwich")))'],
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


SANDWICH = sandwich_version()


# ---------------------------------------------------------------------------------------------
# datasets

BC_FEATURES = ["mean texture", "mean smoothness", "mean compactness", "mean concavity",
               "mean symmetry"]


def breast_cancer():
    bunch = load_breast_cancer()
    names = list(bunch.feature_names)
    cols = [names.index(c) for c in BC_FEATURES]
    X = bunch.data[:, cols]
    y01 = 1 - bunch.target  # sklearn: 0 = malignant; ours: malignant is the positive class
    labels = ["malignant" if v == 1 else "benign" for v in y01]
    snake = [c.replace(" ", "_") for c in BC_FEATURES]

    # examples/data/breast-cancer.csv: all 30 features would be larger than needed; the
    # example uses the fixture's five, at the precision sklearn holds them.
    os.makedirs(os.path.dirname(CSV_PATH), exist_ok=True)
    with open(CSV_PATH, "w") as f:
        f.write(",".join(snake + ["diagnosis"]) + "\n")
        for i in range(len(y01)):
            f.write(",".join([repr(float(v)) for v in X[i]] + [labels[i]]) + "\n")

    data, res, _ = binary_fixture(
        "breast-cancer", X, labels, y01, snake,
        "UCI Breast Cancer Wisconsin (Diagnostic) via scikit-learn load_breast_cancer (569 rows); "
        f"features {BC_FEATURES}; y = 'malignant' when sklearn's target is 0, else 'benign' "
        "(positive class malignant). Chosen among 5-subsets of the 10 'mean' features so that "
        "statsmodels converges without warnings, R gives no warning, and the share of rows "
        "predicted within 1e-4 (statsmodels' quasi-separation note) stays far below 0.1.",
        wald_tests=standard_wald(X.shape[1]), lr_restricted=[[0, 1, 2], [0], []])
    return data


def reference_experiment():
    X, y = make_classification(n_samples=1000, n_features=2, n_redundant=0, n_informative=2,
                               n_clusters_per_class=1, random_state=42)
    data, res, _ = binary_fixture(
        "reference-experiment", X, y, y, ["x1", "x2"],
        "sklearn make_classification(n_samples=1000, n_features=2, n_redundant=0, "
        "n_informative=2, n_clusters_per_class=1, random_state=42), all rows, y in {0, 1}.",
        wald_tests=standard_wald(2), lr_restricted=[[0], [1], []])
    data["extremeP"] = {"minPValue": min(data["cov"]["nonrobust"]["pValue"]),
                        "maxAbsZ": max(abs(v) for v in data["cov"]["nonrobust"]["z"])}
    return data


def frequency_weights():
    X, y = make_classification(n_samples=300, n_features=3, n_redundant=0, n_informative=3,
                               n_clusters_per_class=1, class_sep=0.7, flip_y=0.05,
                               random_state=7)
    w = np.random.default_rng(15).integers(1, 5, size=len(y))  # 1..4
    data, res, r = binary_fixture(
        "frequency-weights", X, y, y, ["x1", "x2", "x3"],
        "sklearn make_classification(n_samples=300, n_features=3, n_redundant=0, "
        "n_informative=3, n_clusters_per_class=1, class_sep=0.7, flip_y=0.05, random_state=7); "
        "sampleWeight = numpy default_rng(15).integers(1, 5, 300) (frequency weights 1..4). "
        "fit, cov, r, margeff, wald, lrTest: statsmodels Logit / R glm on the EXPANDED data "
        "(row i repeated w_i times; nObs = sum w). glmFreqWeights: statsmodels GLM(Binomial, "
        "freq_weights=w) cross-check. rWeighted: R glm(weights = w) on the 300 rows, with "
        "sandwich on that weighted glm (NOT equal to the expanded-data sandwich: sandwich "
        "treats each weighted row as one case).",
        weights=w, wald_tests=standard_wald(3), lr_restricted=[[0, 1], [2], []])
    Xc = sm.add_constant(X, has_constant="add")
    glm = sm.GLM(y.astype(float), Xc, family=sm.families.Binomial(), freq_weights=w.astype(float))
    gres = glm.fit(method="newton", tol=1e-12, maxiter=100)
    data["glmFreqWeights"] = {
        "source": f"statsmodels {statsmodels.__version__} GLM(Binomial, freq_weights=w)",
        "params": floats(gres.params), "stdErr": floats(gres.bse), "llf": float(gres.llf),
        "deviance": float(gres.deviance), "nullDeviance": float(gres.null_deviance),
        "dfResid": float(gres.df_resid), "nObs": float(gres.nobs),
        "paramsMaxRelDiffVsExpandedLogit": max_rel(gres.params, res.params),
        "stdErrMaxRelDiffVsExpandedLogit": max_rel(gres.bse, res.bse),
        "llfRelDiffVsExpandedLogit": max_rel(gres.llf, res.llf),
    }
    rw = run_r(X, y, weights=w, restricted=[[0, 1], [2], []])
    params = np.asarray(res.params)
    data["rWeighted"] = dict(
        r_block(rw),
        HC={t: inference_block(params, rw[t], f"R sandwich {SANDWICH} vcovHC(glm(weights = w), "
                                              f"type='{t}') on the 300 weighted rows")
            for t in ("HC0", "HC1", "HC2", "HC3")},
        lrTest=[{"restrictedFeatures": keep, "statistic": float(rw[f"lr_{k}"].ravel()[0]),
                 "df": int(rw[f"lr_{k}"].ravel()[1]), "pValue": float(rw[f"lr_{k}"].ravel()[2])}
                for k, keep in enumerate([[0, 1], [2], []])],
        paramsMaxRelDiffVsExpanded=max_rel(rw["coefficients"][:, 0], params),
        stdErrMaxRelDiffVsExpanded=max_rel(rw["coefficients"][:, 1], res.bse),
        devianceRelDiffVsExpanded=max_rel(rw["deviance"], -2 * res.llf),
        aicRelDiffVsExpanded=max_rel(rw["aic"], res.aic),
        HC0MaxRelDiffVsExpanded=max_rel(rw["HC0"], data["cov"]["HC0"]["cov"]),
    )
    return data


def clustered():
    rng = np.random.default_rng(2026)
    G, per = 30, 20
    g = np.repeat(np.arange(G), per)
    u = rng.normal(0, 1.0, G)  # cluster random effect on the logit scale
    # a cluster-level shift in x1 too, so clustering changes its standard error visibly
    X = rng.normal(size=(G * per, 3))
    X[:, 0] += rng.normal(0, 0.8, G)[g]
    eta = -0.3 + 0.8 * X[:, 0] - 0.5 * X[:, 1] + 0.2 * X[:, 2] + u[g]
    y = (rng.uniform(size=len(g)) < 1 / (1 + np.exp(-eta))).astype(int)
    perm = rng.permutation(len(g))  # rows not sorted by cluster
    X, y, g = X[perm], y[perm], g[perm]
    data, res, r = binary_fixture(
        "clustered", X, y, y, ["x1", "x2", "x3"],
        "numpy default_rng(2026): 30 clusters x 20 rows, x ~ N(0, I3) plus a cluster-level "
        "N(0, 0.8^2) shift in x1, logit = -0.3 + 0.8 x1 - 0.5 x2 + 0.2 x3 + u_g with "
        "u_g ~ N(0, 1), rows shuffled. groups: integer cluster ids 0..29. "
        "groupNames: the same clusters as strings ('c00'..'c29'); every cluster number is "
        "unchanged by the relabelling.",
        groups=g, wald_tests=standard_wald(3), lr_restricted=[[0, 1], []])
    names = [f"c{v:02d}" for v in g]
    res_s = fit_logit(X, y, cov_type="cluster", cov_kwds={"groups": np.unique(names, return_inverse=True)[1]})
    data["groupNames"] = names
    data["nGroups"] = int(len(np.unique(g)))
    data["agreement"]["clusterStringGroupsMaxRelDiff"] = max_rel(res_s.cov_params(),
                                                                 data["cov"]["cluster"]["cov"])
    data["margeffCluster"] = margeff_block(
        fit_logit(X, y, cov_type="cluster", cov_kwds={"groups": g}))
    return data


def multinomial():
    X, y = make_classification(n_samples=600, n_features=4, n_informative=3, n_redundant=0,
                               n_classes=3, n_clusters_per_class=1, class_sep=0.8,
                               random_state=11)
    Xc = sm.add_constant(X, has_constant="add")
    res, sm_warn, err = catch(lambda: sm.MNLogit(y, Xc).fit(**SM_FIT))
    assert err is None and not sm_warn and res.mle_retvals["converged"], (err, sm_warn)
    default_null = tight_null(res)
    k, J1 = res.params.shape  # (d + 1, K - 1)
    # cov_params() is indexed by (equation, parameter) in equation-major order: check it
    # against bse, which has the same (k, K-1) layout as params.
    cov = np.asarray(res.cov_params())
    assert np.allclose(np.sqrt(np.diag(cov)), flat(res.bse), rtol=1e-14, atol=0)
    # conf_int() is (K-1, k, 2) (equation, parameter, lower/upper): equation-major rows
    ci = np.asarray(res.conf_int()).reshape(-1, 2)
    ci10 = np.asarray(res.conf_int(alpha=0.10)).reshape(-1, 2)
    nonrobust = {"source": f"statsmodels {statsmodels.__version__} MNLogit", "cov": floats(cov),
                 "stdErr": floats(flat(res.bse)), "z": floats(flat(res.tvalues)),
                 "pValue": floats(flat(res.pvalues)),
                 "ciLower": floats(ci[:, 0]), "ciUpper": floats(ci[:, 1])}
    assert np.allclose(ci[:, 0], flat(res.params) - stats.norm.ppf(0.975) * flat(res.bse),
                       rtol=1e-13)
    covs = {"nonrobust": nonrobust}
    res_hc0, hc0_warn, hc0_err = catch(lambda: sm.MNLogit(y, Xc).fit(**SM_FIT, cov_type="HC0"))
    if hc0_err is None:
        hci = np.asarray(res_hc0.conf_int()).reshape(-1, 2)
        covs["HC0"] = {"source": f"statsmodels {statsmodels.__version__} MNLogit "
                                 "cov_type='HC0'",
                       "cov": floats(res_hc0.cov_params()), "stdErr": floats(flat(res_hc0.bse)),
                       "z": floats(flat(res_hc0.tvalues)), "pValue": floats(flat(res_hc0.pvalues)),
                       "ciLower": floats(hci[:, 0]), "ciUpper": floats(hci[:, 1])}
    n = len(y)
    counts = np.bincount(y)
    ll0_exact = float(np.sum(counts * np.log(counts / n)))
    p = k * J1
    e = np.eye(p)
    wald_tests = [(e[[1]], [0.0]),  # class 1 vs 0: x1 = 0
                  (e[[1]] - e[[k + 1]], [0.0]),  # x1 equal in both equations
                  (e[[1, k + 1]], [0.0, 0.0])]  # x1 absent from the model (joint)
    wald_results = {"nonrobust": res}
    if "HC0" in covs:
        wald_results["HC0"] = res_hc0
    data = {
        "name": "multinomial",
        "provenance": "sklearn make_classification(n_samples=600, n_features=4, "
                      "n_informative=3, n_redundant=0, n_classes=3, n_clusters_per_class=1, "
                      "class_sep=0.8, random_state=11). statsmodels MNLogit (reference class 0). "
                      "params/cov/tables flattened equation-major: equation j (class j vs 0, "
                      "j = 1, 2) holds const, x1..x4; cov_params() uses that order (checked "
                      "against bse). margeff: get_margeff(at='overall') gives (feature, class) "
                      "effects on every class probability (K = 3 columns, reference class "
                      "included); flattened class-major: class 0's x1..x4, class 1's x1..x4, "
                      "class 2's x1..x4. No R reference (R has no multinomial logit in the "
                      f"base/recommended packages used here). References: {VERSIONS}.",
        "conventions": CONVENTIONS,
        "featureNames": ["x1", "x2", "x3", "x4"],
        "X": floats(X), "y": [int(v) for v in y], "classes": [0, 1, 2],
        "sampleWeight": None, "groups": None,
        "fit": fit_block(res, n),
        "fitDefaultNull": default_null,
        "paramsShape": [J1, k],
        "cov": covs,
        "alpha10": {"ciLower": floats(ci10[:, 0]), "ciUpper": floats(ci10[:, 1])},
        "margeff": margeff_block(res),
        "margeffShape": [3, 4],
        "wald": wald_block(wald_results, wald_tests),
        "agreement": {"nullLogLikelihoodVsClosedFormRelDiff": max_rel(res.llnull, ll0_exact),
                      "defaultNullLogLikelihoodVsClosedFormRelDiff": max_rel(
                          default_null["nullLogLikelihood"], ll0_exact)},
        "statsmodelsWarnings": sm_warn + hc0_warn,
        "statsmodelsHC0Error": hc0_err,
    }
    return data


def near_collinear():
    rng = np.random.default_rng(400)
    n = 400
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    x3 = x1 + x2 + 0.01 * rng.normal(size=n)
    X = np.column_stack([x1, x2, x3])
    eta = 0.2 + 1.0 * x1 - 0.7 * x2
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-eta))).astype(int)
    data, res, r = binary_fixture(
        "near-collinear", X, y, y, ["x1", "x2", "x3"],
        "numpy default_rng(400): x1, x2 ~ N(0, 1), x3 = x1 + x2 + 0.01 N(0, 1) (400 rows), "
        "logit = 0.2 + x1 - 0.7 x2. conditionNumber: 2-norm condition number of "
        "X~' W X~ at the MLE (X~ = [1, X], W = diag(p(1 - p))), numpy.linalg.cond.",
        wald_tests=standard_wald(3), lr_restricted=[[0, 1], []])
    Xc = sm.add_constant(X, has_constant="add")
    pr = res.predict()
    info = Xc.T @ (Xc * (pr * (1 - pr))[:, None])
    data["conditionNumber"] = float(np.linalg.cond(info))
    return data


def collinear():
    rng = np.random.default_rng(7)
    n = 300
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    x3 = x1 + x2
    X = np.column_stack([x1, x2, x3])
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(0.3 + x1 - 0.5 * x2)))).astype(int)
    r = run_r(X, y, epsilon=1e-8)  # R's default: rank tolerance 1e-11 finds the alias
    r_tight = run_r(X, y)  # epsilon 1e-14: rank tolerance 1e-17 does not
    res, sm_warn, err = catch(lambda: fit_logit(X, y))
    behaviour = describe_statsmodels(res, sm_warn, err, y)
    # statsmodels' own defaults (newton, tol 1e-8, maxiter 35) behave differently: the ridge
    # 1e-10 its Newton adds to the singular Hessian lets the steps fall below 1e-8.
    default_fit = sm.Logit(y.astype(float), sm.add_constant(X))
    res_d, warn_d, err_d = catch(lambda: default_fit.fit(disp=0))
    behaviour_default = describe_statsmodels(res_d, warn_d, err_d, y)
    names = ["x1", "x2", "x3"]
    rmap = r_name_map(names)
    return {
        "name": "collinear",
        "provenance": "numpy default_rng(7): x1, x2 ~ N(0, 1), x3 = x1 + x2 exactly (floating "
                      "sum), 300 rows, logit = 0.3 + x1 - 0.5 x2. R glm drops the aliased "
                      "column (NA coefficient) with its default glm.control(epsilon = 1e-8): "
                      "glm.fit's QR rank tolerance is min(1e-7, epsilon/1000) = 1e-11. "
                      "rTightEpsilon: the same glm at epsilon = 1e-14 (rank tolerance 1e-17), "
                      "which does NOT find the alias (x3 = x1 + x2 is off by rounding) and "
                      "diverges. No numbers to match: the statsmodels fields record what it "
                      f"does. References: {VERSIONS}.",
        "featureNames": names, "X": floats(X), "y": [int(v) for v in y], "classes": [0, 1],
        "sampleWeight": None, "groups": None,
        "rank": int(np.linalg.matrix_rank(sm.add_constant(X))),
        "aliased": [rmap[a] for a in r["aliased"]],
        "r": dict(r_block(r), coefficientNames=[rmap[c] for c in r["coefficient_names"]],
                  hcErrors={k: v for k, v in r.items() if k.startswith("error_")}),
        "rTightEpsilon": {"aliased": [rmap[a] for a in r_tight["aliased"]],
                          "coefficients": safe_floats(r_tight["coef_all"]),
                          "warnings": r_tight["warning"],
                          "iter": int(r_tight["iter"][0, 0]),
                          "converged": bool(r_tight["converged"][0, 0])},
        "statsmodels_behaviour": behaviour["text"] + " || with statsmodels' default fit "
                                 "settings (newton, tol 1e-8, maxiter 35): "
                                 + behaviour_default["text"],
        "statsmodels": behaviour,
        "statsmodelsDefaultFit": behaviour_default,
    }


def describe_statsmodels(res, sm_warn, err, y01):
    """What statsmodels did, in words plus the raw figures (no reference to match)."""
    info = {"exception": err, "warnings": sm_warn}
    if res is None:
        info["text"] = f"Logit.fit raised {err}" + (f"; warnings: {sm_warn}" if sm_warn else "")
        return info
    (bse, _), lazy_warn, _ = catch(lambda: (np.asarray(res.bse), np.asarray(res.cov_params())))
    summary_text, s_warn, s_err = catch(lambda: str(res.summary()))
    note = None
    if summary_text and "separation" in summary_text.lower():
        start = summary_text.find("Possibly complete")
        if start < 0:
            start = summary_text.find("Complete Separation")
        note = " ".join(summary_text[start:].split())
    info.update({
        "converged": bool(res.mle_retvals["converged"]),
        "nIter": int(res.mle_retvals["iterations"]),
        "params": safe_floats(res.params), "stdErr": safe_floats(bse),
        "stdErrWarnings": lazy_warn,
        "dfModel": float(res.df_model), "dfResid": float(res.df_resid),
        "logLikelihood": float(res.llf),
        "summaryNote": note, "summaryWarnings": s_warn, "summaryError": s_err,
        "quasiSeparationFraction": quasi_fraction(res, y01),
    })
    info["text"] = (f"Logit.fit returned (converged={info['converged']}, nIter={info['nIter']}, "
                    f"df_model={info['dfModel']}); warnings: {sm_warn or 'none'}; "
                    f"params={info['params']}; bse={info['stdErr']}"
                    + (f"; summary note: {note}" if note else ""))
    return info


def shuffled_behaviour(rng, X, y):
    """The rows shuffled by rng, then R's fit and what statsmodels does on them: (X, y, r, behaviour)."""
    perm = rng.permutation(len(y))
    X, y = X[perm], y[perm]
    r = run_r(X, y)
    res, sm_warn, err = catch(lambda: fit_logit(X, y))
    return X, y, r, describe_statsmodels(res, sm_warn, err, y)


def safe_floats(a):
    """floats, with non-finite values written as strings (JSON has no NaN/Infinity)."""
    return [float(v) if np.isfinite(v) else str(float(v)) for v in np.asarray(a, float).ravel()]


def quasi_separated():
    rng = np.random.default_rng(8)
    n_side, n_zero = 90, 20
    x1 = np.concatenate([rng.uniform(0.05, 2, n_side), -rng.uniform(0.05, 2, n_side),
                         np.zeros(n_zero)])
    y = np.concatenate([np.ones(n_side), np.zeros(n_side),
                        (np.arange(n_zero) % 2)]).astype(int)  # mixed at x1 = 0
    x2 = rng.normal(size=len(y))
    X, y, r, behaviour = shuffled_behaviour(rng, np.column_stack([x1, x2]), y)
    return {
        "name": "quasi-separated",
        "provenance": "numpy default_rng(8): x1 = 90 values in U(0.05, 2) with y = 1, 90 in "
                      "-U(0.05, 2) with y = 0, and 20 rows with x1 exactly 0 and y alternating "
                      "0/1 (quasi-complete separation by x1); x2 ~ N(0, 1) noise; rows "
                      f"shuffled (200 rows). References: {VERSIONS}.",
        "featureNames": ["x1", "x2"], "X": floats(X), "y": [int(v) for v in y], "classes": [0, 1],
        "sampleWeight": None, "groups": None,
        "separatingFeature": 0, "separatingFeatureName": "x1",
        "quasiSeparationFraction": behaviour.get("quasiSeparationFraction"),
        "quasiSeparationRule": "statsmodels 0.13.5 BinaryResults.summary(): fraction = (number "
                               "of rows with |y_i - p_i| < 1e-4, p_i the fitted probability at "
                               "the returned params) / (number of rows); the note 'Possibly "
                               "complete quasi-separation: A fraction F of observations can be "
                               "perfectly predicted ...' (F printed with %4.2f) is added when "
                               "F > 0.1, 'Complete Separation ...' instead when every row is "
                               "within 1e-4.",
        "r": dict(r_block(r), coefficientNames=["const", "x1", "x2"]),
        "statsmodels_behaviour": behaviour["text"],
        "statsmodels": behaviour,
    }


def separated():
    rng = np.random.default_rng(9)
    n = 100
    x1 = np.concatenate([rng.uniform(0.05, 2, n // 2), -rng.uniform(0.05, 2, n // 2)])
    y = (x1 > 0).astype(int)
    x2 = rng.normal(size=n)
    X, y, r, behaviour = shuffled_behaviour(rng, np.column_stack([x1, x2]), y)
    return {
        "name": "separated",
        "provenance": "numpy default_rng(9): 100 rows, x1 = +U(0.05, 2) for 50 rows (y = 1) and "
                      "-U(0.05, 2) for 50 rows (y = 0), x2 ~ N(0, 1); complete separation by "
                      f"x1 (y = 1 iff x1 > 0, no ties). References: {VERSIONS}.",
        "featureNames": ["x1", "x2"], "X": floats(X), "y": [int(v) for v in y], "classes": [0, 1],
        "sampleWeight": None, "groups": None,
        "separatingFeature": 0, "separatingFeatureName": "x1",
        "r": dict(r_block(r), coefficientNames=["const", "x1", "x2"]),
        "statsmodels_behaviour": behaviour["text"],
        "statsmodels": behaviour,
    }


DATASETS = {
    "breast-cancer": breast_cancer,
    "reference-experiment": reference_experiment,
    "frequency-weights": frequency_weights,
    "clustered": clustered,
    "multinomial": multinomial,
    "near-collinear": near_collinear,
    "collinear": collinear,
    "quasi-separated": quasi_separated,
    "separated": separated,
}


def main():
    for name, make in DATASETS.items():
        try:
            write(name, make())
        except Exception:
            traceback.print_exc()
            raise


if __name__ == "__main__":
    main()
