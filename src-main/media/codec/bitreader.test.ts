import { describe, expect, it } from 'vitest';
import { BitReader, unescapeRbsp } from './bitreader.js';

// Independent writer for the test: builds bit strings by hand-rolled Exp-Golomb encoding.
function expGolomb(v: number): string {
  const bin = (v + 1).toString(2);
  return '0'.repeat(bin.length - 1) + bin;
}
function toBytes(bits: string): Uint8Array {
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
  const out = new Uint8Array(padded.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(padded.slice(i * 8, i * 8 + 8), 2);
  return out;
}

describe('BitReader', () => {
  it('reads ue(v) and se(v) values written by an independent encoder', () => {
    const values = [0, 1, 2, 3, 7, 8, 254, 255, 1000, 65535];
    const signed = [0, 1, -1, 2, -2, 17, -300];
    const bits = values.map(expGolomb).join('') + signed.map((s) => expGolomb(s > 0 ? 2 * s - 1 : -2 * s)).join('');
    const r = new BitReader(toBytes(bits));
    expect(values.map(() => r.ue())).toEqual(values);
    expect(signed.map(() => r.se())).toEqual(signed);
  });

  it('reads fixed-width fields across byte boundaries, including full 32-bit values', () => {
    const r = new BitReader(new Uint8Array([0b10110011, 0xff, 0xff, 0xff, 0xff, 0x80]));
    expect(r.bits(3)).toBe(0b101);
    expect(r.bits(5)).toBe(0b10011);
    expect(r.bits(32)).toBe(0xffffffff);
    expect(r.flag()).toBe(true);
    expect(() => r.bits(8)).toThrow(RangeError);
  });

  it('removes emulation prevention bytes only after two zero bytes', () => {
    const escaped = new Uint8Array([0x67, 0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03, 0x00, 0x03, 0x05]);
    expect(Array.from(unescapeRbsp(escaped))).toEqual([0x67, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x05]);
  });
});
