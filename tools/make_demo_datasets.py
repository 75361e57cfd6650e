"""Writes the demo page's built-in datasets (run with Debian's python3-sklearn, 1.2.1):

  demo/datasets/breast-cancer.csv   Breast Cancer Wisconsin (Diagnostic): 569 rows, 30
                                    numeric features, target 'diagnosis' (malignant, benign)
  demo/datasets/iris.csv            Iris: 150 rows, 4 features, target 'species'
                                    (setosa, versicolor, virginica)
  demo/datasets/wine.csv            Wine recognition: 178 rows, 13 features, target
                                    'cultivar' (class_0, class_1, class_2)

Each file: a header of scikit-learn's feature names, then one row per sample, the target
last as the class's name (scikit-learn's target_names[target]); every feature value is
Python's repr of the float64 scikit-learn holds (the shortest text that reads back to the
same double), so the page reads exactly scikit-learn's numbers. Lines end in '\\n'.
breast-cancer.csv is byte for byte test/fixtures/cli/breast-cancer.csv
(tools/make_cli_fixtures.py writes it the same way).

The provenance and licence are in demo/datasets/README.md (written by hand; this script
checks the version it was written for).

Usage: /usr/bin/python3 tools/make_demo_datasets.py
"""
import csv
import os

import sklearn
from sklearn.datasets import load_breast_cancer, load_iris, load_wine

# README.md states this version; another may hold other values or names.
assert sklearn.__version__ == '1.2.1', f'scikit-learn {sklearn.__version__}: README.md describes 1.2.1'

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'demo', 'datasets')
os.makedirs(OUT, exist_ok=True)

DATASETS = [
    ('breast-cancer.csv', load_breast_cancer, 'diagnosis'),
    ('iris.csv', load_iris, 'species'),
    ('wine.csv', load_wine, 'cultivar'),
]

for name, load, target in DATASETS:
    data = load()
    X = data.data
    labels = [str(data.target_names[t]) for t in data.target]
    with open(os.path.join(OUT, name), 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow([str(n) for n in data.feature_names] + [target])
        for row, label in zip(X, labels):
            w.writerow([repr(float(v)) for v in row] + [label])
    counts = {c: labels.count(c) for c in dict.fromkeys(labels)}
    print(f'{name}: {X.shape[0]} rows x {X.shape[1]} features, {target}: {counts}')
