import { describe, expect, it } from 'vitest';
import type { VideoCodec } from '../../media/types.js';
import { resolveAssetsDir } from '../assets-dir.js';
import { loadDemoClips } from './demo-clips.js';
import { RtpPacketizer } from './rtp-packetizer.js';

const clips = await loadDemoClips(resolveAssetsDir());

interface Parsed {
  marker: boolean;
  seq: number;
  ts: number;
  ssrc: number;
  pt: number;
  payload: Uint8Array;
}

function parseRtp(p: Uint8Array): Parsed {
  const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
  expect(p[0]).toBe(0x80);
  return { marker: (p[1] & 0x80) !== 0, pt: p[1] & 0x7f, seq: v.getUint16(2), ts: v.getUint32(4), ssrc: v.getUint32(8), payload: p.subarray(12) };
}

/** Independent depacketizer per RFC 6184 / RFC 7798, to check the packetizer's output. */
function depacketize(codec: VideoCodec, payloads: Uint8Array[]): { nalus: number[][]; kinds: string[] } {
  const nalus: number[][] = [];
  const kinds: string[] = [];
  let fu: number[] | undefined;
  for (const pl of payloads) {
    const type = codec === 'h264' ? pl[0] & 0x1f : (pl[0] >> 1) & 0x3f;
    const aggregate = codec === 'h264' ? 24 : 48;
    const fragment = codec === 'h264' ? 28 : 49;
    const hdr = codec === 'h264' ? 1 : 2;
    if (type === aggregate) {
      kinds.push('aggregate');
      for (let o = hdr; o < pl.length; ) {
        const size = (pl[o] << 8) | pl[o + 1];
        nalus.push([...pl.subarray(o + 2, o + 2 + size)]);
        o += 2 + size;
      }
    } else if (type === fragment) {
      const fuHeader = pl[hdr];
      const start = (fuHeader & 0x80) !== 0;
      const end = (fuHeader & 0x40) !== 0;
      kinds.push(start ? 'fu-start' : end ? 'fu-end' : 'fu-mid');
      if (start) {
        expect(fu).toBeUndefined();
        fu = codec === 'h264' ? [(pl[0] & 0xe0) | (fuHeader & 0x1f)] : [(pl[0] & 0x81) | ((fuHeader & 0x3f) << 1), pl[1]];
      }
      expect(fu).toBeDefined();
      fu!.push(...pl.subarray(hdr + 1));
      if (end) {
        nalus.push(fu!);
        fu = undefined;
      }
    } else {
      kinds.push('single');
      nalus.push([...pl]);
    }
  }
  expect(fu).toBeUndefined();
  return { nalus, kinds };
}

describe('RtpPacketizer', () => {
  for (const codec of ['h264', 'h265'] as const) {
    for (const aggregate of [false, true]) {
      it(`${codec}${aggregate ? ' with aggregation' : ''}: round-trips every picture of the clip`, () => {
        const clip = clips.get(codec)!;
        const maxPayload = 300;
        const rtp = new RtpPacketizer({ codec, ssrc: 0xdeadbeef, payloadType: 96, initialSeq: 0xfff0, maxPayload, aggregate });
        let expectedSeq = 0xfff0;
        const kinds = new Set<string>();
        for (const [i, unit] of clip.units.slice(0, 30).entries()) {
          const packets = rtp.packetize(unit.nalus, 1000 + i * 3600).map(parseRtp);
          for (const [k, p] of packets.entries()) {
            expect(p.seq).toBe(expectedSeq);
            expectedSeq = (expectedSeq + 1) & 0xffff;
            expect(p.ts).toBe(1000 + i * 3600);
            expect(p.ssrc).toBe(0xdeadbeef);
            expect(p.pt).toBe(96);
            expect(p.marker).toBe(k === packets.length - 1);
            expect(p.payload.length).toBeLessThanOrEqual(maxPayload);
          }
          const back = depacketize(codec, packets.map((p) => p.payload));
          back.kinds.forEach((k) => kinds.add(k));
          expect(back.nalus).toEqual(unit.nalus.map((n) => [...n]));
        }
        expect(kinds.has('fu-start') && kinds.has('fu-end') && (aggregate || kinds.has('single'))).toBe(true);
        expect(kinds.has('aggregate')).toBe(aggregate);
      });
    }
  }

  it('does not send access unit delimiters', () => {
    const rtp = new RtpPacketizer({ codec: 'h264', ssrc: 1, payloadType: 96, initialSeq: 0, maxPayload: 1400, aggregate: false });
    const packets = rtp.packetize([new Uint8Array([0x09, 0xf0]), new Uint8Array([0x65, 0x88, 0x01])], 0).map(parseRtp);
    expect(packets.map((p) => [...p.payload])).toEqual([[0x65, 0x88, 0x01]]);
  });
});
