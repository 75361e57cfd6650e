import { describe, expect, it } from 'vitest';
import { parseSvmlight, parseSvmlightStream, SvmlightParser, type SvmlightData } from '../../src/sparse/svmlight.js';
import { fixture, fixtureText, floats } from './svmlight-fixture.js';

function plain(data: SvmlightData) {
  return {
    rows: data.rows,
    cols: data.cols,
    indptr: Array.from(data.indptr),
    indices: Array.from(data.indices),
    values: Array.from(data.values),
    y: Array.from(data.y),
    qid: data.qid === null ? null : Array.from(data.qid),
  };
}

describe('parseSvmlight(text, options) matches scikit-learn 1.2.1 load_svmlight_file', () => {
  for (const c of fixture.parse) {
    for (const r of c.results) {
      const label = `${c.name} with ${JSON.stringify(r.options)}`;
      if (r.error !== undefined) {
        it(`refuses ${label} with a RangeError, as scikit-learn raises ${r.error.type}`, () => {
          expect(() => parseSvmlight(fixtureText(c.file), r.options)).toThrow(RangeError);
        });
      } else {
        it(`reads ${label}`, () => {
          expect(plain(parseSvmlight(fixtureText(c.file), r.options))).toEqual({
            rows: r.rows,
            cols: r.cols,
            indptr: r.indptr,
            indices: r.indices,
            values: floats(r.values ?? []),
            y: floats(r.y ?? []),
            qid: r.qid,
          });
        });
      }
    }
  }
});

describe('parseSvmlight(text) defaults', () => {
  it('detects one-based indices when no index is 0', () => {
    expect(Array.from(parseSvmlight('1 1:1 3:1\n').indices)).toEqual([0, 2]);
  });

  it('keeps indices zero-based when some line has index 0', () => {
    expect(Array.from(parseSvmlight('1 1:1\n2 0:1\n').indices)).toEqual([1, 0]);
  });

  it('returns qid as null when queryId is not asked for', () => {
    expect(parseSvmlight('1 qid:3 1:1\n').qid).toBeNull();
  });

  it('reads an empty text as 0 rows and 1 column, as scikit-learn does', () => {
    const data = parseSvmlight('');
    expect([data.rows, data.cols, Array.from(data.indptr)]).toEqual([0, 1, [0]]);
  });

  it('reports zeroBased false when auto lowered one-based indices by 1', () => {
    expect(parseSvmlight('1 1:1 3:1\n').zeroBased).toBe(false);
  });

  it('reports zeroBased true when auto found an index 0, or no feature at all', () => {
    expect([parseSvmlight('1 1:1\n2 0:1\n').zeroBased, parseSvmlight('1\n').zeroBased]).toEqual([true, true]);
  });

  it('reports zeroBased as given when it is not auto', () => {
    expect([parseSvmlight('1 1:1\n', { zeroBased: true }).zeroBased, parseSvmlight('1 1:1\n', { zeroBased: false }).zeroBased]).toEqual([true, false]);
  });

  it('returns the nFeatures it was given as cols', () => {
    expect(parseSvmlight('1 1:1\n', { nFeatures: 7 }).cols).toBe(7);
  });
});

describe('SvmlightParser write(chunk) / end()', () => {
  const texts = fixture.parse.filter((c) => !c.name.endsWith('_bad')).map((c) => [c.name, fixtureText(c.file)] as const);

  for (const [name, text] of texts) {
    it(`gives the whole-text result for ${name} fed one character at a time`, () => {
      // qid_not_integer is valid only when qid values are skipped unread.
      const options = { queryId: name !== 'qid_not_integer' };
      const parser = new SvmlightParser(options);
      for (const ch of text) parser.write(ch);
      expect(plain(parser.end())).toEqual(plain(parseSvmlight(text, options)));
    });
  }

  it('reports the same line number as the whole text when the bad line arrives in pieces', () => {
    const parser = new SvmlightParser();
    parser.write('1 1:1\n# c\n2 1');
    expect(() => parser.write(':x\n')).toThrow('SvmlightParser: line 3, column 3: ');
  });

  it('prefixes messages with the name it was given, such as a file name', () => {
    expect(() => new SvmlightParser({}, 'data.svm').write('1 x\n')).toThrow("data.svm: line 1, column 3: expected index:value, got 'x'");
  });

  it('puts the source after the name in messages about the text, not in those about options', () => {
    expect(() => new SvmlightParser({}, 'load', { source: 'a.svm' }).write('1 x\n')).toThrow("load: a.svm: line 1, column 3: expected index:value, got 'x'");
    expect(() => new SvmlightParser({ zeroBased: 'x' as 'auto' }, 'load', { source: 'a.svm' })).toThrow("load: zeroBased must be true, false or 'auto', got 'x'");
  });

  it('refuses NaN and ±Infinity values with finiteValues, which scikit-learn reads', () => {
    const parser = new SvmlightParser({}, 'load', { finiteValues: true });
    expect(() => parser.write('1 1:1 2:-inf\n')).toThrow("load: line 1, column 7: the feature value is -Infinity, in '2:-inf'; a CsrMatrix holds finite values only");
    expect(parseSvmlight('nan 1:inf\n').values[0]).toBe(Infinity);
  });

  it('refuses write() after end()', () => {
    const parser = new SvmlightParser();
    parser.end();
    expect(() => parser.write('1\n')).toThrow(RangeError);
  });

  it('refuses a second end()', () => {
    const parser = new SvmlightParser();
    parser.end();
    expect(() => parser.end()).toThrow('SvmlightParser: end() after end()');
  });

  it('refuses more text after a line that did not parse', () => {
    const parser = new SvmlightParser();
    expect(() => parser.write('1 x\n')).toThrow(RangeError);
    expect(() => parser.write('1 1:1\n')).toThrow('SvmlightParser: write() after an error; start a new parser');
  });
});

describe('parseSvmlightStream(chunks, options)', () => {
  it('reads an async iterable of chunks split inside tokens as the whole text', async () => {
    const text = fixtureText('many_features.svm');
    async function* pieces() {
      for (let k = 0; k < text.length; k += 7) yield text.slice(k, k + 7);
    }
    expect(plain(await parseSvmlightStream(pieces(), { zeroBased: true }))).toEqual(plain(parseSvmlight(text, { zeroBased: true })));
  });

  it('reads a plain array of chunks', async () => {
    expect(Array.from((await parseSvmlightStream(['1 1:', '2\n'])).values)).toEqual([2]);
  });

  it('rejects with the line and column of a bad line', async () => {
    await expect(parseSvmlightStream(['1 1:1\n', '2 a:1\n'])).rejects.toThrow('parseSvmlightStream: line 2, column 3: ');
  });
});
