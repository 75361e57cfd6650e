// Without logreg-wasm/parquet (this file never imports src/parquet/), fromSpark says what
// to install. A file of its own: vitest gives each test file its own modules, so the
// registry here is empty.
import { describe, expect, it } from 'vitest';
import { LogisticRegression } from '../../src/index.js';

describe('LogisticRegression.fromSpark(dir) without logreg-wasm/parquet', () => {
  it('rejects with an Error saying to install hyparquet and import logreg-wasm/parquet', async () => {
    const error = await LogisticRegression.fromSpark('any/dir').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      "LogisticRegression.fromSpark needs the optional entry 'logreg-wasm/parquet', which reads Spark's Parquet files with hyparquet: npm install hyparquet, then import 'logreg-wasm/parquet' once before calling fromSpark",
    );
  });
});
