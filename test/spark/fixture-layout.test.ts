// The fixtures of test/fixtures/spark/ are laid out as Spark writes a model (what
// tools/make_spark_fixtures.ts takes from Spark's source): one JSON metadata line with
// DefaultParamsWriter's fields in its order, the data row's columns and struct fields under
// Spark's names and types, three-level lists, Spark's key-value metadata, and Hadoop's .crc
// files that match what they guard.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { parquetMetadata, type SchemaElement } from 'hyparquet';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../fixtures/spark/', import.meta.url));

function dataFile(name: string): ArrayBuffer {
  const dir = join(ROOT, name, 'data');
  const file = readdirSync(dir).find((entry) => entry.startsWith('part-') && entry.endsWith('.parquet')) as string;
  expect(file).toMatch(/^part-00000-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}-c000\.(snappy|zstd)\.parquet$/);
  const bytes = readFileSync(join(dir, file));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Schema elements as `path: TYPE/annotation/repetition` lines (the root first). */
function schemaLines(schema: SchemaElement[]): string[] {
  const lines: string[] = [];
  let index = 0;
  // parent: null for the root, '' for the root's children, else the parent's path.
  const walk = (parent: string | null): void => {
    const element = schema[index++] as SchemaElement;
    const path = parent === null || parent === '' ? element.name : `${parent}.${element.name}`;
    const logical = element.logical_type as { type: string; bitWidth?: number; isSigned?: boolean } | undefined;
    const annotation = logical?.type === 'INTEGER' ? `INTEGER(${logical.bitWidth},${logical.isSigned})` : (element.converted_type ?? '');
    lines.push(`${path}: ${element.type ?? 'group'}/${annotation}/${element.repetition_type ?? ''}`);
    for (let k = 0; k < (element.num_children ?? 0); k++) walk(parent === null ? '' : path);
  };
  walk(null);
  return lines;
}

describe('the Spark-layout fixtures', () => {
  it("write the metadata as one JSON line with DefaultParamsWriter's fields in its order", () => {
    const text = readFileSync(join(ROOT, 'binomial-dense', 'metadata', 'part-00000'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().includes('\n')).toBe(false);
    const metadata = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(metadata)).toEqual(['class', 'timestamp', 'sparkVersion', 'uid', 'paramMap', 'defaultParamMap']);
    expect(metadata['uid']).toMatch(/^logreg_[0-9a-f]{12}$/);
    expect(text).toContain('"tol":1.0E-6');
  });

  it("give the data row Spark's columns and struct fields, tinyint as INT32 INT_8 and three-level lists (DuckDB-written)", () => {
    const lines = schemaLines(parquetMetadata(dataFile('binomial-dense')).schema);
    expect(lines.slice(1).map((line) => line.split(':')[0])).toEqual([
      'numClasses',
      'numFeatures',
      'interceptVector',
      'interceptVector.type',
      'interceptVector.size',
      'interceptVector.indices',
      'interceptVector.indices.list',
      'interceptVector.indices.list.element',
      'interceptVector.values',
      'interceptVector.values.list',
      'interceptVector.values.list.element',
      'coefficientMatrix',
      'coefficientMatrix.type',
      'coefficientMatrix.numRows',
      'coefficientMatrix.numCols',
      'coefficientMatrix.colPtrs',
      'coefficientMatrix.colPtrs.list',
      'coefficientMatrix.colPtrs.list.element',
      'coefficientMatrix.rowIndices',
      'coefficientMatrix.rowIndices.list',
      'coefficientMatrix.rowIndices.list.element',
      'coefficientMatrix.values',
      'coefficientMatrix.values.list',
      'coefficientMatrix.values.list.element',
      'coefficientMatrix.isTransposed',
      'isMultinomial',
    ]);
    expect(lines).toContain('interceptVector.type: INT32/INT_8/OPTIONAL');
    expect(lines).toContain('coefficientMatrix.values.list: group//REPEATED');
    expect(lines).toContain('coefficientMatrix.values.list.element: DOUBLE//OPTIONAL');
    expect(lines).toContain('isMultinomial: BOOLEAN//OPTIONAL');
  });

  it("write the exact schema Spark's writer derives in the spark-schema cases", () => {
    const lines = schemaLines(parquetMetadata(dataFile('multinomial-spark-schema')).schema);
    expect(lines[0]).toBe('spark_schema: group//');
    expect(lines).toContain('numClasses: INT32//REQUIRED');
    expect(lines).toContain('interceptVector: group//OPTIONAL');
    expect(lines).toContain('interceptVector.type: INT32/INTEGER(8,true)/REQUIRED');
    expect(lines).toContain('interceptVector.size: INT32//OPTIONAL');
    expect(lines).toContain('coefficientMatrix.colPtrs: group/LIST/OPTIONAL');
    expect(lines).toContain('coefficientMatrix.colPtrs.list.element: INT32//REQUIRED');
    expect(lines).toContain('coefficientMatrix.isTransposed: BOOLEAN//REQUIRED');
    expect(lines).toContain('isMultinomial: BOOLEAN//REQUIRED');
  });

  it("carry Spark's key-value metadata: its version and the row's schema with the UDTs", () => {
    const kv = parquetMetadata(dataFile('multinomial-dense')).key_value_metadata ?? [];
    const value = (key: string) => kv.find((entry) => entry.key === key)?.value;
    expect(value('org.apache.spark.version')).toBe('3.5.1');
    const schema = JSON.parse(value('org.apache.spark.sql.parquet.row.metadata') as string) as { fields: { name: string; type: { class?: string } | string }[] };
    expect(schema.fields.map((f) => [f.name, typeof f.type === 'string' ? f.type : f.type.class])).toEqual([
      ['numClasses', 'integer'],
      ['numFeatures', 'integer'],
      ['interceptVector', 'org.apache.spark.ml.linalg.VectorUDT'],
      ['coefficientMatrix', 'org.apache.spark.ml.linalg.MatrixUDT'],
      ['isMultinomial', 'boolean'],
    ]);
  });

  it("write Hadoop .crc files whose CRC32 of each 512 bytes matches the file they guard", () => {
    for (const sub of ['metadata', 'data']) {
      const dir = join(ROOT, 'multinomial-sparse-csr', sub);
      const guarded = readdirSync(dir).filter((name) => !name.startsWith('.'));
      expect(guarded.length).toBeGreaterThanOrEqual(2);
      for (const name of guarded) {
        const bytes = readFileSync(join(dir, name));
        const crc = readFileSync(join(dir, `.${name}.crc`));
        expect(crc.subarray(0, 4).toString('latin1')).toBe('crc\0');
        expect(crc.readInt32BE(4)).toBe(512);
        const sums = Array.from({ length: Math.ceil(bytes.length / 512) }, (_, k) => crc.readUInt32BE(8 + 4 * k));
        expect(sums).toEqual(Array.from({ length: Math.ceil(bytes.length / 512) }, (_, k) => crc32(bytes.subarray(k * 512, (k + 1) * 512))));
        expect(crc.length).toBe(8 + 4 * sums.length);
      }
    }
  });
});
