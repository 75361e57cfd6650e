"""Reference data for src/model-selection/: scikit-learn 1.2.1's KFold, StratifiedKFold, GroupKFold,
ShuffleSplit and StratifiedShuffleSplit.

Writes test/fixtures/splits.json: for each case the splitter's options (the TypeScript
API's names), the number of samples, the labels for StratifiedKFold, and the test indices
of every fold as scikit-learn's split returns them. The train indices are not written:
this script asserts that each is the ascending complement of its test fold, which is
what the tests compare against. Cases marked "repeat" split twice with one
np.random.RandomState(seed) shared by both calls (the second call draws on from where the
first stopped); "warning" holds scikit-learn's UserWarning text when it warns. GroupKFold
cases hold the group of each sample ("groups"); how GroupKFold orders groups of equal size
is how numpy's argsort orders equal keys, so the numpy is pinned too (Debian's 1.24.2,
whose argsort has no SIMD path; newer numpy built with AVX-512 sorting, 2.4 checked,
orders ties by the hardware). ShuffleSplit and StratifiedShuffleSplit cases hold both
index arrays of every split ("splits": [train, test] pairs), in scikit-learn's drawn
order, since neither is sorted or a complement. Running again rewrites the same file.

    /usr/bin/python3 tools/make_split_fixtures.py
"""

import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.model_selection import (
    GroupKFold,
    KFold,
    ShuffleSplit,
    StratifiedKFold,
    StratifiedShuffleSplit,
)

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert np.__version__ == "1.24.2", np.__version__

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "test", "fixtures", "splits.json")

SEEDS = [0, 42, 12345]


def folds(splitter, n, y, groups=None):
    out = []
    X = np.zeros((n, 1))
    for train, test in splitter.split(X, y, groups):
        assert np.array_equal(train, np.setdiff1d(np.arange(n), test)), "train is not the complement"
        assert np.all(np.diff(test) > 0)
        out.append([int(i) for i in test])
    return out


def case(kind, n, n_splits, shuffle, seed, y=None, repeat=False):
    cls = KFold if kind == "KFold" else StratifiedKFold
    state = np.random.RandomState(seed) if repeat else seed
    splitter = cls(n_splits=n_splits, shuffle=shuffle, random_state=state)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        runs = [folds(splitter, n, y) for _ in range(2 if repeat else 1)]
    options = {"nSplits": n_splits, "shuffle": shuffle}
    if seed is not None:
        options["randomState"] = seed
    c = {"kind": kind, "options": options, "n": n, "testIndex": runs[0]}
    if y is not None:
        c["y"] = [v.item() if hasattr(v, "item") else v for v in y]
    if repeat:
        c["repeat"] = True
        c["secondTestIndex"] = runs[1]
    messages = [str(w.message) for w in caught]
    if messages:
        c["warning"] = messages
    return c


def group_case(n_splits, groups):
    groups = np.asarray(groups)
    n = len(groups)
    test = folds(GroupKFold(n_splits=n_splits), n, None, groups)
    plain = [v.item() if hasattr(v, "item") else v for v in groups]
    return {"kind": "GroupKFold", "options": {"nSplits": n_splits}, "n": n, "groups": plain, "testIndex": test}


def shuffle_case(kind, n, n_splits, test_size, train_size, seed, y=None, repeat=False):
    cls = ShuffleSplit if kind == "ShuffleSplit" else StratifiedShuffleSplit
    state = np.random.RandomState(seed) if repeat else seed
    splitter = cls(n_splits=n_splits, test_size=test_size, train_size=train_size, random_state=state)
    X = np.zeros((n, 1))
    runs = []
    for _ in range(2 if repeat else 1):
        runs.append([[[int(i) for i in train], [int(i) for i in test]] for train, test in splitter.split(X, y)])
    options = {"nSplits": n_splits, "randomState": seed}
    if test_size is not None:
        options["testSize"] = test_size
    if train_size is not None:
        options["trainSize"] = train_size
    c = {"kind": kind, "options": options, "n": n, "splits": runs[0]}
    if y is not None:
        c["y"] = [v.item() if hasattr(v, "item") else v for v in y]
    if repeat:
        c["repeat"] = True
        c["secondSplits"] = runs[1]
    return c


def group_sets():
    rng = np.random.RandomState(11)
    sets = []
    # Distinct sizes: the folds do not depend on how ties are broken.
    sets.append(np.repeat([4, 0, 2, 9, 7], [1, 2, 3, 4, 5]))
    sets.append(rng.permutation(np.repeat(np.arange(12), np.arange(1, 13))))
    # Ties: up to 16 groups (numpy insertion-sorts them, keeping ties in order) and more
    # (its quicksort partitions them, reordering ties).
    sets.append(np.array([1, 1, 2, 2, 3, 3, 4, 4]))
    sets.append(rng.randint(0, 6, size=30))
    sets.append(rng.randint(-3, 13, size=100))
    sets.append(rng.randint(0, 40, size=120))
    sets.append(rng.randint(0, 300, size=700))
    # Strings, booleans and floats as group labels.
    sets.append(rng.choice(["north", "south", "east", "west", "centre"], size=41))
    sets.append(rng.rand(9) < 0.5)
    sets.append(rng.choice([0.5, -2.25, 3.0], size=17))
    return sets


def label_sets():
    rng = np.random.RandomState(7)
    sets = []
    # Balanced and unbalanced binary, integer classes not starting at 0.
    sets.append(np.array([0, 1] * 5))
    sets.append(np.array([1] * 17 + [0] * 6))
    sets.append(rng.randint(0, 2, size=23))
    # Three and four classes, first appearance unlike sorted order.
    sets.append(rng.choice([3, -1, 7], size=40, p=[0.6, 0.3, 0.1]))
    sets.append(rng.randint(0, 4, size=100))
    sets.append(np.array([5] * 50 + [2] * 30 + [9] * 15 + [1] * 5))
    # Strings, and booleans.
    sets.append(np.array(list("cabbcacbbbcaabcbbbcc")))
    sets.append(rng.choice(["spam", "ham", "eggs", "toast"], size=37, p=[0.5, 0.3, 0.15, 0.05]))
    sets.append(rng.rand(15) < 0.4)
    return sets


def main():
    cases = []
    for n in [2, 3, 5, 7, 10, 23, 100]:
        for n_splits in [2, 3, 5, 10]:
            if n_splits > n:
                continue
            cases.append(case("KFold", n, n_splits, False, None))
            for seed in SEEDS:
                cases.append(case("KFold", n, n_splits, True, seed))
    cases.append(case("KFold", 23, 5, True, 42, repeat=True))

    for y in label_sets():
        n = len(y)
        for n_splits in [2, 3, 5, 10]:
            counts = np.unique(y, return_counts=True)[1]
            if n_splits > n or np.all(counts < n_splits):
                continue
            cases.append(case("StratifiedKFold", n, n_splits, False, None, y=y))
            for seed in SEEDS:
                cases.append(case("StratifiedKFold", n, n_splits, True, seed, y=y))
    y = label_sets()[3]
    cases.append(case("StratifiedKFold", len(y), 3, True, 12345, y=y, repeat=True))

    for groups in group_sets():
        n_groups = len(np.unique(groups))
        for n_splits in [2, 3, 5, 10]:
            if n_splits <= n_groups:
                cases.append(group_case(n_splits, groups))

    sizes = [(None, None), (0.2, None), (None, 0.5), (0.3, 0.4), (3, None), (None, 4), (2, 5)]
    for n in [10, 23, 100]:
        for test_size, train_size in sizes:
            for seed in SEEDS:
                cases.append(shuffle_case("ShuffleSplit", n, 4, test_size, train_size, seed))
    cases.append(shuffle_case("ShuffleSplit", 23, 3, 0.25, None, 42, repeat=True))

    for y in label_sets():
        n = len(y)
        for test_size, train_size in [(None, None), (0.25, None), (None, 0.5), (0.3, 0.4), (8, None)]:
            counts = np.unique(y, return_counts=True)[1]
            n_test = test_size if isinstance(test_size, int) else int(np.ceil((test_size or (0.1 if train_size is None else 1 - train_size)) * n))
            n_train = n - n_test if train_size is None else int(np.floor(train_size * n))
            if np.min(counts) < 2 or min(n_test, n_train) < len(counts) or n_test >= n:
                continue
            for seed in SEEDS:
                cases.append(shuffle_case("StratifiedShuffleSplit", n, 3, test_size, train_size, seed, y=y))
    y = label_sets()[4]
    cases.append(shuffle_case("StratifiedShuffleSplit", len(y), 3, 0.25, None, 12345, y=y, repeat=True))

    with open(OUT, "w") as f:
        json.dump({"sklearn": sklearn.__version__, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} cases -> {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
