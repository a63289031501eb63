// RtspSession against a scripted raw TCP camera: protocol variants seen on real devices.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { packetizeStream } from '../../testing/rtp/packetizer.js';
import type { VideoAccessUnit } from '../types.js';
import { AuthLockout } from './auth-lockout.js';
import { parseAuthParams } from './digest-auth.js';
import { failure, fakeCamera, h264Sdp, rtpBytes, sdpText, sessionFor, watch } from '../../testing/rtsp/fake-camera.js';
import { useFakeCameraClip } from '../../testing/rtsp/clip-fixture.js';
import { interleave, response } from '../../testing/rtsp/session-kit.js';

const camera = useFakeCameraClip('skywall-fake-');
const { servers } = camera;

describe('protocol variants', () => {
  it('uses the channels the server picks, Content-Base with a query (Dahua style), and GET_PARAMETER keepalive', async () => {
    const seen: string[] = [];
    const server = await fakeCamera(camera.clip, servers, 
      (req, socket) => {
        seen.push(`${req.method} ${req.url}`);
        if (req.method === 'OPTIONS' && !req.headers['session']) {
          socket.write(response(req.cseq, '200 OK', { Public: 'OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN' }));
          return true;
        }
        if (req.method === 'DESCRIBE') {
          socket.write(response(req.cseq, '200 OK', { 'Content-Base': `rtsp://127.0.0.1:${server.port}/cam/realmonitor?channel=1&subtype=0/` }, h264Sdp(camera.clip.sprop)));
          return true;
        }
        if (req.method === 'SETUP') {
          socket.write(response(req.cseq, '200 OK', { Transport: 'RTP/AVP/TCP;unicast;interleaved=6-7;ssrc=00001234', Session: 'ABC; timeout=2' }));
          return true;
        }
        return false;
      },
      (socket) => {
        const pkts = rtpBytes(packetizeStream('h264', camera.clip.units, { firstTimestamp: 12345 }));
        let i = 0;
        const timer = setInterval(() => (i < pkts.length && !socket.destroyed ? socket.write(interleave(6, pkts[i++])) : clearInterval(timer)), 20);
      },
    );
    const s = sessionFor(server, { url: `rtsp://127.0.0.1:${server.port}/cam/realmonitor?channel=1&subtype=0` });
    const { out } = watch(s);
    await s.start();
    await new Promise((r) => setTimeout(r, 1300));
    await s.stop();
    expect(out.errors).toEqual([]);
    expect(out.samples.length).toBeGreaterThan(5);
    expect(seen).toContain(`SETUP rtsp://127.0.0.1:${server.port}/cam/realmonitor?channel=1&subtype=0/trackID=0`);
    expect(seen.some((l) => l.startsWith('GET_PARAMETER '))).toBe(true); // session timeout 2 s -> keepalive every 1 s
    expect(seen.at(-1)?.startsWith('TEARDOWN ')).toBe(true);
  });

  it('without sprop-parameter-sets, takes SPS/PPS from the stream and starts at the first keyframe', async () => {
    const server = await fakeCamera(camera.clip, servers, 
      (req, socket) => {
        if (req.method !== 'DESCRIBE') return false;
        socket.write(response(req.cseq, '200 OK', {}, sdpText('m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\na=control:trackID=0\r\n')));
        return true;
      },
      (socket) => {
        // Start mid-GOP: units 5..29 (keyframes at 10 and 20 carry SPS/PPS in-band).
        for (const b of rtpBytes(packetizeStream('h264', camera.clip.units.slice(5), { firstTimestamp: 12345 }))) socket.write(interleave(0, b));
      },
    );
    const s = sessionFor(server);
    const events: string[] = [];
    s.on('tracks', (t) => events.push(`tracks ${t.video?.width}x${t.video?.height}`));
    s.on('sample', (x) => events.push((x as VideoAccessUnit).keyframe ? 'key' : 'frame'));
    await s.start();
    await new Promise((r) => setTimeout(r, 200));
    const stats = s.stats;
    await s.stop();
    expect(events.slice(0, 3)).toEqual(['tracks 320x180', 'key', 'frame']);
    expect(events.filter((e) => e.startsWith('tracks'))).toHaveLength(1);
    expect(stats.framesDropped).toBe(5); // units 5..9 came before the first keyframe
  });

  it('picks Digest SHA-256 over MD5 and Basic, and the server can verify it', async () => {
    const realm = 'cam';
    const nonce = 'n0nce';
    const password = 'p@ss:w/ord';
    let verified = 0;
    const server = await fakeCamera(camera.clip, servers, (req, socket) => {
      const auth = req.headers['authorization'];
      const params = auth?.startsWith('Digest ') ? parseAuthParams(auth.slice(7)) : undefined;
      const sha = (s: string) => createHash('sha256').update(s).digest('hex');
      // Independent server-side check (RFC 7616 3.4.1, qop=auth).
      const expected = params && sha(`${sha(`admin:${realm}:${password}`)}:${nonce}:${params.nc}:${params.cnonce}:auth:${sha(`${req.method}:${params.uri}`)}`);
      if (params && params.algorithm === 'SHA-256' && params.uri === req.url && params.response === expected) {
        verified++;
        return false;
      }
      socket.write(
        `RTSP/1.0 401 Unauthorized\r\nCSeq: ${req.cseq}\r\nWWW-Authenticate: Basic realm="${realm}"\r\n` +
          `WWW-Authenticate: Digest realm="${realm}", nonce="${nonce}", algorithm=MD5, qop="auth"\r\n` +
          `WWW-Authenticate: Digest realm="${realm}", nonce="${nonce}", algorithm=SHA-256, qop="auth"\r\n\r\n`,
      );
      return true;
    });
    const s = sessionFor(server, { url: `rtsp://admin:${encodeURIComponent(password)}@127.0.0.1:${server.port}/live`, noDataTimeoutMs: 60_000 });
    await s.start();
    await s.stop();
    expect(verified).toBe(5); // OPTIONS (after the challenge), DESCRIBE, SETUP, PLAY, TEARDOWN
  });

  it('serializes unverified credentials: parallel opens with a wrong password cost two failed logins at most', async () => {
    let logins = 0;
    const server = await fakeCamera(camera.clip, servers, (req, socket) => {
      if (req.headers['authorization']) logins++;
      socket.write(response(req.cseq, '401 Unauthorized', { 'WWW-Authenticate': 'Basic realm="x"' }));
      return true;
    });
    const lockout = new AuthLockout();
    const results = await Promise.all([1, 2, 3, 4].map(() => failure(sessionFor(server, { username: 'u', password: 'bad', lockout }).start())));
    expect(results.map((e) => e.code).sort()).toEqual(['auth_failed', 'auth_failed', 'auth_locked', 'auth_locked']);
    expect(logins).toBe(2);
  });
});
