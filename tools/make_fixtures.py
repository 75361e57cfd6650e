"""Generate the JSON reference fixtures used by the TypeScript tests.

Produces (paths relative to the repository root):

  test/fixtures/reference-experiment.json
      The reference experiment: sklearn make_classification(n_samples=1000,
      n_features=2, ...) + train_test_split(test_size=0.2, random_state=42),
      then 1000 iterations of numpy batch gradient descent (lr=0.01) with
      weight/bias checkpoints, training log-loss, test probabilities,
      predictions and accuracy.

  test/fixtures/datasets.json
      A list of make_classification / train_test_split cases (data, labels and
      the train/test index split) covering many parameter combinations.

  test/fixtures/random-state.json
      Raw output streams of numpy's legacy np.random.RandomState for several
      seeds, each entry {"seed", "call", "values"}.

Every file carries a "generator" object recording this script, the sklearn
and numpy versions, and the BLAS numpy was linked against (make_classification
uses np.dot, so the exact bits of X depend on the BLAS kernels).

Run from anywhere (the output paths are resolved from this file's location):

    /usr/bin/python3 tools/make_fixtures.py

The script is deterministic; running it again rewrites the same files.
Floats are written with Python's json module, whose float repr is the
shortest string that round-trips, so values are lossless.
"""

import json
import os

import numpy as np
import sklearn
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(ROOT, "test", "fixtures")


# ---------------------------------------------------------------- helpers

def blas_description():
    """Short description of the BLAS numpy uses here."""
    try:
        from threadpoolctl import threadpool_info

        for info in threadpool_info():
            if info.get("user_api") == "blas":
                name = {"openblas": "OpenBLAS", "mkl": "MKL", "blis": "BLIS"}.get(
                    info.get("internal_api"), info.get("internal_api")
                )
                return "%s %s (%s, core %s) at %s" % (
                    name,
                    info.get("version"),
                    info.get("threading_layer"),
                    info.get("architecture"),
                    info.get("filepath"),
                )
    except Exception:  # threadpoolctl missing or failed
        pass
    return "unknown (threadpoolctl unavailable)"


GENERATOR = {
    "script": "tools/make_fixtures.py",
    "sklearn": sklearn.__version__,
    "numpy": np.__version__,
    "blas": blas_description(),
}


def plain(obj):
    """Recursively convert numpy scalars/arrays into plain Python values."""
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return plain(obj.tolist())
    if isinstance(obj, (np.bool_, bool)):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    return obj


def write_json(name, obj):
    """Compact JSON, but with each top-level key, and each element of a
    top-level list of objects (cases, entries, ...), on its own line."""

    def compact(o):
        return json.dumps(o, indent=None, separators=(",", ":"), allow_nan=False)

    lines = []
    for key, value in plain(obj).items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            text = "[\n" + ",\n".join(compact(v) for v in value) + "\n]"
        else:
            text = compact(value)
        lines.append(compact(key) + ":" + text)
    path = os.path.join(OUT_DIR, name)
    with open(path, "w") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")
    print("wrote %s (%d bytes)" % (os.path.relpath(path, ROOT), os.path.getsize(path)))


MC_NAMES = {
    "n_samples": "nSamples",
    "n_features": "nFeatures",
    "n_informative": "nInformative",
    "n_redundant": "nRedundant",
    "n_repeated": "nRepeated",
    "n_classes": "nClasses",
    "n_clusters_per_class": "nClustersPerClass",
    "weights": "weights",
    "flip_y": "flipY",
    "class_sep": "classSep",
    "hypercube": "hypercube",
    "shift": "shift",
    "scale": "scale",
    "shuffle": "shuffle",
    "random_state": "randomState",
}

SPLIT_NAMES = {
    "test_size": "testSize",
    "train_size": "trainSize",
    "random_state": "randomState",
    "shuffle": "shuffle",
    "stratify": "stratify",
}


def camel(params, names):
    return {names[k]: v for k, v in params.items()}


def make_case(name, mc, split):
    """mc: kwargs for make_classification; split: kwargs for train_test_split,
    where stratify may be the string "y" (meaning stratify=y)."""
    X, y = make_classification(**mc)
    n = X.shape[0]
    split_kwargs = dict(split)
    if split_kwargs.get("stratify") == "y":
        split_kwargs["stratify"] = y
    X_tr, X_te, y_tr, y_te, i_tr, i_te = train_test_split(
        X, y, np.arange(n), **split_kwargs
    )
    # sanity: indices describe the split exactly
    assert np.array_equal(X[i_tr], X_tr) and np.array_equal(X[i_te], X_te)
    assert np.array_equal(y[i_tr], y_tr) and np.array_equal(y[i_te], y_te)
    return {
        "name": name,
        "makeClassification": camel(mc, MC_NAMES),
        "X": X,
        "y": y,
        "trainTestSplit": camel(split, SPLIT_NAMES),
        "trainIndices": i_tr,
        "testIndices": i_te,
    }


# ------------------------------------------------- 1. reference experiment

def reference_experiment():
    mc = dict(
        n_samples=1000,
        n_features=2,
        n_redundant=0,
        n_informative=2,
        n_clusters_per_class=1,
        random_state=42,
    )
    X, y = make_classification(**mc)
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.2, random_state=42
    )
    _, _, _, _, i_tr, i_te = train_test_split(
        X, y, np.arange(1000), test_size=0.2, random_state=42
    )
    assert np.array_equal(X[i_tr], X_train) and np.array_equal(X[i_te], X_test)

    lr = 0.01
    n, d = X_train.shape
    w = np.zeros(d)
    b = 0.0
    checkpoints = []
    train_loss = []
    for it in range(1, 1001):
        z = X_train @ w + b
        p = 1 / (1 + np.exp(-z))
        dw = X_train.T @ (p - y_train) / n
        db = np.mean(p - y_train)
        w -= lr * dw
        b -= lr * db
        if it in (1, 10, 100, 1000):
            checkpoints.append({"iter": it, "weights": w.copy(), "bias": float(b)})
            # stable mean log-loss with the parameters after this update:
            # -[y log s(z) + (1-y) log(1-s(z))] = log(1 + e^z) - y z
            z_after = X_train @ w + b
            loss = np.mean(np.logaddexp(0.0, z_after) - y_train * z_after)
            train_loss.append({"iter": it, "loss": float(loss)})

    p_test = 1 / (1 + np.exp(-(X_test @ w + b)))
    pred = (p_test > 0.5).astype(int)
    accuracy = float(np.mean(pred == y_test))
    print("reference accuracy:", accuracy)

    return {
        "generator": GENERATOR,
        "makeClassification": camel(mc, MC_NAMES),
        "X": X,
        "y": y,
        "trainTestSplit": {"testSize": 0.2, "randomState": 42},
        "trainIndices": i_tr,
        "testIndices": i_te,
        "learningRate": lr,
        "checkpoints": checkpoints,
        "trainLoss": train_loss,
        "testProbabilities": p_test,
        "testPredictions": pred,
        "accuracy": accuracy,
    }


# ------------------------------------------------------------ 2. datasets

def dataset_cases():
    C = []
    # 1. the reference experiment
    C.append(make_case(
        "reference",
        dict(n_samples=1000, n_features=2, n_redundant=0, n_informative=2,
             n_clusters_per_class=1, random_state=42),
        dict(test_size=0.2, random_state=42)))
    # 2. multiclass with redundant and repeated features
    C.append(make_case(
        "multiclass",
        dict(n_samples=300, n_features=5, n_informative=3, n_redundant=1,
             n_repeated=1, n_classes=3, n_clusters_per_class=2, random_state=0),
        dict(test_size=0.25, random_state=0)))
    # 3. redundant + repeated, float train and test sizes not summing to 1
    C.append(make_case(
        "redundant-repeated",
        dict(n_samples=200, n_features=10, n_informative=4, n_redundant=3,
             n_repeated=2, random_state=7),
        dict(train_size=0.6, test_size=0.3, random_state=1)))
    # 4. weights of length n_classes - 1, no label flipping, stratified split
    #    (n_features=5 added to keep the file small; default would be 20)
    C.append(make_case(
        "weights-short",
        dict(n_samples=500, n_features=5, weights=[0.9], flip_y=0.0, random_state=3),
        dict(test_size=0.3, stratify="y", random_state=5)))
    # 5. weights of full length, 3 classes
    C.append(make_case(
        "weights-full",
        dict(n_samples=100, n_features=6, n_informative=3, n_classes=3,
             weights=[0.2, 0.3, 0.5], random_state=11),
        dict(test_size=0.2, stratify="y", random_state=2)))
    # 6. heavy label noise, 4 classes
    C.append(make_case(
        "flip-y",
        dict(n_samples=400, n_features=6, n_informative=4, n_classes=4,
             flip_y=0.2, random_state=123),
        dict(test_size=0.25, random_state=9)))
    # 7. non-hypercube centroids, default n_features (20); default split size
    C.append(make_case(
        "no-hypercube",
        dict(n_samples=150, hypercube=False, class_sep=2.0, random_state=5),
        dict(random_state=0)))
    # 8a. scalar shift and scale
    C.append(make_case(
        "shift-scale-scalars",
        dict(n_samples=60, n_features=4, shift=1.5, scale=0.5, random_state=8),
        dict(test_size=0.25, random_state=8)))
    # 8b. per-feature shift and scale
    C.append(make_case(
        "shift-scale-lists",
        dict(n_samples=60, n_features=4, shift=[1.0, -2.0, 0.5, 3.0],
             scale=[2.0, 0.1, 1.0, 10.0], random_state=9),
        dict(test_size=0.25, random_state=9)))
    # 9. random shift and scale (shift=None, scale=None)
    C.append(make_case(
        "random-shift-scale",
        dict(n_samples=50, n_features=5, shift=None, scale=None, random_state=21),
        dict(test_size=0.1, random_state=21)))
    # 10. no shuffling anywhere
    C.append(make_case(
        "no-shuffle",
        dict(n_samples=40, n_features=4, shuffle=False, random_state=4),
        dict(test_size=0.25, shuffle=False)))
    # 11. stratified multiclass split with an integer test size
    C.append(make_case(
        "stratified-int-test-size",
        dict(n_samples=150, n_features=4, n_informative=3, n_redundant=1,
             n_classes=3, random_state=13),
        dict(test_size=50, stratify="y", random_state=13)))
    # 12. > 30 informative dimensions (hypercube built from randint + 30 bits);
    #     n_redundant=0 is required (default 2 would exceed n_features=31)
    C.append(make_case(
        "hypercube-31",
        dict(n_samples=40, n_features=31, n_informative=31, n_redundant=0,
             random_state=17),
        dict(test_size=0.25, random_state=17)))
    # 13. one informative feature: 2 clusters from the 2 vertices of [0,1]
    C.append(make_case(
        "one-informative",
        dict(n_samples=30, n_features=3, n_informative=1, n_redundant=0,
             n_clusters_per_class=1, random_state=2),
        dict(test_size=0.2, random_state=2)))
    # 14. largest legal seed
    C.append(make_case(
        "max-seed",
        dict(n_samples=20, n_features=4, random_state=4294967295),
        dict(test_size=0.25, random_state=4294967295)))
    # 15. integer train size with float test size (sum < n)
    C.append(make_case(
        "int-train-float-test",
        dict(n_samples=60, n_features=3, n_redundant=0, random_state=15),
        dict(train_size=30, test_size=0.25, random_state=15)))
    # 16. n_redundant=1: np.dot(X_inf, B) with B of shape (k, 1) goes through
    #     BLAS dgemv instead of dgemm (a different summation order; the
    #     multiclass and stratified-int-test-size cases take this path too)
    C.append(make_case(
        "redundant-1-gemv",
        dict(n_samples=80, n_features=4, n_informative=3, n_redundant=1,
             random_state=16),
        dict(test_size=0.25, random_state=16)))
    # 17. more clusters than samples: clusters with 1 and 0 samples
    #     (cluster sizes [1, 1, 1, 1, 0, 0]); a 1-row np.dot goes through dgemv
    C.append(make_case(
        "tiny-clusters",
        dict(n_samples=4, n_features=4, n_informative=3, n_redundant=0,
             n_classes=3, n_clusters_per_class=2, random_state=6),
        dict(random_state=6)))
    # (A case with n_informative=20, n_redundant=0 was tried and left out:
    #  for that shape OpenBLAS' SkylakeX small-matrix dgemm kernel sums over k
    #  in 8 interleaved partial sums, so X is specific to this BLAS/CPU.)
    # 18. stratified split with float train size only, 4 classes
    C.append(make_case(
        "stratified-train-size",
        dict(n_samples=80, n_features=5, n_informative=3, n_redundant=2,
             n_classes=4, n_clusters_per_class=1, random_state=23),
        dict(train_size=0.5, stratify="y", random_state=23)))
    names = [c["name"] for c in C]
    assert len(set(names)) == len(names)
    return {"generator": GENERATOR, "cases": C}


# -------------------------------------------------------- 3. random state

def random_state_entries():
    entries = []

    def add(seed, call, fn):
        rs = np.random.RandomState(seed)
        entries.append({"seed": seed, "call": call, "values": plain(fn(rs))})

    for seed in (0, 42, 4294967295):
        # full-range uint32 draws are the raw MT19937 output words
        rs = np.random.RandomState(seed)
        words = rs.randint(2**32, size=20, dtype=np.uint32)
        bg = np.random.MT19937()
        bg.state = np.random.RandomState(seed).get_state(legacy=False)
        raw = bg.random_raw(20)
        assert np.array_equal(words.astype(np.uint64), raw), "uint32 != raw words"

        add(seed, "rs.get_state()[1][:8]  # MT19937 key after init_genrand(seed)",
            lambda rs: rs.get_state()[1][:8])
        add(seed, "rs.randint(2**32, size=20, dtype=np.uint32)  # == raw MT19937 32-bit outputs",
            lambda rs: rs.randint(2**32, size=20, dtype=np.uint32))
        add(seed, "[rs.random_sample() for _ in range(20)]",
            lambda rs: [rs.random_sample() for _ in range(20)])
        add(seed, "[rs.standard_normal() for _ in range(20)]",
            lambda rs: [rs.standard_normal() for _ in range(20)])
        add(seed, "[rs.standard_normal(size=3).tolist() for _ in range(20)]",
            lambda rs: [rs.standard_normal(size=3) for _ in range(20)])
        add(seed, "rs.standard_normal(size=(4, 3)).tolist()",
            lambda rs: rs.standard_normal(size=(4, 3)))

        def mixed(rs):
            out = []
            for _ in range(10):
                out.append(rs.standard_normal())
                out.append(rs.random_sample())
                out.extend(rs.standard_normal(size=2).tolist())
                out.append(int(rs.randint(10)))
            return out

        add(seed,
            "out = []\nfor _ in range(10):\n"
            "    out.append(rs.standard_normal())\n"
            "    out.append(rs.random_sample())\n"
            "    out.extend(rs.standard_normal(size=2).tolist())\n"
            "    out.append(int(rs.randint(10)))",
            mixed)
        add(seed, "rs.randint(7, size=20)", lambda rs: rs.randint(7, size=20))
        add(seed, "rs.randint(2, size=20)", lambda rs: rs.randint(2, size=20))
        add(seed, "rs.randint(-5, 1000000, size=20)",
            lambda rs: rs.randint(-5, 1000000, size=20))
        add(seed, "rs.uniform(-3, 2, size=5)", lambda rs: rs.uniform(-3, 2, size=5))
        add(seed, "rs.uniform(size=(2, 3)).tolist()", lambda rs: rs.uniform(size=(2, 3)))
        add(seed, "rs.permutation(10)", lambda rs: rs.permutation(10))
        add(seed, "rs.permutation(1000)", lambda rs: rs.permutation(1000))

        def shuffled(rs):
            a = np.arange(10)
            rs.shuffle(a)
            return a

        add(seed, "a = np.arange(10); rs.shuffle(a); a", shuffled)
        add(seed, "[rs.choice(10, 4, replace=False).tolist() for _ in range(3)]",
            lambda rs: [rs.choice(10, 4, replace=False) for _ in range(3)])
        add(seed, "rs.choice(10, 4)", lambda rs: rs.choice(10, 4))
    return {"generator": GENERATOR, "entries": entries}


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    write_json("reference-experiment.json", reference_experiment())
    write_json("datasets.json", dataset_cases())
    write_json("random-state.json", random_state_entries())


if __name__ == "__main__":
    main()
