import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAnalyzer, type TextAnalyzerOptions, wordTokens } from '../../src/text/analyzer.js';
import { expectError } from '../assertions.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/text/analyzer.json', import.meta.url), 'utf8')) as {
  docs: string[];
  cases: { options: TextAnalyzerOptions; tokens: string[][] }[];
  random: { docs: string[]; cases: { options: TextAnalyzerOptions; tokens: string[][] }[] };
};

describe("buildAnalyzer(where, options) equals scikit-learn 1.2.1's word analyzer", () => {
  for (const c of fixture.cases) {
    it(`gives the same features for every fixture document with ${JSON.stringify(c.options)}`, () => {
      const analyze = buildAnalyzer('test', c.options);
      fixture.docs.forEach((doc, i) => expect(analyze(doc), `document ${i}: ${JSON.stringify(doc)}`).toEqual(c.tokens[i]));
    });
  }
});

describe('buildAnalyzer(where, options) equals scikit-learn on seeded random Unicode documents', () => {
  for (const c of fixture.random.cases) {
    it(`gives the same features for all ${fixture.random.docs.length} random documents with ${JSON.stringify(c.options)}`, () => {
      const analyze = buildAnalyzer('test', c.options);
      fixture.random.docs.forEach((doc, i) => expect(analyze(doc), `document ${i}: ${JSON.stringify(doc)}`).toEqual(c.tokens[i]));
    });
  }
});

describe("wordTokens(text) follows Python's \\w and \\b", () => {
  it('keeps runs of two or more word characters and drops single ones', () => {
    expect(wordTokens('a bb c ddd')).toEqual(['bb', 'ddd']);
  });

  it('counts an astral letter as one character', () => {
    expect(wordTokens('𝐁 𝐁𝐁')).toEqual(['𝐁𝐁']);
  });

  it('splits at combining marks, which are not \\w in Python', () => {
    expect(wordTokens('Cafe\u0301 nai\u0308ve')).toEqual(['Cafe', 'nai', 've']);
  });

  it('treats numbers with a numeric value (½, Ⅻ, ²) and underscores as word characters', () => {
    expect(wordTokens('½½ ⅫⅫ x² __')).toEqual(['½½', 'ⅫⅫ', 'x²', '__']);
  });

  it('does not know letters newer than Unicode 14 (Kawi U+11F04), as Python 3.11 does not', () => {
    expect(wordTokens('\u{11f04}\u{11f05} ok')).toEqual(['ok']);
  });

  it("keeps single word characters with minLength 1, as the token pattern '\\b\\w+\\b' does", () => {
    expect(wordTokens("I'm café-bound, 2 x_1", 1)).toEqual(['I', 'm', 'café', 'bound', '2', 'x_1']);
  });

  it('splits at apostrophes, hyphens and emoji', () => {
    expect(wordTokens("don't co-op ok👍ok")).toEqual(['don', 'co', 'op', 'ok', 'ok']);
  });
});

describe('buildAnalyzer refuses bad options', () => {
  it("throws a RangeError for an analyzer other than 'word', 'char' or 'char_wb'", () => {
    expectError(() => buildAnalyzer('f', { analyzer: 'chars' as 'word' }), RangeError, "f: analyzer must be one of 'word', 'char', 'char_wb', got 'chars'");
  });

  it('throws a TypeError for a lowercase that is not a boolean', () => {
    expectError(() => buildAnalyzer('f', { lowercase: 1 as unknown as boolean }), TypeError, 'f: lowercase must be a boolean, got a number');
  });

  it('throws a TypeError for an ngramRange that is not a pair of numbers', () => {
    expectError(
      () => buildAnalyzer('f', { ngramRange: [1] as unknown as [number, number] }),
      TypeError,
      'f: ngramRange must be an array of two integers [minN, maxN], got an array of length 1',
    );
  });

  it('throws a RangeError for an ngramRange with minN above maxN or below 1', () => {
    expectError(() => buildAnalyzer('f', { ngramRange: [2, 1] }), RangeError, 'f: ngramRange must be integers with 1 ≤ minN ≤ maxN, got [2, 1]');
    expectError(() => buildAnalyzer('f', { ngramRange: [0, 1] }), RangeError, 'f: ngramRange must be integers with 1 ≤ minN ≤ maxN, got [0, 1]');
  });

  it('throws a RangeError for a token pattern it does not implement, listing those it does', () => {
    expectError(
      () => buildAnalyzer('f', { tokenPattern: '(?u)\\b\\w\\w\\w+\\b' }),
      RangeError,
      "f: tokenPattern must be one of '(?u)\\b\\w\\w+\\b', '\\b\\w\\w+\\b', '(?u)\\b\\w+\\b', '\\b\\w+\\b' (patterns with Python's exact \\w semantics), got '(?u)\\b\\w\\w\\w+\\b'",
    );
  });

  it('drops the words of a stop-word list as they are, after lowercasing the document', () => {
    expect(buildAnalyzer('t', { stopWords: ['the', 'The', '__proto__'] })('The __proto__ THE cat')).toEqual(['cat']);
    expect(buildAnalyzer('t', { stopWords: ['The'], lowercase: false })('The the')).toEqual(['the']);
  });

  it("throws a RangeError for a stop-word list other than 'english'", () => {
    expectError(() => buildAnalyzer('f', { stopWords: 'french' as 'english' }), RangeError, "f: stopWords must be one of 'english', got 'french'");
  });
});

describe("buildAnalyzer with analyzer 'char' follows scikit-learn's _char_ngrams", () => {
  it('collapses a run of two or more whitespace characters into one space but keeps a single tab', () => {
    expect(buildAnalyzer('t', { analyzer: 'char' })('a\tb \u2003c')).toEqual(['a', '\t', 'b', ' ', 'c']);
  });

  it("treats U+001C and U+0085 as whitespace, as Python's \\s does", () => {
    expect(buildAnalyzer('t', { analyzer: 'char' })('a\u001c\u0085b')).toEqual(['a', ' ', 'b']);
  });

  it('counts an emoji as one character', () => {
    expect(buildAnalyzer('t', { analyzer: 'char', ngramRange: [2, 2] })('a😀b')).toEqual(['a😀', '😀b']);
  });

  it('ignores stopWords, as scikit-learn does for character analyzers', () => {
    expect(buildAnalyzer('t', { analyzer: 'char', stopWords: 'english' })('the')).toEqual(['t', 'h', 'e']);
  });
});

describe("buildAnalyzer with analyzer 'char_wb' follows scikit-learn's _char_wb_ngrams", () => {
  it('pads each word with one space on each side', () => {
    expect(buildAnalyzer('t', { analyzer: 'char_wb', ngramRange: [2, 2] })('ab  c')).toEqual([' a', 'ab', 'b ', ' c', 'c ']);
  });

  it('takes a padded word shorter than n once and stops at it', () => {
    expect(buildAnalyzer('t', { analyzer: 'char_wb', ngramRange: [4, 6] })('ab')).toEqual([' ab ']);
  });
});
