"""Reference data for the text features (src/text/), from scikit-learn 1.2.1 and the
Python that runs it.

Writes two kinds of output:

  src/text/python-unicode.ts   Python's own Unicode tables, as data: the code points its
                               `re` module's \\w matches (str.isalnum() or '_'), str.lower()'s
                               mapping, and the Cased / Case_Ignorable properties its
                               final-sigma rule reads. Python's Unicode version (14.0 for
                               Python 3.11) is not Node's, so these come from Python itself.
  src/text/english-stop-words.ts
                               sklearn.feature_extraction.text.ENGLISH_STOP_WORDS.
  test/fixtures/text/*.json    murmurhash.json (sklearn.utils.murmurhash3_32),
                               analyzer.json (HashingVectorizer.build_analyzer() output),
                               lower.json (str.lower()), hashing.json
                               (HashingVectorizer.transform as CSR arrays).

Cases use the TypeScript API's option names (camelCase). Floats are written with Python's
shortest round-trip repr, so they read back exactly. Running the script again rewrites the
same files.

    /usr/bin/python3 tools/make_text_fixtures.py
"""

import ctypes
import itertools
import json
import os
import random
import re
import string

import numpy as np
import sklearn
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer
from sklearn.utils import murmurhash3_32

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
FIXTURES = os.path.join(ROOT, "test", "fixtures", "text")
SRC = os.path.join(ROOT, "src", "text")

# A varied corpus: several scripts, punctuation, numbers, underscores, apostrophes,
# emoji, combining marks, mixed case, characters newer than Python's Unicode version,
# whitespace of every kind, and empty or token-free documents.
CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "",
    "   ",
    "a b c d e",
    "I'm sure it's John's car; isn't it? We'll see...",
    "snake_case and __dunder__ names, x_1 and _ alone",
    "Numbers: 42, 3.14159, 1e10, 0x1F, 2nd place, 10,000 people",
    "Café naïve résumé coöperate ÉLAN Ångström",
    "Cafe\u0301 nai\u0308ve: combining marks split words in Python's \\w",
    "Straße STRASSE Maß ǅemal ǲ ﬁnance ﬀ",
    "ΟΔΟΣ Σοφία ΣΙΣΥΦΟΣ ΣΑ Σ. αΣ' ΑΣ1 Σ",
    "Привет, мир! Съешь же ещё этих мягких французских булок",
    "東京は日本の首都です。北京 上海 東京タワー",
    "한국어 텍스트와 English mixed 텍스트",
    "مرحبا بالعالم، هذا نص عربي",
    "שלום עולם זה טקסט בעברית",
    "हिन्दी में पाठ, देवनागरी लिपि",
    "ภาษาไทยไม่มีช่องว่างระหว่างคำ",
    "Emoji 😀😀 party 🎉🎉 family 👨‍👩‍👧 flags 🇫🇷🇯🇵 ok👍ok",
    "İstanbul ISTANBUL ıi Iı Diyarbakır",
    "Roman Ⅻ ⅷ and fractions ½ ¾ and digits ٣٤ ४२ ①② ²³",
    "tab\tseparated\nnew line\r\nwindows\u00a0nbsp\u2003em\u3000ideographic",
    "Rams horn \ua7cb\ua7cb and Kawi \U00011f04\U00011f05 are newer than Unicode 14",
    "the and of to a in is it you that he was for on are with as",
    "Hello HELLO hello HeLLo hello world world World",
    "don't won't can't shouldn't y'all o'clock rock'n'roll",
    "e-mail co-operate state-of-the-art well-known",
    "user@example.com https://example.org/path?q=1&r=two #hashtag @mention",
    "𝐁𝐨𝐥𝐝 𝔉𝔯𝔞𝔨𝔱𝔲𝔯 ｆｕｌｌｗｉｄｔｈ ＡＢＣ",
    "!!! ??? ... --- ,,, ;;;",
    "x y z 1 2 3 ab cd",
    "repeated repeated repeated repeated words words",
    "one\ttab, two\t\ttabs,  two spaces\x1c\x1dseparators\x85next \ufeffbom\u200bzwsp  ",
    " a ",
]

# Documents with lone surrogates: the word analyzer never keeps one in a token, so
# scikit-learn hashes them; the char analyzers put them in n-grams, which Python cannot
# encode as UTF-8 (UnicodeEncodeError).
SURROGATE_DOCS = ["lone \ud800 surrogate", "x\udfff\ud800y words here"]


def code_point_ranges(predicate):
    """[start, end] pairs (inclusive) of the code points where predicate holds."""
    out, start = [], None
    for c in range(0x110000):
        ok = predicate(c)
        if ok and start is None:
            start = c
        elif not ok and start is not None:
            out.append((start, c - 1))
            start = None
    if start is not None:
        out.append((start, 0x10FFFF))
    return out


def delta_text(values, indent="  "):
    """The values as the hex differences of consecutive values (the first from 0), cut into
    lines of a JS string concatenation: about a quarter of the decimal list's gzipped size."""
    pieces, previous = [], 0
    for v in values:
        d = v - previous
        pieces.append(format(d, "x") if d >= 0 else "-" + format(-d, "x"))
        previous = v
    lines, line = [], ""
    for piece in pieces:
        if len(line) + len(piece) + 1 > 90:
            lines.append(line)
            line = ""
        line += piece + ","
    lines.append(line.rstrip(","))
    return "\n".join(f"{indent}'{l}' +" if i < len(lines) - 1 else f"{indent}'{l}'" for i, l in enumerate(lines))


def write_unicode_tables():
    word = re.compile(r"\w")
    is_cased = ctypes.pythonapi._PyUnicode_IsCased
    is_case_ignorable = ctypes.pythonapi._PyUnicode_IsCaseIgnorable
    word_ranges = code_point_ranges(lambda c: word.match(chr(c)) is not None)
    space = re.compile(r"\s")
    space_ranges = code_point_ranges(lambda c: space.match(chr(c)) is not None)
    # re's \s and str.split() must agree, for the char_wb analyzer uses both.
    assert space_ranges == code_point_ranges(lambda c: chr(c).isspace())
    cased = code_point_ranges(lambda c: is_cased(c) != 0)
    ignorable = code_point_ranges(lambda c: is_case_ignorable(c) != 0)
    lower_single, lower_multi = [], []
    for c in range(0x110000):
        if c == 0x3A3:
            continue  # capital sigma: its lowercase depends on context (final sigma)
        low = chr(c).lower() if not 0xD800 <= c <= 0xDFFF else chr(c)
        if low == chr(c):
            continue
        if len(low) == 1:
            lower_single += [c, ord(low)]
        else:
            lower_multi.append((c, [ord(x) for x in low]))

    def flat(ranges):
        return [v for r in ranges for v in r]

    multi = ", ".join(f"[{c}, [{', '.join(str(x) for x in low)}]]" for c, low in lower_multi)
    text = f"""/**
 * Python {sys_version()}'s Unicode tables (Unicode {unidata_version()}), as data: generated by
 * tools/make_text_fixtures.py; do not edit. scikit-learn's text features run on Python's
 * `re` and `str.lower()`, whose Unicode version is not the JavaScript engine's, so the
 * tables come from Python itself rather than from `\\p{{…}}` classes or `toLowerCase()`.
 * Ranges are flat [start, end, start, end, …] pairs of code points, inclusive, ascending.
 * Each table is written as the hex differences of its consecutive values, a quarter of the
 * decimal list's size once gzipped (the library's bundle carries it).
 * @module
 */

/** The numbers whose consecutive differences (the first from 0) `text` lists in hex, comma-separated. */
function fromDeltas(text: string): readonly number[] {{
  let value = 0;
  return text.split(',').map((delta) => (value += parseInt(delta, 16)));
}}

/** Code points `re`'s `\\w` matches in a str pattern: `str.isalnum()` or `'_'`. */
export const WORD_RANGES: readonly number[] = fromDeltas(
{delta_text(flat(word_ranges))},
);

/** Code points `re`'s `\\s` matches in a str pattern, which are those `str.isspace()` accepts. */
export const SPACE_RANGES: readonly number[] = fromDeltas(
{delta_text(flat(space_ranges))},
);

/** Code points with the Unicode property Cased (read by the final-sigma rule). */
export const CASED_RANGES: readonly number[] = fromDeltas(
{delta_text(flat(cased))},
);

/** Code points with the Unicode property Case_Ignorable (read by the final-sigma rule). */
export const CASE_IGNORABLE_RANGES: readonly number[] = fromDeltas(
{delta_text(flat(ignorable))},
);

/**
 * `str.lower()` of each code point that lowercases to one other code point, as flat
 * [from, to, from, to, …] pairs; U+03A3 (capital sigma) is left to the final-sigma rule.
 */
export const LOWER_SINGLE: readonly number[] = fromDeltas(
{delta_text(lower_single)},
);

/** Code points whose `str.lower()` is several code points: [from, [to…]]. */
export const LOWER_MULTI: readonly (readonly [number, readonly number[]])[] = [{multi}];
"""
    with open(os.path.join(SRC, "python-unicode.ts"), "w", encoding="utf-8") as f:
        f.write(text)


def sys_version():
    import platform

    return platform.python_version()


def unidata_version():
    import unicodedata

    return unicodedata.unidata_version


def write_stop_words():
    words = sorted(ENGLISH_STOP_WORDS)
    body = "\n".join(f"  '{w}'," for w in words)
    text = f"""/**
 * scikit-learn's English stop words (`sklearn.feature_extraction.text.ENGLISH_STOP_WORDS`,
 * scikit-learn {sklearn.__version__}), used by `stopWords: 'english'`; generated by
 * tools/make_text_fixtures.py; do not edit.
 *
 * The list is data from scikit-learn, BSD-3-Clause licence, Copyright (c) 2007-2022 The
 * scikit-learn developers; scikit-learn took it from the Glasgow Information Retrieval
 * Group (http://ir.dcs.gla.ac.uk/resources/linguistic_utils/stop_words).
 * @module
 */

/** The {len(words)} words, sorted. */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
{body}
]);
"""
    with open(os.path.join(SRC, "english-stop-words.ts"), "w", encoding="utf-8") as f:
        f.write(text)


def murmur_cases():
    rng = random.Random(13)
    strings = [
        "", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh",
        "hello", "Hello", "hello world", "the", "foo bar baz",
        "é", "ñ", "€", "中", "文字", "日本語のテキスト", "😀", "👨‍👩‍👧", "🇫🇷",
        "e\u0301", "a\u0308\u0301", "\u0000", "\u0000\u0000", "\u007f\u0080",
        "\uffff", "\U0010ffff", "\U00011f04",
        "The quick brown fox jumps over the lazy dog",
        "x" * 1000, "ab" * 333 + "c", "é" * 101,
    ] + CORPUS
    for length in range(0, 40):
        strings.append("".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0xA0, 0x800),
                                                rng.randrange(0x800, 0xD800), rng.randrange(0x10000, 0x110000)]))
                               for _ in range(length)))
    seeds = [0, 1, 42, 2**31 - 1, 2**31, 2**32 - 1]
    cases = []
    for s in strings:
        cases.append({"key": s, "seed": 0, "hash": murmurhash3_32(s, seed=0)})
    for s in strings[:30]:
        for seed in seeds[1:]:
            cases.append({"key": s, "seed": seed, "hash": murmurhash3_32(s, seed=seed)})
    byte_cases = []
    for length in list(range(0, 17)) + [31, 64, 255]:
        b = bytes(rng.randrange(256) for _ in range(length))
        for seed in (0, 7, 2**32 - 1):
            byte_cases.append({"bytes": list(b), "seed": seed, "hash": murmurhash3_32(b, seed=seed)})
    surrogates = []
    for s in ["\ud800", "a\udfffb", "\udc00\ud800"]:
        try:
            murmurhash3_32(s)
            raise SystemExit("scikit-learn hashed a lone surrogate; the TS side refuses them")
        except UnicodeEncodeError as e:
            surrogates.append({"key": s, "pythonError": str(e)})
    return {"strings": cases, "bytes": byte_cases, "loneSurrogates": surrogates}


def token_with_hash(target, length=8):
    """An ASCII lowercase token of 8 letters whose murmurhash3_32 is `target`, found by
    inverting MurmurHash3's finalizer and block mixing (each step is a bijection on 32 bits):
    for each choice of the last 4 letters, solve for the first block and keep it when its
    bytes are letters too. Used for -2**31, the one hash whose abs() overflows int32."""
    mask, c1, c2, add = 0xFFFFFFFF, 0xCC9E2D51, 0x1B873593, 0xE6546B64

    def inv(a):
        return pow(a, -1, 1 << 32)

    def rotr(x, r):
        return ((x >> r) | (x << (32 - r))) & mask

    def unshift(y, s):
        x = y
        for _ in range(32 // s + 1):
            x = y ^ (x >> s)
        return x

    h = unshift(target & mask, 16)
    h = unshift((h * inv(0xC2B2AE35)) & mask, 13)
    h = unshift((h * inv(0x85EBCA6B)) & mask, 16) ^ length
    for tail in itertools.product(string.ascii_lowercase, repeat=4):
        last = "".join(tail).encode()
        k = (int.from_bytes(last, "little") * c1) & mask
        k = (((k << 15) | (k >> 17)) & mask) * c2 & mask
        h1 = rotr(((h - add) * inv(5)) & mask, 13) ^ k
        k1 = rotr(((h1 - add) * inv(5)) & mask, 13)
        first = ((rotr((k1 * inv(c2)) & mask, 15) * inv(c1)) & mask).to_bytes(4, "little")
        if all(0x61 <= b <= 0x7A for b in first):
            token = (first + last).decode()
            assert murmurhash3_32(token) == target
            return token
    raise SystemExit(f"no 8-letter token hashes to {target}")


def camel_options(o):
    names = {"n_features": "nFeatures", "alternate_sign": "alternateSign", "norm": "norm",
             "binary": "binary", "lowercase": "lowercase", "ngram_range": "ngramRange",
             "stop_words": "stopWords", "analyzer": "analyzer", "token_pattern": "tokenPattern",
             "dtype": "dtype"}
    out = {}
    for k, v in o.items():
        if isinstance(v, tuple):
            v = list(v)
        elif isinstance(v, type):
            v = v.__name__
        out[names[k]] = v
    return out


# Stop words of one's own: compared with the lowercased tokens as they are (so "The"
# never matches), names that are special to JavaScript objects, and a non-ASCII word.
STOP_LIST = ["the", "The", "and", "__proto__", "constructor", "toString", "мир", "world"]


ANALYZER_OPTIONS = [
    {},
    {"lowercase": False},
    {"ngram_range": (1, 2)},
    {"ngram_range": (2, 3)},
    {"ngram_range": (1, 3), "stop_words": "english"},
    {"stop_words": "english"},
    {"stop_words": "english", "lowercase": False},
    {"ngram_range": (3, 3)},
    {"token_pattern": r"(?u)\b\w+\b"},
    {"token_pattern": r"\b\w+\b", "ngram_range": (1, 2), "lowercase": False},
    {"stop_words": STOP_LIST, "ngram_range": (1, 2)},
    {"analyzer": "char"},
    {"analyzer": "char", "ngram_range": (2, 4)},
    {"analyzer": "char", "ngram_range": (1, 3), "lowercase": False},
    {"analyzer": "char", "ngram_range": (3, 5)},
    {"analyzer": "char_wb"},
    {"analyzer": "char_wb", "ngram_range": (2, 4)},
    {"analyzer": "char_wb", "ngram_range": (1, 3), "lowercase": False},
    {"analyzer": "char_wb", "ngram_range": (3, 6)},
]

HASHING_OPTIONS = [
    {},
    {"n_features": 2**18},
    {"n_features": 16},
    {"n_features": 16, "alternate_sign": False},
    {"n_features": 16, "binary": True},
    {"n_features": 16, "binary": True, "norm": None},
    {"n_features": 7, "norm": "l1"},
    {"n_features": 1},
    {"n_features": 2**31 - 1, "norm": None},
    {"norm": None},
    {"norm": "l1", "alternate_sign": False},
    {"binary": True, "alternate_sign": False},
    {"lowercase": False},
    {"ngram_range": (1, 2)},
    {"ngram_range": (2, 3), "n_features": 64},
    {"ngram_range": (1, 3), "stop_words": "english"},
    {"stop_words": "english", "n_features": 32, "norm": None},
    {"analyzer": "char", "ngram_range": (1, 3)},
    {"analyzer": "char", "ngram_range": (2, 2), "n_features": 64, "norm": None},
    {"analyzer": "char_wb", "ngram_range": (2, 4)},
    {"analyzer": "char_wb", "ngram_range": (3, 5), "norm": "l1", "binary": True},
    {"token_pattern": r"(?u)\b\w+\b", "n_features": 64},
    {"token_pattern": r"\b\w+\b", "ngram_range": (1, 3), "stop_words": STOP_LIST},
    {"stop_words": STOP_LIST, "n_features": 32, "norm": None},
]

# Options only the HashingVectorizer class takes (the output dtype): float32 values are
# scikit-learn's float64 quotients rounded once, which the class reproduces bit for bit.
VECTORIZER_OPTIONS = [
    {"dtype": np.float32},
    {"dtype": np.float32, "norm": "l1", "n_features": 64},
    {"dtype": np.float32, "analyzer": "char_wb", "ngram_range": (2, 4), "alternate_sign": False},
    {"dtype": np.float64, "ngram_range": (1, 2)},
]


def random_docs(count=120, seed=2023):
    """Seeded random documents that stress the Unicode rules: Greek capitals and sigma
    beside case-ignorable marks, every whitespace, combining marks, numbers of all kinds,
    letters newer than Unicode 14, and code points drawn from the whole range (no
    surrogates, which the char analyzers refuse)."""
    rng = random.Random(seed)
    pools = [
        "ΣΣΣΑΒΓΔσςαβ'.\u0301\u0345·",
        "abcXYZ_019 ",
        " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u202f\u205f\u3000\ufeff\u200b",
        "\u0300\u0308\u0345\u20dd\u093f\u0e31",
        "½Ⅻ²٣४①〇𝟘",
        "İIıiẞßǅǈǋ\ua7cb\U00011f04\U0001e030",
        "😀👍🏽\u200d🇫",
    ]
    docs = []
    for _ in range(count):
        chars = []
        for _ in range(rng.randrange(0, 40)):
            if rng.random() < 0.15:
                c = rng.randrange(0x110000)
                while 0xD800 <= c <= 0xDFFF:
                    c = rng.randrange(0x110000)
                chars.append(chr(c))
            else:
                chars.append(rng.choice(rng.choice(pools)))
        docs.append("".join(chars))
    return docs


RANDOM_OPTIONS = [
    {},
    {"token_pattern": r"(?u)\b\w+\b", "ngram_range": (1, 2)},
    {"lowercase": False, "ngram_range": (1, 2)},
    {"analyzer": "char", "ngram_range": (1, 2)},
    {"analyzer": "char_wb", "ngram_range": (2, 3)},
]


def analyzer_cases():
    cases = []
    for o in ANALYZER_OPTIONS:
        analyze = HashingVectorizer(**o).build_analyzer()
        cases.append({"options": camel_options(o), "tokens": [analyze(d) for d in CORPUS]})
    docs = random_docs()
    random_cases = []
    for o in RANDOM_OPTIONS:
        analyze = HashingVectorizer(**o).build_analyzer()
        random_cases.append({"options": camel_options(o), "tokens": [analyze(d) for d in docs]})
    return {"docs": CORPUS, "cases": cases, "random": {"docs": docs, "cases": random_cases}}


def lower_cases():
    strings = ["ΟΔΟΣ", "Σ", "ΑΣ", "ΑΣ1", "ΑΣ'", "Α'Σ", "ΑΣ'Β", "ΣΑ", "Α.Σ", "αΣ\u0301", "ΑΣ\u0301Β",
               "İ", "İstanbul", "I", "ẞ", "ǅ", "Ⅻ", "Ａ", "𝐁", "\ua7cb", "\U00010400", "ΌΣΟΣ ΣΟΦΟΣ", "Σ Σ Σ",
               "ÀÉÎÕÜ", "ÆØÅ"] + CORPUS
    strings += random_docs()
    return [{"text": s, "lower": s.lower()} for s in strings]


def hashing_cases():
    cases = []
    for o in HASHING_OPTIONS:
        X = HashingVectorizer(**o).transform(CORPUS)
        assert X.has_canonical_format
        cases.append({
            "options": camel_options(o),
            "indptr": X.indptr.tolist(),
            "indices": X.indices.tolist(),
            "values": X.data.tolist(),
        })
    surrogates = {"docs": SURROGATE_DOCS, "word": None, "charErrors": []}
    X = HashingVectorizer().transform(SURROGATE_DOCS)
    surrogates["word"] = {"indptr": X.indptr.tolist(), "indices": X.indices.tolist(), "values": X.data.tolist()}
    for analyzer in ("char", "char_wb"):
        try:
            HashingVectorizer(analyzer=analyzer).transform(SURROGATE_DOCS)
            raise SystemExit("scikit-learn hashed a lone surrogate; the TS side refuses them")
        except UnicodeEncodeError as e:
            surrogates["charErrors"].append({"analyzer": analyzer, "pythonError": str(e)})
    # The token whose hash is -2**31 gets column (2**31 - 1 - (nFeatures - 1)) % nFeatures.
    token = token_with_hash(-(2**31))
    min_hash = {"token": token, "docs": [token, f"{token} other {token} words"], "cases": []}
    for o in ({"n_features": 2**20}, {"n_features": 7, "norm": None}, {"n_features": 1000, "norm": None},
              {"n_features": 2**31 - 1, "norm": None, "alternate_sign": False}):
        X = HashingVectorizer(**o).transform(min_hash["docs"])
        min_hash["cases"].append({"options": camel_options(o), "indptr": X.indptr.tolist(),
                                  "indices": X.indices.tolist(), "values": X.data.tolist()})
    vectorizer_cases = []
    for o in VECTORIZER_OPTIONS:
        X = HashingVectorizer(**o).transform(CORPUS)
        assert X.has_canonical_format and X.dtype == o["dtype"]
        vectorizer_cases.append({"options": camel_options(o), "indptr": X.indptr.tolist(),
                                 "indices": X.indices.tolist(), "values": X.data.tolist()})
    return {"docs": CORPUS, "cases": cases, "surrogates": surrogates, "minHash": min_hash,
            "vectorizerCases": vectorizer_cases}


def dump(name, data):
    with open(os.path.join(FIXTURES, name), "w", encoding="utf-8") as f:
        json.dump({"sklearn": sklearn.__version__, **data}, f, ensure_ascii=True, separators=(",", ":"))
        f.write("\n")


def main():
    os.makedirs(FIXTURES, exist_ok=True)
    write_unicode_tables()
    write_stop_words()
    dump("murmurhash.json", murmur_cases())
    dump("analyzer.json", analyzer_cases())
    dump("lower.json", {"cases": lower_cases()})
    dump("hashing.json", hashing_cases())


if __name__ == "__main__":
    main()
