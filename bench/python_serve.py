"""What the bench's long-running Python peers share (inference/python_inference.py,
model-selection/python_cv.py; the TypeScript side is bench/python-peer.ts).

A peer reads JSON requests on stdin, one per line, and answers each with one JSON line on
stdout: `requests()` yields them until {"op": "quit"} (or the end of stdin), `reply(obj)`
answers. `load_set(request)` reads a set the bench wrote as raw little-endian files and
hashes it as the bench does, so the peer can prove it holds the same bytes.

Imported by path: a peer puts this file's folder (bench/) on sys.path, after setting
sys.dont_write_bytecode so no __pycache__ is left in the tree.
"""
import hashlib
import json
import sys

import numpy as np


def reply(obj):
    """Writes `obj` as one JSON line on stdout and flushes it (the bench waits for the line)."""
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def requests():
    """Yields each request (a dict with an "op") from stdin, until {"op": "quit"} or the end of stdin."""
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "quit":
            return
        yield request


def raw(path, dtype):
    """A raw file as a 1-d array of `dtype` ("<f8", "<i4": little-endian as the bench writes them)."""
    return np.fromfile(path, dtype=dtype)


def load_set(request):
    """The set a `load` request names, and its SHA-256 as the bench computes it.

    `request`: {"rows": N, "cols": D, "y": PATH} and either {"x": PATH} (dense float64 X,
    row-major; "kind" "dense" or absent) or {"kind": "csr", "indptr": PATH, "indices": PATH,
    "values": PATH} (int32, int32, float64). y holds float64 labels 0/1.
    Returns (X, y, sha256 hex digest): X an (N, D) ndarray or scipy CSR matrix; the digest is
    over X's bytes (dense) or indptr's, indices' and values' (CSR), then y's.
    """
    rows, cols = int(request["rows"]), int(request["cols"])
    y = raw(request["y"], "<f8")
    h = hashlib.sha256()
    if request.get("kind", "dense") == "dense":
        X = raw(request["x"], "<f8").reshape(rows, cols)
        h.update(X.tobytes())
    else:
        import scipy.sparse

        indptr, indices, values = raw(request["indptr"], "<i4"), raw(request["indices"], "<i4"), raw(request["values"], "<f8")
        X = scipy.sparse.csr_matrix((values, indices, indptr), shape=(rows, cols))
        for array in (indptr, indices, values):
            h.update(array.tobytes())
    h.update(y.tobytes())
    assert y.shape == (rows,)
    return X, y, h.hexdigest()
