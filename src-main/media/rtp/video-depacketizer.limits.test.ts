// A sender that never finishes a NAL unit or an access unit: what the depacketizer holds stays
// under the reassembly limits, the unit is dropped and counted, and the next keyframe plays.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitAnnexB } from '../codec/nal.js';
import { encodeClip } from '../../testing/codec/encoded-clips.js';
import { groupAccessUnits, packetizeStream } from '../../testing/rtp/packetizer.js';
import type { VideoAccessUnit, VideoCodec } from '../types.js';
import { AudioDepacketizer } from './audio-depacketizer.js';
import { DEFAULT_REASSEMBLY_LIMITS } from './reassembly-limits.js';
import type { RtpPacket } from './rtp-packet.js';
import { VideoDepacketizer } from './video-depacketizer.js';

let dir = '';
const clips: Partial<Record<VideoCodec, Uint8Array[][]>> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skywall-limits-'));
  const h264 = await encodeClip(dir, { name: 'h264', codec: 'h264', size: '320x180', options: ['-bf', '0', '-g', '5', '-pix_fmt', 'yuv420p'] }, 5);
  clips.h264 = groupAccessUnits('h264', splitAnnexB(new Uint8Array(await readFile(h264))));
  const h265 = await encodeClip(dir, { name: 'h265', codec: 'h265', size: '320x180', options: ['-bf', '0', '-pix_fmt', 'yuv420p', '-x265-params', 'log-level=error:keyint=5:bframes=0'] }, 5);
  clips.h265 = groupAccessUnits('h265', splitAnnexB(new Uint8Array(await readFile(h265))));
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function depacketizer(codec: VideoCodec) {
  const units: VideoAccessUnit[] = [];
  const d = new VideoDepacketizer({ codec, onAccessUnit: (u) => units.push(u), onTrackInfo: () => undefined, onError: (e) => { throw e; } });
  return { d, units };
}

const packet = (seq: number, payload: Uint8Array, timestamp = 90_000, marker = false): RtpPacket => ({ marker, payloadType: 96, sequenceNumber: seq & 0xffff, timestamp, ssrc: 7, csrcs: [], payload });

/** An FU start (IDR slice) then middle fragments, `count` packets of 1400 bytes, one timestamp, no end. */
function* endlessFragments(codec: VideoCodec, count: number): Generator<RtpPacket> {
  const body = new Uint8Array(1400).fill(0xab);
  const head = codec === 'h264' ? [0x7c] : [49 << 1, 1]; // FU-A indicator (NRI 3) / FU payload header
  const fu = (start: boolean) => (codec === 'h264' ? (start ? 0x80 : 0) | 5 : (start ? 0x80 : 0) | 19);
  for (let i = 0; i < count; i++) yield packet(i, Uint8Array.from([...head, fu(i === 0), ...body]));
}

/** The clip's units after the hostile part, with later sequence numbers and timestamps. */
function clipPackets(codec: VideoCodec, firstSeq: number): RtpPacket[] {
  return packetizeStream(codec, clips[codec]!, { firstSeq, firstTimestamp: 900_000, ssrc: 7 }).flat();
}

describe('reassembly limits', () => {
  for (const codec of ['h264', 'h265'] as const) {
    it(`${codec}: an FU start followed by 21 MB of middle fragments holds at most the NAL limit, then plays on`, () => {
      const { d, units } = depacketizer(codec);
      let most = 0;
      let n = 0;
      for (const p of endlessFragments(codec, 15_000)) {
        d.push(p, 1000);
        most = Math.max(most, d.heldBytes);
        n++;
      }
      expect(n * 1400).toBeGreaterThan(2 * DEFAULT_REASSEMBLY_LIMITS.maxNalBytes);
      expect(most).toBeLessThanOrEqual(DEFAULT_REASSEMBLY_LIMITS.maxNalBytes + 1400);
      expect(d.heldBytes).toBe(0); // given up: the rest of the unit is not collected
      expect(d.stats.oversizeDropped).toBe(1);
      expect(units).toHaveLength(0);
      for (const p of clipPackets(codec, 15_000)) d.push(p, 2000);
      expect(units.length).toBe(clips[codec]!.length);
      expect(units[0].keyframe).toBe(true);
    });
  }

  it('tiny NAL units under one timestamp without a marker: bounded in count', () => {
    const { d } = depacketizer('h264');
    for (let i = 0; i < 5000; i++) d.push(packet(i, Uint8Array.of(0x06, 0x05, 0x01)), 1000); // SEI
    expect(d.stats.oversizeDropped).toBe(1);
    expect(d.heldBytes).toBe(0);
  });

  it('a unit still open after the time limit is given up', () => {
    const { d } = depacketizer('h264');
    const gen = endlessFragments('h264', 40);
    let t = 0;
    for (const p of gen) {
      d.push(p, t);
      t += 100; // 40 small packets over 4 s
    }
    expect(d.stats.oversizeDropped).toBe(1);
    expect(d.heldBytes).toBe(0);
  });

  it('AAC: a frame announced larger than any AAC frame is not collected', () => {
    const frames: unknown[] = [];
    const a = new AudioDepacketizer({ codec: 'aac', aac: { sizeLength: 24, indexLength: 0, indexDeltaLength: 0, frameDuration: 1024 }, onFrame: (f) => frames.push(f) });
    // AU-headers-length 24 bits, one AU of 1,000,000 bytes announced, 1000 bytes present.
    const head = Uint8Array.of(0, 24, 0x0f, 0x42, 0x40);
    a.push(packet(1, Uint8Array.from([...head, ...new Uint8Array(1000)])), 0);
    expect(a.stats.oversizeDropped).toBe(1);
    expect(frames).toHaveLength(0);
  });
});
