// RtspSession against a real GStreamer RTSP server (x264enc, digest auth), checked by decoding
// the received access units with ffmpeg.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GstRtspServer, startGstRtspServer } from '../../../e2e/fixtures/gst-rtsp.js';
import { isSkywallError, type SkywallError } from '../../common/model/errors.js';
import { isVclNal, toAnnexB } from '../codec/nal.js';
import { parseRtcp } from '../rtp/rtcp.js';
import type { VideoAccessUnit, VideoTrackInfo } from '../types.js';
import { AuthLockout } from './auth-lockout.js';
import { RtspSession } from './rtsp-session.js';
import { interleavedFrames, receiveFor, requestLines, startTcpProxy } from './test-support.js';

const run = promisify(execFile);
const SIZE = { width: 320, height: 180, fps: 25 };
let server: GstRtspServer;
let dir = '';

beforeAll(async () => {
  server = await startGstRtspServer(SIZE);
  dir = await mkdtemp(join(tmpdir(), 'skywall-rtsp-'));
}, 20_000);

afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Decodes access units with ffmpeg; returns ffprobe's decoded frame count (errors fail the test). */
export async function decodeCheck(workDir: string, track: VideoTrackInfo, units: VideoAccessUnit[]): Promise<number> {
  const file = join(workDir, `rx-${Math.random().toString(36).slice(2)}.${track.codec}`);
  const ps = [...(track.vps ? [track.vps] : []), track.sps, track.pps];
  await writeFile(file, toAnnexB([...ps, ...units.flatMap((u) => u.nalus)]));
  const fmt = track.codec === 'h264' ? 'h264' : 'hevc';
  const { stderr } = await run('ffmpeg', ['-v', 'error', '-f', fmt, '-i', file, '-f', 'null', '-']);
  expect(stderr).toBe('');
  const { stdout } = await run('ffprobe', ['-v', 'error', '-f', fmt, '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

async function failure(promise: Promise<unknown>): Promise<SkywallError> {
  try {
    await promise;
  } catch (e) {
    if (isSkywallError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('H.264 from GStreamer', () => {
  it('delivers decodable access units with track info, keyframes and 25 fps timestamps', async () => {
    const proxy = await startTcpProxy(server.port);
    try {
      const r = await receiveFor({ url: `rtsp://127.0.0.1:${proxy.port}/h264`, rtcpIntervalMs: 500 }, 2300);
      expect(r.errors).toEqual([]);
      expect(r.closes).toEqual([{ reason: 'stopped' }]);
      expect(r.tracks).toHaveLength(1);
      const video = r.tracks[0].video!;
      expect([video.codec, video.width, video.height]).toEqual(['h264', SIZE.width, SIZE.height]);
      expect(video.codecString).toMatch(/^avc1\.64[0-9a-f]{4}$/); // High profile, as the server's caps ask

      const units = r.samples as VideoAccessUnit[];
      expect(units.every((u) => u.kind === 'video')).toBe(true);
      expect(units[0].keyframe).toBe(true);
      expect(units.filter((u) => u.keyframe).length).toBeGreaterThanOrEqual(2); // one per second
      const steps = units.slice(1).map((u, i) => u.pts90k - units[i].pts90k);
      expect(Math.min(...steps)).toBeGreaterThanOrEqual(3600 - 2);
      expect(Math.max(...steps)).toBeLessThanOrEqual(3600 + 2);
      expect(units.at(-1)!.pts90k - units[0].pts90k).toBeGreaterThanOrEqual(2 * 90000 - 3600);

      const stats = r.session.stats;
      expect([stats.packetsLost, stats.framesDropped, stats.badPackets]).toEqual([0, 0, 0]);
      expect(stats.videoFrames).toBe(units.length);
      expect(await decodeCheck(dir, video, units)).toBe(units.length);

      // Receiver reports went out on the RTCP channel with the client's own SSRC, never the camera's.
      const requests = requestLines(proxy.fromClient[0]).map((l) => l.split(' ')[0]);
      expect(requests).toEqual(['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY', 'TEARDOWN']);
      const rtcp = interleavedFrames(proxy.fromClient[0]).filter((f) => f.channel === 1).flatMap((f) => parseRtcp(f.data));
      const senders = new Set(rtcp.filter((p) => p.type === 'rr').map((p) => (p as { ssrc: number }).ssrc));
      expect(stats.rtcpSent).toBeGreaterThanOrEqual(3);
      expect(senders.size).toBe(1);
      const mediaSsrc = interleavedSsrcFromServer(r);
      expect(senders.has(mediaSsrc)).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it('keeps multi-slice pictures whole (4 slices per access unit, SPS/PPS repeated by the payloader)', async () => {
    const r = await receiveFor({ url: server.url('/h264-slices') }, 2000);
    const units = r.samples as VideoAccessUnit[];
    expect(units.length).toBeGreaterThan(40);
    const slices = units.map((u) => u.nalus.filter((n) => isVclNal('h264', n)).length);
    expect(Math.min(...slices)).toBeGreaterThanOrEqual(4);
    expect(await decodeCheck(dir, r.tracks[0].video!, units)).toBe(units.length);
  });
});

// The SSRC the server used, from the depacketized stream's reception statistics.
function interleavedSsrcFromServer(r: { session: RtspSession }): number {
  const tracks = (r.session as unknown as { tracksList: Array<{ ssrc: number | undefined }> }).tracksList;
  const ssrc = tracks[0]?.ssrc;
  if (ssrc === undefined) throw new Error('no media SSRC seen');
  return ssrc;
}

describe('authentication and errors', () => {
  it('logs in with Digest', async () => {
    const r = await receiveFor({ url: server.authUrl, username: server.user, password: server.password, lockout: new AuthLockout() }, 600);
    expect(r.tracks[0].video?.codec).toBe('h264');
    expect(r.samples.length).toBeGreaterThan(5);
  });

  it('accepts credentials given in the URL, and never puts them in error messages', async () => {
    const lockout = new AuthLockout();
    const url = server.authUrl.replace('rtsp://', `rtsp://${server.user}:${encodeURIComponent(server.password)}@`);
    const r = await receiveFor({ url, lockout }, 300);
    expect(r.tracks).toHaveLength(1);
    const bad = new RtspSession({ url: url.replace('/h264', '/missing'), lockout });
    const err = await failure(bad.start());
    expect(err.code).toBe('not_found');
    expect(JSON.stringify({ m: err.message, p: err.params })).not.toContain(server.password);
  });

  it('wrong password -> auth_failed; same credentials again -> auth_locked without a new request', async () => {
    const lockout = new AuthLockout();
    const proxy = await startTcpProxy(server.authPort);
    try {
      const url = `rtsp://127.0.0.1:${proxy.port}/h264`;
      const first = await failure(new RtspSession({ url, username: server.user, password: 'wrong', lockout }).start());
      expect(first.code).toBe('auth_failed');
      expect(first.message).not.toContain('wrong');
      const sent = proxy.fromClient[0].toString('latin1');
      const requestsAfterFirst = requestLines(proxy.fromClient[0]).length;
      // The server answered the anonymous DESCRIBE with a challenge, then rejected one login.
      expect(sent.match(/^Authorization: Digest /gm)).toHaveLength(1);

      const second = await failure(new RtspSession({ url, username: server.user, password: 'wrong', lockout }).start());
      expect(second.code).toBe('auth_locked');
      expect(proxy.connections).toBe(1); // no new connection...
      expect(requestLines(proxy.fromClient[0])).toHaveLength(requestsAfterFirst); // ...and no new request

      // Other credentials are a different key: the correct password goes through.
      const ok = await receiveFor({ url, username: server.user, password: server.password, lockout }, 200);
      expect(ok.tracks).toHaveLength(1);
      // And the caller can unlock the wrong ones explicitly.
      lockout.reset();
      const third = await failure(new RtspSession({ url, username: server.user, password: 'wrong', lockout }).start());
      expect(third.code).toBe('auth_failed');
    } finally {
      await proxy.close();
    }
  });

  it('asks for credentials when none are given', async () => {
    const err = await failure(new RtspSession({ url: server.authUrl, lockout: new AuthLockout() }).start());
    expect(err.code).toBe('auth_failed');
    expect(err.params?.reason).toBe('credentials_required');
  });

  it('maps 404 to not_found and a closed port to unreachable', async () => {
    const nf = await failure(new RtspSession({ url: server.url('/no-such-mount') }).start());
    expect(nf.code).toBe('not_found');
    const probe = await startTcpProxy(1);
    const freePort = probe.port;
    await probe.close();
    const un = await failure(new RtspSession({ url: `rtsp://127.0.0.1:${freePort}/x` }).start());
    expect(un.code).toBe('unreachable');
  });
});
