// Incremental Annex-B splitter: bytes arrive in arbitrary chunks (a pipe), NAL units come out as
// soon as the start code after them has arrived. A start code split across chunks is found.
const INITIAL_CAPACITY = 64 * 1024;

export class AnnexBSplitter {
  private buf = new Uint8Array(INITIAL_CAPACITY);
  private len = 0;
  /** Offset of the current NAL unit's first byte (after its start code); -1 before the first start code. */
  private nalStart = -1;
  /** Next offset that may begin a start code. */
  private scanFrom = 0;

  /** Appends bytes; returns the NAL units completed by them (copies, without start codes). */
  push(chunk: Uint8Array): Uint8Array[] {
    this.append(chunk);
    const out: Uint8Array[] = [];
    const b = this.buf;
    let i = this.scanFrom;
    while (i + 2 < this.len) {
      if (b[i + 2] > 1) {
        i += 3; // no start code can begin at i, i+1 or i+2 with this byte in third place
        continue;
      }
      if (b[i] === 0 && b[i + 1] === 0 && b[i + 2] === 1) {
        if (this.nalStart >= 0) this.emit(this.nalStart, i, out);
        this.nalStart = i + 3;
        i += 3;
      } else {
        i++;
      }
    }
    this.scanFrom = i;
    this.compact();
    return out;
  }

  /** First bytes of the NAL unit still in progress (at most `n`), or undefined before any start code. */
  pendingHead(n: number): Uint8Array | undefined {
    if (this.nalStart < 0) return undefined;
    return this.buf.subarray(this.nalStart, Math.min(this.len, this.nalStart + n));
  }

  /** End of stream: the unit in progress is complete. */
  end(): Uint8Array[] {
    const out: Uint8Array[] = [];
    if (this.nalStart >= 0) this.emit(this.nalStart, this.len, out);
    this.nalStart = -1;
    this.len = 0;
    this.scanFrom = 0;
    return out;
  }

  /** Bytes held while waiting for the next start code. */
  get bufferedBytes(): number {
    return this.len;
  }

  private emit(begin: number, end: number, out: Uint8Array[]): void {
    // Zero bytes before a start code are its leading zero (or trailing_zero_8bits): not NAL data.
    while (end > begin && this.buf[end - 1] === 0) end--;
    if (end > begin) out.push(this.buf.slice(begin, end));
  }

  private append(chunk: Uint8Array): void {
    const need = this.len + chunk.length;
    if (need > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < need) cap *= 2;
      const next = new Uint8Array(cap);
      next.set(this.buf.subarray(0, this.len));
      this.buf = next;
    }
    this.buf.set(chunk, this.len);
    this.len = need;
  }

  // Drops bytes nobody needs any more: emitted units, or garbage before the first start code.
  private compact(): void {
    const keepFrom = this.nalStart >= 0 ? this.nalStart : this.scanFrom;
    if (keepFrom <= 0) return;
    this.buf.copyWithin(0, keepFrom, this.len);
    this.len -= keepFrom;
    this.scanFrom -= keepFrom;
    if (this.nalStart >= 0) this.nalStart -= keepFrom;
  }
}
