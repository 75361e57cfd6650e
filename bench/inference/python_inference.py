"""The Python side of the inference bench, served to bench/inference/peers.ts.

Started as `python_inference.py`; reads JSON requests on stdin, one per line, and answers each
with one JSON line on stdout:

  {"op": "load", "x": PATH, "y": PATH, "rows": N, "cols": D}
      reads the set (raw little-endian files the bench wrote: float64 X row-major, float64
      labels 0/1) and makes it the current one; answers {"statsmodels", "numpy", "sha256"
      (of X's bytes then y's, as the bench hashes them), "blas" (threadpoolctl's view, or
      null)}.
  {"op": "fit", "threads": T}
      statsmodels' `sm.Logit(y, sm.add_constant(X)).fit(disp=0)` then `str(result.summary())`,
      with numpy's BLAS limited to T threads (threadpoolctl; null: its own default), timed by
      perf_counter around the whole (and around each part). Answers {"ms" (all),
      "ms_fit" (add_constant + Logit + fit), "ms_summary" (summary() and its formatting as
      text), "n_iter" (Newton iterations, mle_retvals), "converged", "params", "bse" (standard
      errors, const first), "llf", "chars" (length of the summary text)}.
  {"op": "quit"}
"""
import os
import sys
import time
import warnings

from contextlib import nullcontext

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ beside the shared script
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from python_serve import load_set, reply, requests  # noqa: E402  (the peers' shared protocol and set loading)


def blas_info():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    keys = ("user_api", "internal_api", "version", "num_threads", "architecture", "threading_layer")
    return [{k: entry.get(k) for k in keys} for entry in threadpool_info()]


def main():
    import statsmodels
    import statsmodels.api as sm

    X = y = None
    for request in requests():
        op = request["op"]
        if op == "load":
            X, y, digest = load_set(request)
            reply({"statsmodels": statsmodels.__version__, "numpy": np.__version__, "sha256": digest, "blas": blas_info()})
        elif op == "fit":
            threads = request.get("threads")
            if threads is None:
                limit = nullcontext()
            else:
                from threadpoolctl import threadpool_limits

                limit = threadpool_limits(limits=int(threads), user_api="blas")
            with limit, warnings.catch_warnings():
                # A perfect-separation or convergence warning would go to stderr; the answer carries "converged".
                warnings.simplefilter("ignore")
                t0 = time.perf_counter()
                result = sm.Logit(y, sm.add_constant(X)).fit(disp=0)
                t1 = time.perf_counter()
                text = str(result.summary())
                t2 = time.perf_counter()
            reply(
                {
                    "ms": (t2 - t0) * 1000,
                    "ms_fit": (t1 - t0) * 1000,
                    "ms_summary": (t2 - t1) * 1000,
                    "n_iter": int(result.mle_retvals["iterations"]),
                    "converged": bool(result.mle_retvals["converged"]),
                    "params": [float(v) for v in result.params],
                    "bse": [float(v) for v in result.bse],
                    "llf": float(result.llf),
                    "chars": len(text),
                }
            )
        else:
            raise SystemExit(f"unknown op {op}")


if __name__ == "__main__":
    main()
