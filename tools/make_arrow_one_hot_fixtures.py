"""Writes test/arrow/fixtures/one-hot.json: scikit-learn's OneHotEncoder on a small table.

Run by hand: /usr/bin/python3 tools/make_arrow_one_hot_fixtures.py (scikit-learn 1.2.1).
The table mixes a numeric column between two string columns; the categories include upper
and lower case, accents, a fullwidth letter (U+FF5A) and a character beyond U+FFFF (which
UTF-16 order would put before it), so the fixture pins the sort order
(numpy sorts strings by code point). X is the matrix Matrix.fromArrow must write with
oneHot: ['color', 'size'] (each string column replaced in place by its indicators);
X_ignore encodes a second table, holding a category the first did not, with the first
table's categories and handle_unknown='ignore'.
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.preprocessing import OneHotEncoder

train = {
    'color': ['red', 'blue', 'Red', 'élan', 'ｚ', '😀', 'red', 'Zebra', 'blue', 'red'],
    'weight': [1.5, -2.0, 3.25, 0.0, 7.0, -1.0, 2.5, 4.0, 0.5, 9.0],
    'size': ['M', 'S', 'L', 'M', 'XL', 'S', 'M', 'L', 'S', 'M'],
}
test = {
    'color': ['blue', 'green', 'red', '😀'],
    'weight': [1.0, 2.0, 3.0, 4.0],
    'size': ['S', 'M', 'XXL', 'L'],
}
columns = ['color', 'weight', 'size']
categorical = ['color', 'size']


def encode(table, encoder):
    blocks = []
    k = 0
    transformed = encoder.transform(np.array([table[c] for c in categorical], dtype=object).T)
    widths = [len(c) for c in encoder.categories_]
    starts = np.cumsum([0] + widths)
    for name in columns:
        if name in categorical:
            i = categorical.index(name)
            blocks.append(transformed[:, starts[i]:starts[i + 1]])
        else:
            blocks.append(np.array(table[name], dtype=float)[:, None])
        k += 1
    return np.hstack(blocks)


fit = OneHotEncoder(sparse_output=False).fit(np.array([train[c] for c in categorical], dtype=object).T)
ignore = OneHotEncoder(sparse_output=False, handle_unknown='ignore').fit(np.array([train[c] for c in categorical], dtype=object).T)
out = {
    'sklearn': sklearn.__version__,
    'columns': columns,
    'train': train,
    'test': test,
    'categories': {name: [str(c) for c in fit.categories_[i]] for i, name in enumerate(categorical)},
    'featureNamesOut': [str(n) for n in fit.get_feature_names_out(categorical)],
    'X': encode(train, fit).tolist(),
    'X_ignore': encode(test, ignore).tolist(),
}
path = pathlib.Path(__file__).resolve().parent.parent / 'test' / 'arrow' / 'fixtures' / 'one-hot.json'
# One line per row of a matrix, so the file reads as the table it is.
text = json.dumps(out, ensure_ascii=False, indent=1)
for key in ('X', 'X_ignore'):
    rows = ',\n  '.join(json.dumps(row) for row in out[key])
    text = text.replace(json.dumps(out[key], ensure_ascii=False, indent=1).replace('\n', '\n '), f'[\n  {rows}\n ]')
path.write_text(text + '\n', encoding='utf-8')
print(f'wrote {path}')
