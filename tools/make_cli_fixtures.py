"""Writes the CLI's real-data fixtures (run with Debian's python3-sklearn):

  test/fixtures/cli/breast-cancer.csv   the Wisconsin diagnostic breast cancer data
                                        (569 rows, 30 numeric features, target
                                        'diagnosis': 'benign' or 'malignant')
  test/fixtures/cli/breast-cancer.reference.json
                                        scikit-learn's results for the CLI's default
                                        pipeline on it: train_test_split(test_size=0.2,
                                        random_state=42), StandardScaler fitted on the
                                        training rows, LogisticRegression() (lbfgs, l2, C=1)
  test/fixtures/cli/sparse.svm          an svmlight file (one-based, labels -1/+1, 150
                                        rows, 50 features, a comment and a blank line)
  test/fixtures/cli/sparse-new.svm      rows to predict whose largest index is 30 (read
                                        with the model's 50 features)
  test/fixtures/cli/sparse.reference.json
                                        load_svmlight_file + LogisticRegression on every
                                        row of sparse.svm, polished to the optimum by
                                        Newton steps: coef, intercept, and the
                                        predictions and probabilities of sparse-new.svm
  test/fixtures/cli/reviews.csv         labelled text (id, review, label; cells with
                                        quotes, commas, line breaks and non-ASCII text)
  test/fixtures/cli/reviews-new.csv     reviews to predict (id, review)
  test/fixtures/cli/reviews.reference.json
                                        per vectorizer (TfidfVectorizer(ngram_range=(1, 2)),
                                        HashingVectorizer(n_features=2**10)) +
                                        LogisticRegression on every row of reviews.csv:
                                        feature count, coef, intercept, and the
                                        predictions and probabilities of reviews-new.csv

Usage: /usr/bin/python3 tools/make_cli_fixtures.py
"""
import csv
import io
import json
import os
import random

import numpy as np
import sklearn
from sklearn.datasets import dump_svmlight_file, load_breast_cancer, load_svmlight_file
from sklearn.feature_extraction.text import HashingVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(__file__), '..', 'test', 'fixtures', 'cli')
os.makedirs(OUT, exist_ok=True)

data = load_breast_cancer()
X = data.data
labels = np.array([data.target_names[t] for t in data.target])  # 0 → malignant, 1 → benign

with open(os.path.join(OUT, 'breast-cancer.csv'), 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(list(data.feature_names) + ['diagnosis'])
    for row, label in zip(X, labels):
        w.writerow([repr(float(v)) for v in row] + [label])

X_train, X_test, y_train, y_test = train_test_split(X, labels, test_size=0.2, random_state=42)
scaler = StandardScaler().fit(X_train)
model = LogisticRegression(tol=1e-10, max_iter=10_000).fit(scaler.transform(X_train), y_train)


def scores(Xs, ys):
    Z = scaler.transform(Xs)
    proba = model.predict_proba(Z)
    return {
        'accuracy': accuracy_score(ys, model.predict(Z)),
        'logLoss': log_loss(ys, proba, labels=model.classes_),
        'rocAuc': roc_auc_score(ys == model.classes_[1], proba[:, 1]),
    }


reference = {
    'generator': 'tools/make_cli_fixtures.py',
    'sklearn': sklearn.__version__,
    'numpy': np.__version__,
    'pipeline': 'train_test_split(test_size=0.2, random_state=42); StandardScaler on train; '
                'LogisticRegression(C=1, penalty=l2, solver=lbfgs, tol=1e-10, max_iter=10000)',
    'rows': int(X.shape[0]),
    'features': [str(n) for n in data.feature_names],
    'target': 'diagnosis',
    'classes': [str(c) for c in model.classes_],
    'train': scores(X_train, y_train),
    'test': scores(X_test, y_test),
}
with open(os.path.join(OUT, 'breast-cancer.reference.json'), 'w') as f:
    json.dump(reference, f, indent=2)
    f.write('\n')
print(json.dumps({k: reference[k] for k in ('classes', 'train', 'test')}, indent=2))

# Fits compared with the CLI's (which runs with --test-size 0 --tol 1e-10 --max-iter 10000).
TIGHT = dict(tol=1e-10, max_iter=10_000)


def floats(a):
    return [float(v) for v in np.asarray(a).ravel()]


def polished(model, X, y):
    """The binary model moved onto the exact optimum of its objective by Newton steps.

    scikit-learn's lbfgs stops on its relative-decrease test (ftol 64·eps) well before the
    gradient is below tol; the objective ½‖w‖² + C Σ log(1 + exp(−yᵢ(xᵢ·w + b))) (b not
    penalised) is smooth and strictly convex, so a few Newton steps from there reach its
    optimum to rounding, and the fixture is that optimum, not where lbfgs stopped.
    """
    Xd = np.hstack([X.toarray() if hasattr(X, 'toarray') else X, np.ones((X.shape[0], 1))])
    s = np.where(y == model.classes_[1], 1.0, -1.0)
    C = model.C
    theta = np.append(model.coef_.ravel(), model.intercept_)
    reg = np.ones(theta.size)
    reg[-1] = 0.0
    for _ in range(50):
        z = s * (Xd @ theta)
        p = 1.0 / (1.0 + np.exp(z))  # sigmoid(−z)
        grad = reg * theta - C * Xd.T @ (s * p)
        H = np.diag(reg) + C * (Xd.T * (p * (1 - p))) @ Xd
        step = np.linalg.solve(H, grad)
        theta = theta - step
        if np.max(np.abs(step)) <= 1e-15 * max(1.0, np.max(np.abs(theta))):
            break
    model.coef_ = theta[:-1].reshape(1, -1)
    model.intercept_ = theta[-1:].copy()
    return model


# --- svmlight: a sparse binary problem, labels from a sparse hyperplane ---
rng = np.random.RandomState(13)
rows, cols = 150, 50
dense = np.zeros((rows, cols))
for i in range(rows):
    picked = rng.choice(cols, size=rng.randint(1, 9), replace=False)
    dense[i, picked] = np.round(rng.randn(len(picked)), 3)
dense[7, cols - 1] = 1.5  # the largest index is used
w = np.where(rng.rand(cols) < 0.4, rng.randn(cols), 0.0)
y_sparse = np.where(dense @ w + 0.3 * rng.randn(rows) > 0, 1, -1)
body = io.BytesIO()
dump_svmlight_file(dense, y_sparse, body, zero_based=False)
with open(os.path.join(OUT, 'sparse.svm'), 'wb') as f:
    f.write(b'# 150 rows, 50 features, one-based (tools/make_cli_fixtures.py)\n\n' + body.getvalue())
new = np.zeros((6, 30))
for i in range(6):
    picked = rng.choice(30, size=4, replace=False)
    new[i, picked] = np.round(rng.randn(4), 3)
new[0, 29] = 0.75
body = io.BytesIO()
dump_svmlight_file(new, np.zeros(6), body, zero_based=False)
with open(os.path.join(OUT, 'sparse-new.svm'), 'wb') as f:
    f.write(body.getvalue())

X_svm, y_svm = load_svmlight_file(os.path.join(OUT, 'sparse.svm'))
assert X_svm.shape == (rows, cols)
X_new, _ = load_svmlight_file(os.path.join(OUT, 'sparse-new.svm'), n_features=cols, zero_based=False)
svm_model = polished(LogisticRegression(**TIGHT).fit(X_svm, y_svm), X_svm, y_svm)
sparse_reference = {
    'generator': 'tools/make_cli_fixtures.py',
    'sklearn': sklearn.__version__,
    'fit': 'load_svmlight_file(sparse.svm); LogisticRegression(C=1, penalty=l2, solver=lbfgs, tol=1e-10, max_iter=10000) on every row, then Newton steps to the optimum',
    'rows': rows,
    'nFeatures': cols,
    'classes': floats(svm_model.classes_),
    'coef': floats(svm_model.coef_),
    'intercept': floats(svm_model.intercept_),
    'new': {'predict': floats(svm_model.predict(X_new)), 'proba': [floats(p) for p in svm_model.predict_proba(X_new)]},
}
with open(os.path.join(OUT, 'sparse.reference.json'), 'w') as f:
    json.dump(sparse_reference, f, indent=1)
    f.write('\n')

# --- text: reviews with a label, written as CSV with every quoting case ---
text_rng = random.Random(29)
GOOD = ['great', 'loved', 'superb', 'wonderful', 'excellent', 'charming', 'délicieux', 'très bien', 'fantastisch', 'grün']
BAD = ['awful', 'boring', 'terrible', 'hated', 'waste', 'bland', 'décevant', 'schrecklich', 'mal', 'ужасно']
FILLER = ['the', 'film', 'plot', 'acting', 'was', 'and', 'really', 'a', 'of', 'café', 'naïve', '東京', 'movie', 'story']


def review(good):
    words = [text_rng.choice(FILLER) for _ in range(text_rng.randint(3, 9))]
    for _ in range(text_rng.randint(1, 3)):
        words.insert(text_rng.randint(0, len(words)), text_rng.choice(GOOD if good else BAD))
    if text_rng.random() < 0.15:  # some noise
        words.insert(0, text_rng.choice(BAD if good else GOOD))
    return ' '.join(words)


reviews = []
for i in range(80):
    good = i % 2 == 0
    text = review(good)
    if i % 9 == 0:
        text = f'"{text}," she said, "{text_rng.choice(FILLER)}"'  # quotes and commas
    if i % 11 == 0:
        text = text + '\nSecond line, ' + text_rng.choice(FILLER)  # a line break in the cell
    if i % 13 == 0:
        text = text + ' 😀 Ünïcödé ÇA'
    reviews.append((f'r{i}', text, 'pos' if good else 'neg'))
reviews.append(('r80', 'Great, GREAT; "great"!', 'pos'))
reviews.append(('r81', 'awful\r\nawful, boring', 'neg'))
with open(os.path.join(OUT, 'reviews.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['id', 'review', 'label'])
    w.writerows(reviews)
new_reviews = [('n0', 'loved it, "superb"'), ('n1', 'boring\nand bland'), ('n2', 'グレート café naïve'), ('n3', '')]
with open(os.path.join(OUT, 'reviews-new.csv'), 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['id', 'review'])
    w.writerows(new_reviews)

# What the CLI reads: the cells as Python's csv module parses the files back.
with open(os.path.join(OUT, 'reviews.csv'), newline='', encoding='utf-8') as f:
    read = list(csv.reader(f))[1:]
docs = [r[1] for r in read]
labels_text = [r[2] for r in read]
with open(os.path.join(OUT, 'reviews-new.csv'), newline='', encoding='utf-8') as f:
    new_docs = [r[1] for r in list(csv.reader(f))[1:]]
assert docs == [r[1] for r in reviews] and new_docs == [r[1] for r in new_reviews]

text_reference = {
    'generator': 'tools/make_cli_fixtures.py',
    'sklearn': sklearn.__version__,
    'fit': 'vectorizer fitted on every row of reviews.csv; LogisticRegression(C=1, penalty=l2, solver=lbfgs, tol=1e-10, max_iter=10000), then Newton steps to the optimum',
    'rows': len(docs),
}
for name, vectorizer in [('tfidf-ngram-1-2', TfidfVectorizer(ngram_range=(1, 2))), ('hashing-2^10', HashingVectorizer(n_features=2**10))]:
    Xt = vectorizer.fit_transform(docs)
    m = polished(LogisticRegression(**TIGHT).fit(Xt, np.array(labels_text)), Xt, np.array(labels_text))
    Xn = vectorizer.transform(new_docs)
    text_reference[name] = {
        'nFeatures': int(Xt.shape[1]),
        'classes': [str(c) for c in m.classes_],
        'coef': floats(m.coef_),
        'intercept': floats(m.intercept_),
        'new': {'predict': [str(c) for c in m.predict(Xn)], 'proba': [floats(p) for p in m.predict_proba(Xn)]},
    }
with open(os.path.join(OUT, 'reviews.reference.json'), 'w') as f:
    json.dump(text_reference, f, indent=1, ensure_ascii=False)
    f.write('\n')
