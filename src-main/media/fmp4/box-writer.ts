// A growable big-endian byte writer with ISO BMFF box nesting (size back-patched on close).
// Used for init segments and other rarely-built structures; the per-frame path writes
// fixed layouts directly (see fragment.ts).

export class BoxWriter {
  private buf: Uint8Array;
  private view: DataView;
  private pos = 0;
  private readonly open: number[] = [];

  constructor(initialSize = 512) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.ensure(1);
    this.view.setUint8(this.pos, v);
    this.pos += 1;
    return this;
  }

  u16(v: number): this {
    this.ensure(2);
    this.view.setUint16(this.pos, v);
    this.pos += 2;
    return this;
  }

  i16(v: number): this {
    this.ensure(2);
    this.view.setInt16(this.pos, v);
    this.pos += 2;
    return this;
  }

  u24(v: number): this {
    return this.u8((v >>> 16) & 0xff).u16(v & 0xffff);
  }

  u32(v: number): this {
    this.ensure(4);
    this.view.setUint32(this.pos, v >>> 0);
    this.pos += 4;
    return this;
  }

  u64(v: number): this {
    return this.u32(Math.floor(v / 0x1_0000_0000)).u32(v % 0x1_0000_0000);
  }

  /** Four ASCII characters, e.g. a box type or brand. */
  fourcc(s: string): this {
    if (s.length !== 4) throw new Error(`fourcc must have 4 characters: ${s}`);
    for (let i = 0; i < 4; i++) this.u8(s.charCodeAt(i));
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  /** Opens a box; with version/flags given it is a FullBox. Close it with end(). */
  box(type: string, version?: number, flags = 0): this {
    this.open.push(this.pos);
    this.u32(0).fourcc(type);
    if (version !== undefined) this.u8(version).u24(flags);
    return this;
  }

  end(): this {
    const start = this.open.pop();
    if (start === undefined) throw new Error('end() without an open box');
    this.view.setUint32(start, this.pos - start);
    return this;
  }

  /** The bytes written so far (a copy sized exactly). */
  finish(): Uint8Array {
    if (this.open.length > 0) throw new Error(`${this.open.length} box(es) left open`);
    return this.buf.slice(0, this.pos);
  }
}
