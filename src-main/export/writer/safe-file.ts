// Writes one file of an export the safe way: into `<name>.partial`, hashing (SHA-256) while
// writing, fsync, read back and compare byte for byte with a second pass of the source, then
// rename into place. The one SHA-256 pass is over exactly the bytes the read-back proved are on
// the target, so a second hash would add nothing but time (decisions: one hash pass). A file
// larger than the target allows becomes numbered parts `<name>.001`, `<name>.002`... each
// written the same way.
import { createHash } from 'node:crypto';
import { open, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { ExportError, exportErrorFrom } from './export-error.js';
import type { ExportGuard } from './export-guard.js';

export interface ExportFileSpec {
  /** File name inside the export folder (no separators). */
  name: string;
  /** Exact number of bytes content() yields. */
  size: number;
  /** Called twice: to write, then to compare what was read back; both passes must yield the same bytes. */
  content(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
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
}

const BATCH_BYTES = 1024 * 1024;

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

/** Pulls chunks from a source and hands out exactly `n` bytes at a time. */
class ChunkReader {
  private readonly it: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private rest: Uint8Array | undefined;

  constructor(
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    private readonly guard: ExportGuard,
  ) {
    this.it = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  }

  /** The next piece of at most `max` bytes, or undefined at the end of the source. */
  async next(max: number): Promise<Uint8Array | undefined> {
    while (!this.rest || this.rest.length === 0) {
      const r = await this.guard.race(Promise.resolve(this.it.next()));
      if (r.done) return undefined;
      this.rest = r.value;
    }
    const piece = this.rest.length <= max ? this.rest : this.rest.subarray(0, max);
    this.rest = this.rest.length <= max ? undefined : this.rest.subarray(max);
    return piece;
  }

  /** Passes over `n` bytes (a later part's second pass starts where that part starts). */
  async skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      const piece = await this.next(Math.min(left, BATCH_BYTES));
      if (!piece) return;
      left -= piece.length;
    }
  }

  async close(): Promise<void> {
    await Promise.resolve(this.it.return?.()).catch(() => undefined);
  }
}

async function writeAll(fh: FileHandle, buffers: Uint8Array[]): Promise<void> {
  let bufs = buffers;
  for (;;) {
    const total = bufs.reduce((n, b) => n + b.length, 0);
    const { bytesWritten } = await fh.writev(bufs);
    if (bytesWritten >= total) return;
    // A short write (e.g. the disk just filled up): retry the rest, which reports the reason.
    let skip = bytesWritten;
    const left: Uint8Array[] = [];
    for (const b of bufs) {
      if (skip >= b.length) skip -= b.length;
      else {
        left.push(skip > 0 ? b.subarray(skip) : b);
        skip = 0;
      }
    }
    bufs = left;
  }
}

/** A second pass over the source from `offset`, for the read-back comparison. */
type SecondPass = () => Promise<ChunkReader>;

async function writePart(ctx: SafeFileContext, reader: ChunkReader, name: string, size: number, secondPass: SecondPass): Promise<WrittenFile> {
  const { guard } = ctx;
  const partial = path.join(ctx.folder, `${name}.partial`);
  const hash = createHash('sha256');
  let fh: FileHandle | undefined;
  try {
    fh = await guard.race(open(partial, 'wx'));
    let written = 0;
    let batch: Uint8Array[] = [];
    let batchBytes = 0;
    let inFlight: Promise<void> | undefined;
    const flush = async (): Promise<void> => {
      if (inFlight) await guard.race(inFlight);
      const bufs = batch;
      const n = batchBytes;
      batch = [];
      batchBytes = 0;
      // One write in flight while the next batch is read and hashed.
      inFlight = n > 0 ? writeAll(fh!, bufs).then(() => ctx.onBytes('write', n, name)) : undefined;
      inFlight?.catch(() => undefined); // awaited below; a failure while nobody awaits is not unhandled
    };
    while (written < size) {
      const piece = await reader.next(size - written);
      if (!piece) throw new ExportError('source_mismatch', `source of ${name} ended after ${written} of ${size} bytes`, name);
      hash.update(piece);
      batch.push(piece);
      batchBytes += piece.length;
      written += piece.length;
      if (batchBytes >= BATCH_BYTES) await flush();
    }
    await flush();
    if (inFlight) await guard.race(inFlight);
    await guard.race(fh.sync());
    await guard.race(fh.close());
    fh = undefined;
    const sha256 = hash.digest('hex');
    await verifyPart(ctx, partial, name, size, secondPass);
    guard.check();
    await guard.race(rename(partial, path.join(ctx.folder, name)));
    return { name, bytes: size, sha256 };
  } catch (e) {
    throw exportErrorFrom(e, name);
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * Reads the file back through a fresh handle and compares it byte for byte with a second pass
 * of the source: any difference, or a different length, is `verify_failed`.
 */
async function verifyPart(ctx: SafeFileContext, file: string, name: string, size: number, secondPass: SecondPass): Promise<void> {
  const { guard } = ctx;
  const fh = await guard.race(open(file, 'r'));
  const source = await secondPass();
  try {
    const buf = Buffer.allocUnsafe(BATCH_BYTES);
    let total = 0;
    for (;;) {
      const { bytesRead } = await guard.race(fh.read(buf, 0, buf.length, null));
      if (bytesRead === 0) break;
      let o = 0;
      while (o < bytesRead) {
        const expected = total + o < size ? await source.next(Math.min(bytesRead - o, size - total - o)) : undefined;
        if (!expected) throw new ExportError('verify_failed', `${name} read back longer than the ${size} bytes written`, name);
        if (Buffer.compare(buf.subarray(o, o + expected.length), expected) !== 0) {
          throw new ExportError('verify_failed', `${name} read back differs from what was written within bytes ${total + o}-${total + o + expected.length - 1}`, name);
        }
        o += expected.length;
      }
      total += bytesRead;
      ctx.onBytes('verify', bytesRead, name);
    }
    if (total !== size) throw new ExportError('verify_failed', `${name} read back ${total} bytes, wrote ${size}`, name);
  } finally {
    await source.close();
    await fh.close().catch(() => undefined);
  }
}

/** Writes one spec (as parts if needed); returns what landed, one entry per file on disk. */
export async function writeSafeFile(ctx: SafeFileContext, spec: ExportFileSpec): Promise<WrittenFile[]> {
  if (spec.name.includes('/') || spec.name.includes('\\') || spec.name.startsWith('.')) throw new Error(`invalid export file name ${spec.name}`);
  const names = partNames(spec.name, spec.size, ctx.maxFileBytes);
  const reader = new ChunkReader(spec.content(), ctx.guard);
  const out: WrittenFile[] = [];
  try {
    let offset = 0;
    for (const name of names) {
      const size = Math.min(spec.size - offset, ctx.maxFileBytes);
      const from = offset;
      const secondPass = async (): Promise<ChunkReader> => {
        const again = new ChunkReader(spec.content(), ctx.guard);
        await again.skip(from);
        return again;
      };
      out.push(await writePart(ctx, reader, name, size, secondPass));
      offset += size;
    }
    if (await reader.next(1)) throw new ExportError('source_mismatch', `source of ${spec.name} has more than the announced ${spec.size} bytes`, spec.name);
    return out;
  } finally {
    await reader.close();
  }
}
