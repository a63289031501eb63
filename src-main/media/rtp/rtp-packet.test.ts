import { describe, expect, it } from 'vitest';
import { buildRtpPacket, parseRtpPacket, RtpParseError } from './rtp-packet.js';
import { TimestampUnwrapper } from './timestamp-unwrapper.js';

describe('parseRtpPacket', () => {
  it('reads CSRCs, a header extension, padding and the marker', () => {
    const payload = new Uint8Array([9, 8, 7, 6, 5]);
    const ext = { profile: 0xabac, data: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]) };
    const raw = buildRtpPacket({ payloadType: 96, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, marker: true, payload, csrcs: [1, 0xffffffff], extension: ext, padding: 3 });
    const p = parseRtpPacket(raw);
    expect(p).toMatchObject({ marker: true, payloadType: 96, sequenceNumber: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, csrcs: [1, 0xffffffff] });
    expect(p.extension?.profile).toBe(0xabac);
    expect(Array.from(p.extension!.data)).toEqual(Array.from(ext.data));
    expect(Array.from(p.payload)).toEqual(Array.from(payload));
  });

  it('rejects garbage: short, wrong version, CSRC/extension/padding running past the end', () => {
    const good = buildRtpPacket({ payloadType: 0, sequenceNumber: 1, timestamp: 1, ssrc: 1, payload: new Uint8Array(4) });
    const bad: Uint8Array[] = [
      good.subarray(0, 11),
      Uint8Array.from(good, (b, i) => (i === 0 ? 0x40 : b)), // version 1
      Uint8Array.from(good, (b, i) => (i === 0 ? 0x8f : b)), // 15 CSRCs announced
      Uint8Array.from(good, (b, i) => (i === 0 ? 0x90 : i === 15 ? 5 : b)), // extension of 5 words in 4 bytes
      Uint8Array.from(good, (b, i) => (i === 0 ? 0xa0 : i === good.length - 1 ? 200 : b)), // padding 200
      Uint8Array.from(good, (b, i) => (i === 0 ? 0xa0 : i === good.length - 1 ? 0 : b)), // padding 0
    ];
    for (const b of bad) expect(() => parseRtpPacket(b)).toThrow(RtpParseError);
  });
});

describe('TimestampUnwrapper', () => {
  it('continues across the 32-bit wrap and tolerates small steps back', () => {
    const u = new TimestampUnwrapper();
    const start = 2 ** 32 - 5000;
    expect(u.unwrap(start)).toBe(0);
    expect(u.unwrap(start + 3600)).toBe(3600);
    expect(u.unwrap((start + 7200) % 2 ** 32)).toBe(7200);
    expect(u.unwrap((start + 10800) % 2 ** 32)).toBe(10800);
    expect(u.unwrap((start + 9000) % 2 ** 32)).toBe(9000); // B-frame style step back
  });

  it('maps a given base (RTP-Info rtptime) to zero and re-anchors on rebase', () => {
    const u = new TimestampUnwrapper(100);
    expect(u.unwrap(3700)).toBe(3600);
    u.rebase(5, 50_000);
    expect(u.unwrap(3605)).toBe(53_600);
  });
});
