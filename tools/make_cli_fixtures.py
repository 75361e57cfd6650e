"""Writes the CLI's real-data fixtures (run with Debian's python3-sklearn):

  test/fixtures/cli/breast-cancer.csv   the Wisconsin diagnostic breast cancer data
                                        (569 rows, 30 numeric features, target
                                        'diagnosis': 'benign' or 'malignant')
  test/fixtures/cli/breast-cancer.reference.json
                                        scikit-learn's results for the CLI's default
                                        pipeline on it: train_test_split(test_size=0.2,
                                        random_state=42), StandardScaler fitted on the
                                        training rows, LogisticRegression() (lbfgs, l2, C=1)

Usage: /usr/bin/python3 tools/make_cli_fixtures.py
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer
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
