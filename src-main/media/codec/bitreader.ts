// Bit-level reader for H.264/H.265 parameter sets (RBSP). Reads MSB first, with the
// Exp-Golomb codes the specs use (ue(v), se(v)).

/**
 * Removes emulation prevention bytes: every 0x03 that follows two zero bytes in a NAL unit.
 * Parameter sets must be unescaped before reading bits, or fields after an escape shift.
 */
export function unescapeRbsp(nal: Uint8Array): Uint8Array {
  const out = new Uint8Array(nal.length);
  let n = 0;
  let zeros = 0;
  for (let i = 0; i < nal.length; i++) {
    const b = nal[i];
    if (zeros >= 2 && b === 0x03) {
      zeros = 0;
      continue;
    }
    out[n++] = b;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out.subarray(0, n);
}

/** A parameter set that cannot be read: truncated, over-long codes, or impossible values. */
export class BitstreamError extends RangeError {
  override name = 'BitstreamError';
}

export class BitReader {
  private pos = 0; // in bits

  constructor(private readonly data: Uint8Array) {}

  get bitsLeft(): number {
    return this.data.length * 8 - this.pos;
  }

  /** Reads up to 32 bits as an unsigned number. Throws BitstreamError past the end. */
  bits(n: number): number {
    if (n > 32) throw new RangeError('bits() reads at most 32 bits');
    if (n > this.bitsLeft) throw new BitstreamError('read past the end of the parameter set');
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.data[this.pos >> 3];
      const bit = (byte >> (7 - (this.pos & 7))) & 1;
      v = v * 2 + bit; // multiplication keeps 32-bit values unsigned
      this.pos++;
    }
    return v;
  }

  flag(): boolean {
    return this.bits(1) === 1;
  }

  skip(n: number): void {
    if (n > this.bitsLeft) throw new BitstreamError('skip past the end of the parameter set');
    this.pos += n;
  }

  /** ue(v): unsigned Exp-Golomb. */
  ue(): number {
    let leadingZeros = 0;
    while (this.bits(1) === 0) {
      leadingZeros++;
      if (leadingZeros > 31) throw new BitstreamError('Exp-Golomb code too long');
    }
    if (leadingZeros === 0) return 0;
    return 2 ** leadingZeros - 1 + this.bits(leadingZeros);
  }

  /** se(v): signed Exp-Golomb (1, -1, 2, -2, ...). */
  se(): number {
    const k = this.ue();
    if (k === 0) return 0;
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }
}
