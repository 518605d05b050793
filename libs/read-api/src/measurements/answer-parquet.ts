import { loadOnFirstUse } from '@medido/platform';
import type { Answer } from './answer.ts';
import { answerArrow } from './answer-arrow.ts';

/**
 * The answer as a Parquet file (`application/vnd.apache.parquet`): the Arrow answer's page (same columns,
 * types and schema metadata, answer-arrow.ts) written by the Rust `parquet` crate (parquet-wasm), one row
 * group, zstd-compressed pages. Parquet puts its index at the end of the file, so a page is written whole
 * and then sent; memory stays one page (≤ the page limit) plus its file.
 * @see https://parquet.apache.org/docs/file-format/
 */
export const PARQUET_TYPE = 'application/vnd.apache.parquet';

export function answerParquet(answer: Answer): Buffer {
  const { Compression, Table, writeParquet, WriterPropertiesBuilder } = parquetWasm();
  const table = Table.fromIPCStream(Buffer.concat([...answerArrow(answer)]));
  const properties = new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build();
  const file = writeParquet(table, properties); // consumes the table and the properties (wasm memory)
  return Buffer.from(file.buffer, file.byteOffset, file.byteLength);
}

/** Loaded by the first Parquet answer: importing it compiles its WebAssembly (~13 MiB of private memory). */
const parquetWasm = loadOnFirstUse<typeof import('parquet-wasm/node')>(import.meta.url, 'parquet-wasm/node');
