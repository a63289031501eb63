// RtspSession against a real GStreamer RTSP server (x264enc, digest auth), checked by decoding
// the received access units with ffmpeg.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GstRtspServer, startGstRtspServer } from '../../../e2e/fixtures/gst-rtsp.js';
import { isSkywallError, type SkywallError } from '../../common/model/errors.js';
import { isVclNal } from '../codec/nal.js';
import { parseRtcp } from '../rtp/rtcp.js';
import { parseRtpPacket } from '../rtp/rtp-packet.js';
import type { VideoAccessUnit } from '../types.js';
import { AuthLockout } from './auth-lockout.js';
import { RtspSession } from './rtsp-session.js';
import { decodeCheck, interleavedFrames, receiveFor, requestLines, startTcpProxy } from '../../testing/rtsp/session-kit.js';

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
      const media = interleavedFrames(proxy.fromServer[0]).filter((f) => f.channel === 0);
      expect(media.length).toBeGreaterThan(100);
      const mediaSsrc = parseRtpPacket(media[0].data).ssrc;
      expect(senders.has(mediaSsrc)).toBe(false);
      // ...and the server kept one SSRC for the whole run (the GStreamer SSRC-switch symptom).
      expect(new Set(media.map((f) => parseRtpPacket(f.data).ssrc)).size).toBe(1);
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

  it('wrong password: two rejected logins, then auth_locked without a new request', async () => {
    const lockout = new AuthLockout();
    const proxy = await startTcpProxy(server.authPort);
    try {
      const url = `rtsp://127.0.0.1:${proxy.port}/h264`;
      const logins = () => proxy.fromClient.map((b) => b.toString('latin1').match(/^Authorization: Digest /gm)?.length ?? 0).reduce((a, b) => a + b, 0);
      const first = await failure(new RtspSession({ url, username: server.user, password: 'wrong', lockout }).start());
      expect(first.code).toBe('auth_failed');
      expect(first.message).not.toContain('wrong');
      // The server answered the anonymous DESCRIBE with a challenge, then rejected one login.
      expect(logins()).toBe(1);

      const second = await failure(new RtspSession({ url, username: server.user, password: 'wrong', lockout }).start());
      expect(second.code).toBe('auth_failed');
      expect(logins()).toBe(2);
      const connectionsAfterTwo = proxy.connections;
      const requestsAfterTwo = proxy.fromClient.map((b) => requestLines(b).length);

      const third = await failure(new RtspSession({ url, username: server.user, password: 'wrong', lockout }).start());
      expect(third.code).toBe('auth_locked');
      expect(proxy.connections).toBe(connectionsAfterTwo); // no new connection...
      expect(proxy.fromClient.map((b) => requestLines(b).length)).toEqual(requestsAfterTwo); // ...and no new request
      expect(logins()).toBe(2);

      // Other credentials are a different key: the correct password goes through.
      const ok = await receiveFor({ url, username: server.user, password: server.password, lockout }, 200);
      expect(ok.tracks).toHaveLength(1);
      // And the caller can unlock the wrong ones explicitly.
      lockout.reset();
      const afterReset = await failure(new RtspSession({ url, username: server.user, password: 'wrong', lockout }).start());
      expect(afterReset.code).toBe('auth_failed');
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
