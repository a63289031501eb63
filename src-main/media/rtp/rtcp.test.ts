import { describe, expect, it } from 'vitest';
import { ReceptionStats } from './reception-stats.js';
import { buildReceiverReport, parseRtcp, randomSsrc } from './rtcp.js';

describe('receiver report', () => {
  it('lays out RR + SDES CNAME per RFC 3550 with the client SSRC as sender', () => {
    const rr = buildReceiverReport(0x11223344, [{ ssrc: 0xaabbccdd, fractionLost: 64, cumulativeLost: 3, extendedHighestSeq: 0x10005, jitter: 12, lastSr: 0x01020304, delaySinceLastSr: 65536 }], 'skywall');
    const v = new DataView(rr.buffer);
    expect(rr.length % 4).toBe(0);
    expect([rr[0], rr[1], v.getUint16(2)]).toEqual([0x81, 201, 7]); // V=2 RC=1, PT=RR, 8 words - 1
    expect(v.getUint32(4)).toBe(0x11223344);
    expect(v.getUint32(8)).toBe(0xaabbccdd);
    expect(rr[12]).toBe(64);
    expect(v.getUint32(12) & 0xffffff).toBe(3);
    expect(v.getUint32(16)).toBe(0x10005);
    expect(v.getUint32(24)).toBe(0x01020304);
    const sdes = 32;
    expect([rr[sdes] >> 6, rr[sdes + 1]]).toEqual([2, 202]);
    expect(v.getUint32(sdes + 4)).toBe(0x11223344);
    expect(new TextDecoder().decode(rr.subarray(sdes + 10, sdes + 10 + rr[sdes + 9]))).toBe('skywall');
    expect((v.getUint16(sdes + 2) + 1) * 4).toBe(rr.length - sdes);
    expect(parseRtcp(rr).map((p) => p.type)).toEqual(['rr', 'other']);
  });

  it('parses SR and BYE from a compound packet and rejects truncated data', () => {
    const sr = new Uint8Array(28);
    const v = new DataView(sr.buffer);
    sr[0] = 0x80;
    sr[1] = 200;
    v.setUint16(2, 6);
    v.setUint32(4, 42);
    v.setUint32(8, 0x83aa7e80);
    v.setUint32(12, 0x80000000);
    v.setUint32(16, 9000);
    const bye = new Uint8Array([0x81, 203, 0, 1, 0, 0, 0, 42]);
    const both = new Uint8Array([...sr, ...bye]);
    expect(parseRtcp(both)).toEqual([
      { type: 'sr', ssrc: 42, ntpMsw: 0x83aa7e80, ntpLsw: 0x80000000, rtpTimestamp: 9000 },
      { type: 'bye', ssrcs: [42] },
    ]);
    expect(() => parseRtcp(both.subarray(0, 30))).toThrow();
  });

  it('never picks an SSRC of the media sources', () => {
    const values = [0.5, 0.5, 0.25];
    const ssrc = randomSsrc([2 ** 31], () => values.shift()!);
    expect(ssrc).toBe(2 ** 30);
  });
});

describe('ReceptionStats', () => {
  it('reports loss across the sequence wrap, fraction per interval, and LSR/DLSR', () => {
    const s = new ReceptionStats(90000);
    let now = 1000;
    for (let seq = 65530; seq < 65540; seq++) if (seq !== 65533 && seq !== 65537) s.onPacket(5, seq & 0xffff, seq * 3600, (now += 40));
    s.onSenderReport(5, 0x00012345, 0x67890000, 2000);
    const r1 = s.report(2500)!;
    expect(r1.ssrc).toBe(5);
    expect(r1.cumulativeLost).toBe(2);
    expect(r1.extendedHighestSeq).toBe(0x10000 + 3); // 65539 after one wrap
    expect(r1.fractionLost).toBe(Math.floor((2 * 256) / 10));
    expect(r1.lastSr).toBe(0x23456789);
    expect(r1.delaySinceLastSr).toBe(32768); // 0.5 s
    s.onPacket(5, 4, 0, now + 40);
    expect(s.report(3000)!.fractionLost).toBe(0);
  });
});
