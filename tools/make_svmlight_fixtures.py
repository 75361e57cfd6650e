"""Reference results for the svmlight reader and writer (src/sparse/svmlight*.ts).

Writes, under test/fixtures/svmlight/:

  <name>.svm      svmlight texts, valid and invalid, odd but legal ones included
                  (tabs, CRLF, vertical tab and form feed, trailing spaces, comments,
                  blank and empty rows, exponent notation, underscores, inf and nan,
                  qid, large indices, no final newline)
  expected.json   for each text and each option combination (zero_based 'auto' /
                  True / False, query_id False / True, some n_features), what
                  scikit-learn's load_svmlight_file returns (CSR arrays, shape, y,
                  qid) or the exception it raises (type and message); and "dumps":
                  matrices with what dump_svmlight_file writes for them and what
                  load_svmlight_file reads back from that text ("readBack"); "gzip":
                  .svm.gz files (gzip, mtime 0) with what load_svmlight_file reads
                  from each path (it decompresses by the name's extension); and
                  "g16": doubles with Python's "%.16g" of each, the number format
                  of every value the writer prints.

Floats that JSON cannot hold are written as the strings "nan", "inf", "-inf"; every
other float by Python's shortest round-trip repr, so it reads back exactly. Nothing
is random: running the script again rewrites the same files.

    /usr/bin/python3 tools/make_svmlight_fixtures.py
"""

import gzip
import io
import json
import math
import os

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.datasets import dump_svmlight_file, load_svmlight_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "svmlight")

# name -> text. Valid texts first; the invalid ones end in _bad.
TEXTS = {
    "basic_one_based": "1 1:0.5 3:2\n-1 2:1.5\n",
    "zero_index": "1 0:0.5 3:2\n0 2:1.5\n",
    "empty": "",
    "labels_only": "1\n2\n-3.5\n",
    "comments_blank_lines": "# header comment\n\n1 1:1 # trailing comment 5:9\n   \n#only\n2 2:2\n",
    "whitespace": "1\t1:1  \t2:2   \n2\r\n3 \x0b3:3\x0c4:4\r\n  \t\n",
    "no_final_newline": "1 1:1\n2 2:2",
    "empty_rows": "1\n2 4:1\n3\n",
    "explicit_zero_values": "1 1:0 2:-0 3:0.0\n",
    "exponents": "1e0 1:1.5e-3 2:2E+10 3:-.5e-300 4:5. 5:+.25 6:1e400 7:4.9e-324 8:1e-400\n",
    "python_float_forms": "1_0 1:1_000.5 2:infinity 3:-INF 4:NaN 5:-nan 6:+inf 7:1e1_0\n",
    "integer_forms": "1 +2:1 003:3 1_0:10\n",
    "large_index": "1 2147483647:1\n",
    "large_index_one_based": "1 1:1 2147483647:2\n",
    "qid": "3 qid:1 1:1 2:2\n2 qid:1 2:3\n1 qid:2 1:4\n",
    "qid_some_lines": "1 qid:7 1:1\n2 2:2\n",
    "qid_not_integer": "1 qid:abc 1:1\n",
    "qid_prefix_only": "1 qidx:5 1:1\n",
    "qid_forms": "1 qid:+5 1:1\n2 qid:-1_0 1:2\n",
    "qid_only": "1 qid:4\n",
    "many_features": "".join(
        "%d %s\n" % (i % 3, " ".join("%d:%r" % (j, (i + 1) * (j + 1) / 7) for j in range(i % 5, 40, 3 + i % 4)))
        for i in range(30)
    ),
    "unsorted_bad": "1 3:1 1:2\n",
    "duplicate_bad": "1 1:1 1:2\n",
    "negative_index_bad": "1 -1:1\n",
    "index_not_integer_bad": "1 1.0:1\n",
    "index_letters_bad": "1 a:1\n",
    "index_empty_bad": "1 :1\n",
    "index_overflow_bad": "1 2147483648:1\n",
    "value_empty_bad": "1 1:\n",
    "value_two_colons_bad": "1 1:2:3\n",
    "value_hex_bad": "1 1:0x10\n",
    "value_double_underscore_bad": "1 1:1__0\n",
    "value_nbsp_bad": "1 1:1\u00a02:3\n",
    "label_bad": "1 1:1\nx 1:1\n",
    "no_colon_bad": "1 1:1\n\n2 1:1 7\n",
    "qid_no_colon_bad": "1 qid 1:1\n",
    "qid_late_bad": "1 1:1 qid:2\n",
    "cr_line_break_bad": "1 1:1\r2 2:2\n",
    "long_token_bad": "1 1:" + "9" * 100 + "x\n",
}


def enc(values):
    out = []
    for v in values:
        v = float(v)
        if math.isnan(v):
            out.append("nan")
        elif math.isinf(v):
            out.append("inf" if v > 0 else "-inf")
        else:
            out.append(v)
    return out


def load(text, options):
    kw = {"zero_based": options["zeroBased"], "query_id": options["queryId"]}
    if options.get("nFeatures") is not None:
        kw["n_features"] = options["nFeatures"]
    try:
        r = load_svmlight_file(io.BytesIO(text.encode("utf-8")), **kw)
    except Exception as e:  # the exception is the reference result
        return {"error": {"type": type(e).__name__, "message": str(e)}}
    return {**csr_args(r[0]), "y": enc(r[1]), "qid": r[2].tolist() if options["queryId"] else None}


def parse_cases():
    cases = []
    for name, text in TEXTS.items():
        with open(os.path.join(OUT, name + ".svm"), "w", encoding="utf-8", newline="") as f:
            f.write(text)
        results = []
        for zero_based in ["auto", True, False]:
            for query_id in [False, True]:
                options = {"zeroBased": zero_based, "queryId": query_id}
                results.append({"options": options, **load(text, options)})
        if name in ("basic_one_based", "zero_index", "empty", "large_index_one_based"):
            for n in [0, 3, 10]:
                options = {"zeroBased": "auto", "queryId": False, "nFeatures": n}
                results.append({"options": options, **load(text, options)})
        cases.append({"name": name, "file": name + ".svm", "results": results})
    return cases


def csr_args(X):
    X = sp.csr_matrix(X)
    return {
        "rows": X.shape[0],
        "cols": X.shape[1],
        "indptr": X.indptr.tolist(),
        "indices": X.indices.tolist(),
        "values": enc(X.data),
    }


def dump(name, X, y, **kw):
    f = io.BytesIO()
    dump_svmlight_file(X, y, f, **kw)
    case = {"name": name, "X": csr_args(X), "y": enc(y), "text": f.getvalue().decode("utf-8")}
    case["zeroBased"] = kw.get("zero_based", True)
    back = load_svmlight_file(io.BytesIO(f.getvalue()), zero_based=case["zeroBased"], n_features=X.shape[1],
                              query_id="query_id" in kw)
    case["readBack"] = {**csr_args(back[0]), "y": enc(back[1]), "qid": back[2].tolist() if "query_id" in kw else None}
    if "comment" in kw:
        case["comment"] = kw["comment"]
    if "query_id" in kw:
        case["queryId"] = [int(q) for q in kw["query_id"]]
    return case


def dump_cases():
    numbers = np.array([
        1.0, -0.0, 1 / 3, 1e16, 1e-5, 1.234567890123456789e17, 0.1, 1234567890123456.5,
        1234567890123457.5, 2.5e-300, 1e15, 9999999999999999.0, 0.0001, 0.00012345,
        123456789.125, -2.5, 5e-324, 1.7976931348623157e308, 0.30000000000000004, 100.0,
        1e21, 123.456e-10, 0.5, 2**53 + 2.0,
    ])
    n = len(numbers)
    wide = sp.csr_matrix((numbers, np.arange(n), [0, n]), shape=(1, n + 2))
    explicit = sp.csr_matrix((np.array([0.0, 2.0]), np.array([0, 2]), np.array([0, 2, 2])), shape=(2, 3))
    unsorted = sp.csr_matrix((np.array([5.0, 6.0, 7.0]), np.array([2, 0, 1]), np.array([0, 3])), shape=(1, 3))
    rng = np.random.RandomState(0)
    dense = rng.standard_normal((6, 8)) * (rng.uniform(size=(6, 8)) < 0.4)
    y_float = np.array([1.5, -0.0, 2.0, 1e-7, 3.0, 1e17])
    return [
        dump("numbers", wide, np.array([1.0])),
        dump("numbers_one_based", wide, np.array([-1.0]), zero_based=False),
        dump("explicit_zero_and_empty_row", explicit, np.array([0.0, 1.0])),
        dump("unsorted_row", unsorted, np.array([2.0])),
        dump("random", sp.csr_matrix(dense), y_float),
        dump("random_one_based_qid", sp.csr_matrix(dense), y_float, zero_based=False, query_id=np.array([3, 3, -1, 0, 2147483647, 5])),
        dump("comment", sp.csr_matrix(dense[:2]), y_float[:2], comment="hello\nworld\r\nthird\rfourth\n\nlast\n"),
        dump("comment_one_based", sp.csr_matrix(dense[:2]), y_float[:2], zero_based=False, comment="naïve – unicode"),
        dump("comment_empty", sp.csr_matrix(dense[:2]), y_float[:2], comment=""),
    ]


def gzip_cases():
    """Gzipped texts, read by load_svmlight_file from their path (it opens *.gz with gzip)."""
    cases = []
    for name in ("basic_one_based", "many_features", "qid"):
        file = name + ".svm.gz"
        with open(os.path.join(OUT, file), "wb") as f:
            f.write(gzip.compress(TEXTS[name].encode("utf-8"), mtime=0))
        r = load_svmlight_file(os.path.join(OUT, file), query_id=True)
        cases.append({"name": name, "file": file, **csr_args(r[0]), "y": enc(r[1]), "qid": r[2].tolist()})
    return cases


def g16_cases():
    """Doubles and Python's "%.16g" of each: random bit patterns (every exponent), short
    decimals, integers near 2**53 and exact ties at the 17th digit (k + 0.5 for 16-digit
    k, and odd multiples of 2**-k), where rounding half to even decides."""
    rng = np.random.RandomState(1)
    bits = rng.randint(0, 2**63 - 1, size=600, dtype=np.int64)
    bits[::2] |= np.int64(-(2**63))  # half of them negative
    random_bits = [v for v in bits.view(np.float64).tolist() if math.isfinite(v)]
    decimals = [float("%d.%0*de%d" % (rng.randint(1, 10), 5, rng.randint(0, 10**5), rng.randint(-30, 30))) for _ in range(300)]
    ints = [float(2**53 + d) for d in range(-6, 7, 2)] + [float(10**k) for k in range(0, 23)]
    ties = [float(k) + 0.5 for k in rng.randint(10**15, 9 * 10**15, size=200, dtype=np.int64).tolist()]
    ties += [float(k) * 2.0**-e for e in range(1, 12) for k in (1, 3, 5, 1234567, 98765431)]
    values = random_bits + decimals + ints + ties + [-x for x in ties[:50]]
    return [[v, "%.16g" % v] for v in values]


def main():
    os.makedirs(OUT, exist_ok=True)
    doc = {
        "sklearn": sklearn.__version__,
        "note": "written by tools/make_svmlight_fixtures.py; do not edit",
        "parse": parse_cases(),
        "dumps": dump_cases(),
        "gzip": gzip_cases(),
        "g16": g16_cases(),
    }
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
