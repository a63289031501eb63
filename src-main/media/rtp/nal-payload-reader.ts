// What a video payload format (RFC 6184 / RFC 7798) reader does: turn RTP payloads into whole
// NAL units, reassembling fragments. Shared by the H.264 and H.265 readers.

export interface NalPayloadReader {
  /**
   * Appends the complete NAL units carried by `payload` to `out`.
   * Returns false if the payload is malformed or a fragment arrives out of order; the access
   * unit being built is then damaged.
   */
  read(payload: Uint8Array, out: Uint8Array[]): boolean;
  /** Forgets a half-assembled fragment (after loss, or when an access unit closes). */
  reset(): void;
  /** True while a fragmented NAL unit has started but not ended. */
  readonly midFragment: boolean;
  /** Bytes collected so far for the fragmented NAL unit in progress. */
  readonly fragmentBytes: number;
}

/** Collects fragment bodies and joins them behind a reconstructed NAL header. */
export class FragmentBuffer {
  private parts: Uint8Array[] = [];
  private size = 0;
  private header: Uint8Array | undefined;

  get active(): boolean {
    return this.header !== undefined;
  }

  get bytes(): number {
    return this.size;
  }

  start(header: Uint8Array, body: Uint8Array): void {
    this.header = header;
    this.parts = [body];
    this.size = body.length;
  }

  append(body: Uint8Array): void {
    this.parts.push(body);
    this.size += body.length;
  }

  /** Returns the reassembled NAL unit (a fresh copy, not a view into packet buffers). */
  finish(): Uint8Array {
    const header = this.header ?? new Uint8Array(0);
    const out = new Uint8Array(header.length + this.size);
    out.set(header, 0);
    let o = header.length;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    this.reset();
    return out;
  }

  reset(): void {
    this.header = undefined;
    this.parts = [];
    this.size = 0;
  }
}
