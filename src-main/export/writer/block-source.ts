// A file's byte source read in large blocks: pieces of any size (a muxer yields one picture at a
// time) are copied into a buffer the writer owns, so the file is hashed, written, read back and
// compared in a few large steps, and nothing the source reuses or changes later can differ
// from what was hashed.
import type { ExportGuard } from './export-guard.js';

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export class BlockSource {
  private readonly it: AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  private rest: Uint8Array | undefined;
  private ended = false;

  constructor(
    source: ByteSource,
    private readonly guard: ExportGuard,
  ) {
    this.it = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  }

  /** Copies the next bytes into `into` (at most `max`); fewer only at the end of the source. */
  async fill(into: Uint8Array, max: number): Promise<number> {
    let n = 0;
    while (n < max) {
      if (!this.rest || this.rest.length === 0) {
        if (this.ended) break;
        const r = await this.guard.race(Promise.resolve(this.it.next()));
        if (r.done) {
          this.ended = true;
          break;
        }
        this.rest = r.value;
        continue;
      }
      const take = Math.min(this.rest.length, max - n);
      into.set(take === this.rest.length ? this.rest : this.rest.subarray(0, take), n);
      this.rest = take === this.rest.length ? undefined : this.rest.subarray(take);
      n += take;
    }
    return n;
  }

  /** True when the source has at least one more byte (which it takes). */
  async hasMore(): Promise<boolean> {
    const one = new Uint8Array(1);
    return (await this.fill(one, 1)) === 1;
  }

  async close(): Promise<void> {
    await Promise.resolve(this.it.return?.()).catch(() => undefined);
  }
}
