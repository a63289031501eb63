// Writes one file (or one part of a split file) into `<name>.partial` and proves it landed:
// - the source is gathered into 4 MiB blocks the writer owns; each block is hashed (the one
//   SHA-256 pass) and written at its offset while the next block is gathered (two writes in
//   flight);
// - every 32 MiB written, a data flush (fdatasync) is started in the background, so the disk
//   writes while the CPU hashes instead of everything waiting for one flush at the end;
// - a block is read back through a second handle once a flush that covers it has returned (the
//   last blocks after the final fsync), and compared byte for byte with the block still in
//   memory, which is the block that was hashed; then the file's length is checked.
// So the manifest's hash is over exactly the bytes read back from the target, after they were
// flushed, without reading the source twice or hashing twice (decisions: D25, D45).
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { BlockSource } from './block-source.js';
import { ExportError } from './export-error.js';
import type { ExportGuard } from './export-guard.js';

export const BLOCK_BYTES = 4 * 1024 * 1024;
const WRITES_IN_FLIGHT = 2;
/** Written bytes after which a background data flush is started (one at a time). */
const FLUSH_EVERY_BYTES = 32 * 1024 * 1024;
/** Blocks held at most (written, waiting for their flush and read-back): 64 MiB. */
const MAX_BLOCKS = 16;

export interface PartContext {
  guard: ExportGuard;
  /** Called with the byte count of every write and every read-back. */
  onBytes(phase: 'write' | 'verify', bytes: number, file: string): void;
  /** Runs before a block is read back (tests change the file here to stand for a failing medium). */
  beforeReadBack?(file: string, offset: number, length: number): Promise<void>;
}

/** Block buffers of one file, at most MAX_BLOCKS. */
export class BlockPool {
  private readonly free: Buffer[] = [];
  private allocated = 0;
  constructor(readonly blockBytes: number) {}

  /** A free block, or undefined when all of them are in use. */
  take(): Buffer | undefined {
    const block = this.free.pop();
    if (block) return block;
    if (this.allocated >= MAX_BLOCKS) return undefined;
    this.allocated++;
    return Buffer.allocUnsafe(this.blockBytes);
  }

  give(block: Buffer): void {
    this.free.push(block);
  }
}

interface Block {
  /** The pool's buffer; its first `bytes.length` bytes are the data. */
  buffer: Buffer;
  bytes: Buffer;
  at: number;
}

/** Writes all of `bytes` at `position` (a short write, e.g. the disk just filled, is retried and then reports the reason). */
async function writeAt(fh: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/** Reads into `into` from `position` until it is full or the file ends; resolves with the count. */
async function readAt(fh: FileHandle, into: Buffer, position: number): Promise<number> {
  let got = 0;
  while (got < into.length) {
    const { bytesRead } = await fh.read(into, got, into.length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}

class PartWriter {
  private failure: unknown;
  private waiters: Array<() => void> = [];
  private readonly writes = new Set<Promise<void>>();
  private unflushed: Block[] = [];
  private unflushedBytes = 0;
  private flushing: Promise<void> | undefined;
  private readonly toReadBack: Block[] = [];
  private allFlushed = false;
  private readonly readBuffer: Buffer;

  constructor(
    private readonly ctx: PartContext,
    private readonly pool: BlockPool,
    private readonly name: string,
    private readonly file: string,
    private readonly out: FileHandle,
    private readonly back: FileHandle,
  ) {
    this.readBuffer = Buffer.allocUnsafe(pool.blockBytes);
  }

  /** Resolves at the next change: a block given back, a flush or read-back done, a failure. */
  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private fail(e: unknown): void {
    this.failure ??= e;
    this.notify();
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  async run(source: BlockSource, size: number): Promise<string> {
    try {
      return await this.writeAndProve(source, size);
    } catch (e) {
      this.fail(e); // ends the read-back loop
      throw e;
    }
  }

  private async writeAndProve(source: BlockSource, size: number): Promise<string> {
    const { guard } = this.ctx;
    const hash = createHash('sha256');
    const readingBack = this.readBackLoop().catch((e: unknown) => this.fail(e));
    let at = 0;
    while (at < size) {
      let block = this.pool.take();
      while (!block) {
        await guard.race(this.changed());
        this.check();
        block = this.pool.take();
      }
      const want = Math.min(this.pool.blockBytes, size - at);
      const n = await source.fill(block, want);
      if (n < want) {
        this.pool.give(block);
        throw new ExportError('source_mismatch', `source of ${this.name} ended after ${at + n} of ${size} bytes`, this.name);
      }
      const bytes = block.subarray(0, n);
      hash.update(bytes);
      this.startWrite({ buffer: block, bytes, at });
      at += n;
      while (this.writes.size >= WRITES_IN_FLIGHT) await guard.race(Promise.race(this.writes));
      this.check();
    }
    await guard.race(Promise.all(this.writes));
    while (this.flushing) await guard.race(this.flushing);
    this.check();
    await guard.race(this.out.sync());
    this.toReadBack.push(...this.unflushed);
    this.unflushed = [];
    this.allFlushed = true;
    this.notify();
    await guard.race(readingBack);
    this.check();
    const { size: onDisk } = await guard.race(this.back.stat());
    if (onDisk !== size) throw new ExportError('verify_failed', `${this.name} is ${onDisk} bytes on the target, wrote ${size}`, this.name);
    return hash.digest('hex');
  }

  private startWrite(block: Block): void {
    const write: Promise<void> = writeAt(this.out, block.bytes, block.at).then(() => {
      this.writes.delete(write);
      this.ctx.onBytes('write', block.bytes.length, this.name);
      this.unflushed.push(block);
      this.unflushedBytes += block.bytes.length;
      this.maybeFlush();
    });
    write.catch(() => undefined); // awaited by run(); a failure while nobody awaits is not unhandled
    this.writes.add(write);
  }

  private maybeFlush(): void {
    if (this.flushing || this.unflushedBytes < FLUSH_EVERY_BYTES) return;
    const covered = this.unflushed;
    this.unflushed = [];
    this.unflushedBytes = 0;
    this.flushing = this.out.datasync().then(
      () => {
        this.flushing = undefined;
        this.toReadBack.push(...covered);
        this.notify();
        this.maybeFlush();
      },
      (e: unknown) => {
        this.flushing = undefined;
        this.fail(e);
      },
    );
  }

  /** Reads back each flushed block through the second handle and compares it with the block in memory. */
  private async readBackLoop(): Promise<void> {
    const { guard } = this.ctx;
    for (;;) {
      if (this.failure !== undefined) return;
      const block = this.toReadBack.shift();
      if (!block) {
        if (this.allFlushed) return;
        await this.changed();
        continue;
      }
      const n = block.bytes.length;
      await this.ctx.beforeReadBack?.(this.file, block.at, n);
      const into = this.readBuffer.subarray(0, n);
      const got = await guard.race(readAt(this.back, into, block.at));
      if (got < n) throw new ExportError('verify_failed', `${this.name} read back ${block.at + got} bytes, wrote at least ${block.at + n}`, this.name);
      if (Buffer.compare(into, block.bytes) !== 0) {
        throw new ExportError('verify_failed', `${this.name} read back differs from what was written within bytes ${block.at}-${block.at + n - 1}`, this.name);
      }
      this.pool.give(block.buffer);
      this.ctx.onBytes('verify', n, this.name);
      this.notify();
    }
  }

  /** Closes both handles once nothing is pending on them (a handle closed under a queued write could be reused). */
  async close(ok: boolean): Promise<void> {
    const settled = Promise.allSettled([...this.writes, this.flushing]);
    const closeBoth = () => Promise.all([this.out.close().catch(() => undefined), this.back.close().catch(() => undefined)]);
    if (ok) await closeBoth();
    else void settled.then(closeBoth);
  }
}

/** Writes `size` bytes of `source` into `file` (created, must not exist); resolves with their SHA-256. */
export async function writeAndProvePart(ctx: PartContext, source: BlockSource, pool: BlockPool, name: string, file: string, size: number): Promise<string> {
  const out = await ctx.guard.race(open(file, 'wx'));
  const back = await ctx.guard.race(open(file, 'r')).catch(async (e: unknown) => {
    await out.close().catch(() => undefined);
    throw e;
  });
  const writer = new PartWriter(ctx, pool, name, file, out, back);
  let ok = false;
  try {
    const sha256 = await writer.run(source, size);
    ok = true;
    return sha256;
  } finally {
    await writer.close(ok);
  }
}
