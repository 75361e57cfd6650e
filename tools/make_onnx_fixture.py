"""Builds the ONNX fixtures of test/onnx/fixture.test.ts from scikit-learn.

Fits scikit-learn LogisticRegression models and writes each as an ONNX-ML
LinearClassifier the way skl2onnx lays it out (without needing skl2onnx), using the
onnx helper API, then checks it with onnx.checker. Writes test/fixtures/onnx/NAME.onnx
and NAME.json (rows X, scikit-learn's classes, predict and predict_proba).

Run with Debian's Python: apt-get install -y python3-onnx python3-sklearn, then
/usr/bin/python3 tools/make_onnx_fixture.py
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.datasets import load_breast_cancer, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "onnx")


def build(clf, n_features, zipmap):
    classes = list(clf.classes_)
    coef = np.asarray(clf.coef_, dtype=np.float64)
    intercept = np.asarray(clf.intercept_, dtype=np.float64)
    multinomial = len(classes) > 2 and clf.multi_class != "ovr"
    if len(classes) == 2:
        # skl2onnx: two mirrored rows, so the two sigmoids sum to 1.
        coef = np.vstack([-coef, coef])
        intercept = np.array([-intercept[0], intercept[0]])
    strings = isinstance(classes[0], str)
    label_attr = (
        {"classlabels_strings": [str(c) for c in classes]}
        if strings
        else {"classlabels_ints": [int(c) for c in classes]}
    )
    scores = "scores" if (len(classes) > 2 and not multinomial) else "probability_tensor"
    nodes = [
        helper.make_node(
            "LinearClassifier",
            ["X"],
            ["label", scores],
            domain="ai.onnx.ml",
            name="LinearClassifier",
            coefficients=coef.ravel().tolist(),
            intercepts=intercept.tolist(),
            multi_class=1 if multinomial else 0,
            post_transform="SOFTMAX" if multinomial else "LOGISTIC",
            **label_attr,
        )
    ]
    if scores == "scores":
        nodes.append(helper.make_node("Normalizer", ["scores"], ["probability_tensor"], domain="ai.onnx.ml", norm="L1"))
    label_type = TensorProto.STRING if strings else TensorProto.INT64
    if zipmap:
        zip_attr = {"classlabels_strings": label_attr["classlabels_strings"]} if strings else {"classlabels_int64s": label_attr["classlabels_ints"]}
        nodes.append(helper.make_node("ZipMap", ["probability_tensor"], ["output_probability"], domain="ai.onnx.ml", **zip_attr))
        seq = onnx.TypeProto()
        seq.sequence_type.elem_type.map_type.key_type = label_type
        seq.sequence_type.elem_type.map_type.value_type.tensor_type.elem_type = TensorProto.FLOAT
        proba = helper.make_value_info("output_probability", seq)
    else:
        nodes.append(helper.make_node("Identity", ["probability_tensor"], ["probabilities"]))
        proba = helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, len(classes)])
    graph = helper.make_graph(
        nodes,
        "sklearn_logistic_regression",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, n_features])],
        [helper.make_tensor_value_info("label", label_type, [None]), proba],
    )
    model = helper.make_model(
        graph,
        producer_name="tools/make_onnx_fixture.py",
        opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 1)],
    )
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def write(name, clf, X, zipmap=False):
    X = X.astype(np.float32).astype(np.float64)  # rows exactly representable as float32
    model = build(clf, X.shape[1], zipmap)
    with open(os.path.join(OUT, f"{name}.onnx"), "wb") as f:
        f.write(model.SerializeToString())
    classes = [c.item() if hasattr(c, "item") else c for c in clf.classes_]
    doc = {
        "classes": classes,
        "X": X.tolist(),
        "predict": [c.item() if hasattr(c, "item") else c for c in clf.predict(X)],
        "predictProba": clf.predict_proba(X).tolist(),
    }
    with open(os.path.join(OUT, f"{name}.json"), "w") as f:
        json.dump(doc, f)
    print(f"wrote {name}.onnx and {name}.json")


def main():
    os.makedirs(OUT, exist_ok=True)
    cancer = load_breast_cancer()
    Xc = StandardScaler().fit_transform(cancer.data)
    write("binary", LogisticRegression(max_iter=1000).fit(Xc, cancer.target), Xc[::10])

    iris = load_iris()
    names = np.array(iris.target_names)[iris.target]
    write("multinomial", LogisticRegression(max_iter=1000).fit(iris.data, names), iris.data[::5], zipmap=True)
    write("ovr", LogisticRegression(multi_class="ovr", max_iter=1000).fit(iris.data, iris.target), iris.data[::5])


if __name__ == "__main__":
    main()
