// AAC frames from ffmpeg's encoder, packed by hand into RFC 3640 AAC-hbr packets.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudioFrame } from '../types.js';
import { AudioDepacketizer } from './audio-depacketizer.js';
import { buildRtpPacket, parseRtpPacket, type RtpPacket } from './rtp-packet.js';
import { concat } from '../../testing/rtp/packetizer.js';

const run = promisify(execFile);
let dir = '';
const frames: Uint8Array[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skywall-aac-'));
  const file = join(dir, 'tone.aac');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000', '-t', '1', '-c:a', 'aac', '-b:a', '32k', '-f', 'adts', file]);
  const data = new Uint8Array(await readFile(file));
  for (let o = 0; o + 7 <= data.length; ) {
    expect(data[o] === 0xff && (data[o + 1] & 0xf0) === 0xf0).toBe(true);
    const length = ((data[o + 3] & 0x03) << 11) | (data[o + 4] << 3) | (data[o + 5] >> 5);
    const headerLength = data[o + 1] & 0x01 ? 7 : 9;
    frames.push(data.slice(o + headerLength, o + length));
    o += length;
  }
}, 30_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** AU-headers: 13-bit size + 3-bit index (0) per AU, preceded by the 16-bit header length. */
function aacPayload(aus: Uint8Array[], declaredSizes = aus.map((a) => a.length)): Uint8Array {
  const headers = new Uint8Array(2 + aus.length * 2);
  new DataView(headers.buffer).setUint16(0, aus.length * 16);
  declaredSizes.forEach((size, i) => new DataView(headers.buffer).setUint16(2 + i * 2, size << 3));
  return concat([headers, ...aus]);
}

function packet(seq: number, timestamp: number, payload: Uint8Array, marker = true, ssrc = 7): RtpPacket {
  return parseRtpPacket(buildRtpPacket({ payloadType: 97, sequenceNumber: seq, timestamp, ssrc, marker, payload }));
}

describe('AAC (RFC 3640 AAC-hbr)', () => {
  it('splits several access units per packet with per-frame timestamps', () => {
    const out: AudioFrame[] = [];
    const d = new AudioDepacketizer({ codec: 'aac', onFrame: (f) => out.push(f) });
    const groups: Uint8Array[][] = [];
    for (let i = 0; i < frames.length; i += 3) groups.push(frames.slice(i, i + 3));
    let ts = 4_000_000_000;
    groups.forEach((g, i) => {
      d.push(packet(i, ts >>> 0, aacPayload(g)));
      ts += g.length * 1024;
    });
    expect(out.map((f) => Buffer.from(f.data).toString('hex'))).toEqual(frames.map((f) => Buffer.from(f).toString('hex')));
    expect(out.map((f) => f.pts)).toEqual(frames.map((_, i) => i * 1024));
    expect(d.stats.frames).toBe(frames.length);
  });

  it('reassembles one access unit fragmented over several packets', () => {
    const out: AudioFrame[] = [];
    const d = new AudioDepacketizer({ codec: 'aac', onFrame: (f) => out.push(f) });
    const big = frames.reduce((a, b) => (b.length > a.length ? b : a));
    const third = Math.ceil(big.length / 3);
    const parts = [big.subarray(0, third), big.subarray(third, 2 * third), big.subarray(2 * third)];
    parts.forEach((p, i) => d.push(packet(10 + i, 5000, aacPayload([p], [big.length]), i === 2)));
    expect(out).toHaveLength(1);
    expect(Buffer.from(out[0].data).equals(Buffer.from(big))).toBe(true);
  });

  it('drops a fragmented unit that lost a piece and goes on with the next one', () => {
    const out: AudioFrame[] = [];
    const d = new AudioDepacketizer({ codec: 'aac', onFrame: (f) => out.push(f) });
    const big = frames[1];
    const half = Math.ceil(big.length / 2);
    d.push(packet(1, 0, aacPayload([big.subarray(0, 10)], [big.length]), false));
    d.push(packet(3, 0, aacPayload([big.subarray(half)], [big.length]), true)); // seq 2 lost
    d.push(packet(4, 1024, aacPayload([frames[2]])));
    expect(out.map((f) => f.pts)).toEqual([1024]);
    expect(d.stats.packetsLost).toBe(1);
    expect(d.stats.framesDropped + d.stats.badPayloads).toBeGreaterThanOrEqual(1);
  });

  it('counts AU headers that run past the payload as bad, without throwing', () => {
    const d = new AudioDepacketizer({ codec: 'aac', onFrame: () => undefined });
    d.push(packet(1, 0, new Uint8Array([0x00, 0xff, 1, 2])));
    d.push(packet(2, 0, new Uint8Array([0x00])));
    expect(d.stats.badPayloads).toBe(2);
  });
});

describe('G.711', () => {
  it('passes samples through with 8 kHz timestamps and counts gaps', () => {
    const out: AudioFrame[] = [];
    const d = new AudioDepacketizer({ codec: 'pcma', onFrame: (f) => out.push(f) });
    const samples = (n: number) => Uint8Array.from({ length: 160 }, (_, i) => (i + n) & 0xff);
    d.push(packet(100, 9000, samples(0)));
    d.push(packet(101, 9160, samples(1)));
    d.push(packet(103, 9480, samples(3)));
    expect(out.map((f) => [f.codec, f.pts, f.data[0]])).toEqual([
      ['pcma', 0, 0],
      ['pcma', 160, 1],
      ['pcma', 480, 3],
    ]);
    expect(d.stats.packetsLost).toBe(1);
  });
});
