// Writes one file of an export the safe way: into `<name>.partial`, hashing (SHA-256) while
// writing, flushed, read back and compared byte for byte with what was hashed (part-writer.ts),
// then renamed into place. A file larger than the target allows becomes numbered parts
// `<name>.001`, `<name>.002`... each written the same way.
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { BlockSource, type ByteSource } from './block-source.js';
import { ExportError, exportErrorFrom } from './export-error.js';
import type { ExportGuard } from './export-guard.js';
import { BLOCK_BYTES, BlockPool, writeAndProvePart } from './part-writer.js';

export interface ExportFileSpec {
  /** File name inside the export folder (no separators). */
  name: string;
  /** Exact number of bytes content() yields. */
  size: number;
  /** The file's bytes, in order; called once. */
  content(): ByteSource;
}

/** One file as it landed on the target (a part of a split file is one of these). */
export interface WrittenFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface SafeFileContext {
  folder: string;
  guard: ExportGuard;
  maxFileBytes: number;
  /** Called with the byte count of every write and every read-back. */
  onBytes(phase: 'write' | 'verify', bytes: number, file: string): void;
  /** Runs before each block is read back (tests change the file here to stand for a failing medium). */
  beforeReadBack?(file: string, offset: number, length: number): Promise<void>;
}

export function bytesSpec(name: string, bytes: Uint8Array): ExportFileSpec {
  return { name, size: bytes.length, content: () => [bytes] };
}

/** Names of the files a spec turns into on a target with this file size limit. */
export function partNames(name: string, size: number, maxFileBytes: number): string[] {
  if (size <= maxFileBytes) return [name];
  const count = Math.ceil(size / maxFileBytes);
  const width = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => `${name}.${String(i + 1).padStart(width, '0')}`);
}

async function writePart(ctx: SafeFileContext, source: BlockSource, pool: BlockPool, name: string, size: number): Promise<WrittenFile> {
  const partial = path.join(ctx.folder, `${name}.partial`);
  try {
    const sha256 = await writeAndProvePart(ctx, source, pool, name, partial, size);
    ctx.guard.check();
    await ctx.guard.race(rename(partial, path.join(ctx.folder, name)));
    return { name, bytes: size, sha256 };
  } catch (e) {
    throw exportErrorFrom(e, name);
  }
}

/** Writes one spec (as parts if needed); returns what landed, one entry per file on disk. */
export async function writeSafeFile(ctx: SafeFileContext, spec: ExportFileSpec): Promise<WrittenFile[]> {
  if (spec.name.includes('/') || spec.name.includes('\\') || spec.name.startsWith('.')) throw new Error(`invalid export file name ${spec.name}`);
  const names = partNames(spec.name, spec.size, ctx.maxFileBytes);
  const pool = new BlockPool(Math.max(1, Math.min(BLOCK_BYTES, spec.size, ctx.maxFileBytes)));
  const source = new BlockSource(spec.content(), ctx.guard);
  const out: WrittenFile[] = [];
  try {
    let offset = 0;
    for (const name of names) {
      const size = Math.min(spec.size - offset, ctx.maxFileBytes);
      out.push(await writePart(ctx, source, pool, name, size));
      offset += size;
    }
    if (await source.hasMore()) throw new ExportError('source_mismatch', `source of ${spec.name} has more than the announced ${spec.size} bytes`, spec.name);
    return out;
  } finally {
    await source.close();
  }
}
