"""Reference data for src/text/count.ts: scikit-learn 1.2.1's CountVectorizer.

Writes test/fixtures/text/count.json: for each option set, fit_transform's feature
names and CSR arrays on a varied Unicode corpus (the one make_text_fixtures.py uses, plus
documents whose words sort differently by code point than by UTF-16 unit, and a seeded
corpus with many tied term counts so max_features' tie rule is exercised past numpy's
16-element insertion-sort cut-off), transform of unseen documents with the fitted
vocabulary, and the ValueError messages scikit-learn raises for pruning everything.

Options use the TypeScript API's names (camelCase); a document frequency given as a
Python float is written {"proportion": p}, an int as a plain number, as count.ts reads
them. The CSR arrays are written in canonical form (X.sort_indices(): scikit-learn's
fit_transform may leave a row's indices unsorted after re-mapping columns; the matrix is
the same). Counts are integers, so they are exact. Running again rewrites the same file.

It also writes test/fixtures/text/count-tfidf.json: TfidfTransformer fit_transform on the
corpus's counts (canonical CSR) and transform of the unseen documents' counts, for every
combination of norm, use_idf, smooth_idf and sublinear_tf, with idf_; and
test/fixtures/text/tfidf-vectorizer.json: TfidfVectorizer fit_transform (feature names, idf_,
CSR) and transform of unseen documents for varied options on the corpus with JavaScript
object names (__proto__, constructor) as words. count.json's vectorizerCases are the
CountVectorizer options only the class takes (a fixed vocabulary as a list or a dict), token
patterns and stop lists, on that corpus.

    /usr/bin/python3 tools/make_count_fixtures.py
"""

import importlib.util
import itertools
import json
import os
import random

import numpy as np
import sklearn
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIXTURES = os.path.join(ROOT, "test", "fixtures", "text")

spec = importlib.util.spec_from_file_location("text_fixtures", os.path.join(ROOT, "tools", "make_text_fixtures.py"))
text_fixtures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(text_fixtures)

# Python sorts str by code point; JavaScript's default sort by UTF-16 unit puts astral
# letters (surrogates D800-DFFF) before U+E000-U+FFFF: fullwidth letters, CJK
# compatibility ideographs and halfwidth katakana are \w and sit there.
ORDER_DOCS = [
    "ｆｕｌｌ 𝐁𝐨𝐥𝐝 豈更 𠀀𠀁 ｶﾀｶﾅ zz ÿÿ",
    "𠀀𠀁 𝐁𝐨𝐥𝐝 𝐁𝐨𝐥𝐝 ｆｕｌｌ ﬀﬀ 𝔉𝔯 aa",
]

# Lone surrogates are code points D800-DFFF to Python: below U+E000, unlike a pair.
SURROGATE_DOCS = ["x\ud800y \U0001F600 \ue000 \ud83d!", "\U0001F600\ud83d"]

UNSEEN = [
    "the quick red fox and an unseen word",
    "",
    "𝐁𝐨𝐥𝐝 ｆｕｌｌ ｆｕｌｌ café CAFÉ",
    "Привет мир мир",
]


# Terms that are special names on JavaScript objects: a vocabulary kept in an object would
# confuse them with inherited properties.
OBJECT_NAME_DOCS = [
    "__proto__ constructor hasOwnProperty toString valueOf __defineGetter__",
    "constructor prototype __proto__ __proto__ isPrototypeOf",
]

# Stop words of one's own (compared with the lowercased tokens as they are).
STOP_LIST = ["the", "The", "and", "__proto__", "constructor", "мир", "world"]


def tie_corpus():
    """Documents drawn from a small word list so hundreds of terms share a count."""
    rng = random.Random(13)
    words = [f"w{i:03d}" for i in range(400)]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(150)]


def argsort_cases():
    """numpy's default argsort of int64 keys: tied keys past the insertion-sort cut-off, and
    organ-pipe orders deep enough for its introsort to fall back to heapsort."""
    rng = random.Random(7)
    keys = [[-rng.randint(1, 4) for _ in range(n)] for n in (2, 16, 17, 18, 40, 300)]
    keys += [[min(i, n - i) for i in range(n)] for n in (256, 1000)]
    keys.append(list(range(0, 1000, 2)) + list(range(999, 0, -2)))
    return [{"keys": k, "order": np.argsort(np.array(k, dtype=np.int64)).tolist()} for k in keys]


def sk_options(options):
    out = {}
    for key, value in options.items():
        if isinstance(value, dict) and "proportion" in value:
            value = float(value["proportion"])
        name = {"minDf": "min_df", "maxDf": "max_df", "maxFeatures": "max_features", "ngramRange": "ngram_range",
                "stopWords": "stop_words", "tokenPattern": "token_pattern", "useIdf": "use_idf",
                "smoothIdf": "smooth_idf", "sublinearTf": "sublinear_tf"}.get(key, key)
        out[name] = tuple(value) if name == "ngram_range" else value
    return out


def csr(X):
    X = X.tocsr().copy()
    X.sort_indices()
    return {"indptr": X.indptr.tolist(), "indices": X.indices.tolist(), "values": X.data.tolist()}


def run(docs, options):
    vectorizer = CountVectorizer(**sk_options(options))
    try:
        X = vectorizer.fit_transform(docs)
    except ValueError as e:
        return {"options": options, "error": str(e)}
    names = vectorizer.get_feature_names_out().tolist()
    assert names == sorted(names)
    return {"options": options, "featureNames": names, **csr(X), "unseen": csr(vectorizer.transform(UNSEEN))}


def vectorizer_case(vectorizer_class, docs, options):
    """fit_transform of a vectorizer class with its feature names, idf_ (for tf-idf), and
    transform of the unseen documents; or the ValueError it raises."""
    vectorizer = vectorizer_class(**sk_options(options))
    try:
        X = vectorizer.fit_transform(docs)
    except ValueError as e:
        return {"options": options, "error": str(e)}
    case = {"options": options, "featureNames": vectorizer.get_feature_names_out().tolist()}
    if hasattr(vectorizer, "idf_"):
        case["idf"] = vectorizer.idf_.tolist()
    return {**case, **csr(X), "unseen": csr(vectorizer.transform(UNSEEN + OBJECT_NAME_DOCS[:1]))}


def main():
    corpus = text_fixtures.CORPUS + ORDER_DOCS
    ties = tie_corpus()
    option_sets = [
        {},
        {"lowercase": False},
        {"binary": True},
        {"ngramRange": [1, 2]},
        {"ngramRange": [2, 3], "stopWords": "english"},
        {"analyzer": "char", "ngramRange": [1, 3]},
        {"analyzer": "char_wb", "ngramRange": [2, 4], "lowercase": False},
        {"minDf": 2},
        {"minDf": 0.1},
        {"minDf": {"proportion": 0}},
        {"maxDf": 1},
        {"maxDf": 3},
        {"maxDf": 0.05},
        {"maxDf": {"proportion": 1}},
        {"minDf": 0.04, "maxDf": 0.3},
        {"maxFeatures": 1},
        {"maxFeatures": 15},
        {"maxFeatures": 40, "binary": True},
        {"maxFeatures": 200, "analyzer": "char", "ngramRange": [1, 2]},
        {"maxFeatures": 10000},
        {"maxFeatures": 30, "minDf": 2, "maxDf": 0.5},
        {"minDf": 40},
        {"minDf": 30},
        {"minDf": 3, "maxDf": 2},
        {"minDf": 0.5, "maxDf": 0.4},
    ]
    tie_sets = [
        {"maxFeatures": 5},
        {"maxFeatures": 17},
        {"maxFeatures": 50},
        {"maxFeatures": 120},
        {"maxFeatures": 300, "binary": True},
        {"maxFeatures": 60, "minDf": 2},
        {"maxFeatures": 399},
    ]
    data = {
        "docs": corpus,
        "unseenDocs": UNSEEN,
        "cases": [run(corpus, o) for o in option_sets],
        "tieDocs": ties,
        "tieCases": [run(ties, o) for o in tie_sets],
        "stopWordsOnly": run(["the and of", "a to"], {"stopWords": "english"}),
        "surrogateOrder": {"docs": SURROGATE_DOCS, **run(SURROGATE_DOCS, {"analyzer": "char", "ngramRange": [1, 2]})},
        "argsort": argsort_cases(),
    }
    # Options only the CountVectorizer class reads (a fixed vocabulary), and the token
    # patterns and stop lists, on the corpus with JavaScript object names added.
    vectorizer_docs = corpus + OBJECT_NAME_DOCS
    data["vectorizerDocs"] = vectorizer_docs
    data["vectorizerUnseenDocs"] = UNSEEN + OBJECT_NAME_DOCS[:1]
    data["vectorizerCases"] = [vectorizer_case(CountVectorizer, vectorizer_docs, o) for o in [
        {},
        {"tokenPattern": r"(?u)\b\w+\b"},
        {"tokenPattern": r"\b\w+\b", "ngramRange": [1, 2], "lowercase": False},
        {"stopWords": STOP_LIST},
        {"stopWords": STOP_LIST, "ngramRange": [1, 3], "binary": True},
        {"vocabulary": ["__proto__", "constructor", "fox", "toString", "tostring", "never-a-token", "мир", "😀"]},
        {"vocabulary": {"constructor": 2, "__proto__": 0, "the": 1}, "binary": True},
        {"vocabulary": ["fox", "the quick", "quick brown fox"], "ngramRange": [1, 3], "minDf": 5, "maxFeatures": 1},
    ]]
    os.makedirs(FIXTURES, exist_ok=True)
    with open(os.path.join(FIXTURES, "count.json"), "w", encoding="utf-8") as f:
        json.dump({"sklearn": sklearn.__version__, **data}, f, ensure_ascii=True, separators=(",", ":"))
        f.write("\n")

    counter = CountVectorizer()
    counts = counter.fit_transform(corpus).tocsr()
    counts.sort_indices()
    unseen = counter.transform(UNSEEN).tocsr()
    unseen.sort_indices()
    tfidf_cases = []
    for norm, use_idf, smooth_idf, sublinear_tf in itertools.product(["l2", "l1", None], [True, False], [True, False], [False, True]):
        transformer = TfidfTransformer(norm=norm, use_idf=use_idf, smooth_idf=smooth_idf, sublinear_tf=sublinear_tf)
        X = transformer.fit_transform(counts.copy())
        tfidf_cases.append({
            "options": {"norm": norm, "useIdf": use_idf, "smoothIdf": smooth_idf, "sublinearTf": sublinear_tf},
            "idf": transformer.idf_.tolist() if use_idf else None,
            **csr(X),
            "unseen": csr(transformer.transform(unseen.copy())),
        })
    tfidf = {"counts": {"rows": counts.shape[0], "cols": counts.shape[1], **csr(counts)},
             "unseenCounts": {"rows": unseen.shape[0], "cols": unseen.shape[1], **csr(unseen)}, "cases": tfidf_cases}
    with open(os.path.join(FIXTURES, "count-tfidf.json"), "w", encoding="utf-8") as f:
        json.dump({"sklearn": sklearn.__version__, **tfidf}, f, ensure_ascii=True, separators=(",", ":"))
        f.write("\n")

    vectorizer_docs = corpus + OBJECT_NAME_DOCS
    tfidf_vectorizer = {
        "docs": vectorizer_docs,
        "unseenDocs": UNSEEN + OBJECT_NAME_DOCS[:1],
        "cases": [vectorizer_case(TfidfVectorizer, vectorizer_docs, o) for o in [
            {},
            {"norm": "l1", "sublinearTf": True},
            {"norm": None, "smoothIdf": False},
            {"useIdf": False},
            {"ngramRange": [1, 2], "minDf": 2, "maxDf": 0.5},
            {"analyzer": "char_wb", "ngramRange": [2, 3], "maxFeatures": 150},
            {"analyzer": "char", "ngramRange": [1, 2], "lowercase": False, "sublinearTf": True},
            {"tokenPattern": r"(?u)\b\w+\b", "stopWords": STOP_LIST, "binary": True},
            {"stopWords": "english", "ngramRange": [1, 2], "maxFeatures": 40},
            {"vocabulary": ["__proto__", "constructor", "fox", "the", "мир", "😀"], "smoothIdf": True},
            {"vocabulary": {"dog": 1, "fox": 0}, "smoothIdf": False},
            {"minDf": 40},
        ]],
    }
    with open(os.path.join(FIXTURES, "tfidf-vectorizer.json"), "w", encoding="utf-8") as f:
        json.dump({"sklearn": sklearn.__version__, **tfidf_vectorizer}, f, ensure_ascii=True, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
