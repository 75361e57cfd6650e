/**
 * Arrow IPC data for the CLI (`.arrow`, `.feather` — Feather version 2 is the Arrow IPC file
 * format —, and `.arrows`, the IPC stream format): read by @uwdata/flechette (bundled into
 * the CLI), batch by batch as tables.ts's {@link Batch}es. The bytes are read whole (Arrow
 * IPC is decoded from memory); the batches' text cells are made one batch at a time.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { tableFromIPC } from '@uwdata/flechette';
import { CliError } from './errors.js';
import type { Batch, Batches } from './tables.js';

const MAGIC = 'ARROW1';

/** Whether `bytes` from `at` spell ASCII `text`. */
function spells(bytes: Uint8Array, at: number, text: string): boolean {
  if (at < 0 || at + text.length > bytes.length) return false;
  for (let k = 0; k < text.length; k++) if (bytes[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/**
 * Why `bytes` are not Arrow IPC data, or null when they look like it: the file format
 * starts and ends with `ARROW1`, the stream format starts with a message's continuation
 * marker (0xFFFFFFFF).
 */
function notArrow(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the file is empty; expected Arrow IPC data';
  if (spells(bytes, 0, MAGIC)) return spells(bytes, bytes.length - MAGIC.length, MAGIC) ? null : 'is truncated: an Arrow IPC file ends with ARROW1, and this one does not';
  if (bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) return null;
  if (spells(bytes, 0, 'FEA1')) return 'is a Feather version 1 file, which is not Arrow IPC; write it again as Feather version 2 (Arrow IPC, e.g. pyarrow.feather.write_feather)';
  if (spells(bytes, 0, 'PAR1')) return 'is a Parquet file, not Arrow IPC; name it .parquet or pass --format parquet';
  return 'is not an Arrow IPC file (it starts with neither ARROW1 nor an IPC stream message)';
}

/**
 * Opens an Arrow IPC file: its column names and its record batches.
 * @throws CliError naming the file when it is missing, not Arrow IPC, truncated or damaged.
 */
export async function readArrowBatches(file: string): Promise<Batches> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : code === 'EISDIR' ? `${file}: is a directory, not an Arrow file` : `${file}: cannot read (${(error as Error).message})`);
  }
  const why = notArrow(bytes);
  if (why !== null) throw new CliError(`${file}: ${why}`);
  let table;
  try {
    // 64-bit integers as bigints (their digits exact) and timestamps as dates (ISO text).
    table = tableFromIPC(bytes, { useBigInt: true, useDate: true });
  } catch (error) {
    throw new CliError(`${file}: is not valid Arrow IPC data (${(error as Error).message}); the file may be truncated or damaged`);
  }
  const names = table.schema.fields.map((f) => f.name);
  if (names.length === 0) throw new CliError(`${file}: has no columns`);
  const children = table.children;
  const count = children[0]?.data.length ?? 0;
  async function* batches(): AsyncGenerator<Batch> {
    for (let b = 0; b < count; b++) {
      const parts = children.map((c) => c.data[b] as { length: number; at(i: number): unknown });
      yield { length: (parts[0] as { length: number }).length, cell: (i, j) => (parts[j] as { at(i: number): unknown }).at(i) };
    }
  }
  return { names, batches: batches() };
}
