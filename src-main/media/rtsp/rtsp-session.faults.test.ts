// RtspSession against a scripted raw TCP camera: injected faults.
import { describe, expect, it } from 'vitest';
import { packetizeStream } from '../../testing/rtp/packetizer.js';
import { failure, fakeCamera, rtpBytes, sdpText, sessionFor, watch } from '../../testing/rtsp/fake-camera.js';
import { useFakeCameraClip } from '../../testing/rtsp/clip-fixture.js';
import { interleave, response } from '../../testing/rtsp/session-kit.js';

const camera = useFakeCameraClip('skywall-fake-');
const { servers } = camera;

describe('faults', () => {
  it('connection dropped mid-stream -> error (unreachable) then close, samples before it kept', async () => {
    const server = await fakeCamera(camera.clip, servers, undefined, (socket) => {
      for (const b of rtpBytes(packetizeStream('h264', camera.clip.units.slice(0, 5), { firstTimestamp: 12345 }))) socket.write(interleave(0, b));
      setTimeout(() => socket.destroy(), 50);
    });
    const s = sessionFor(server);
    const { out, closed } = watch(s);
    await s.start();
    await closed;
    expect(out.samples).toHaveLength(5);
    expect(out.samples[0].pts90k).toBe(0); // RTP-Info rtptime 12345 is time zero
    expect(out.errors.map((e) => [e.code, e.params?.reason])).toEqual([['unreachable', 'closed']]);
    expect(out.closed?.reason).toBe('error');
  });

  it('malformed status line -> protocol', async () => {
    const server = await fakeCamera(camera.clip, servers, (req, socket) => {
      socket.write(`RTSP/1.0 OK-ISH\r\nCSeq: ${req.cseq}\r\n\r\n`);
      return true;
    });
    const err = await failure(sessionFor(server).start());
    expect(err.code).toBe('protocol');
    expect(err.message).toMatch(/malformed RTSP status line/);
  });

  it('an HTTP server on the port -> protocol', async () => {
    const server = await fakeCamera(camera.clip, servers, (_req, socket) => {
      socket.write('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return true;
    });
    expect((await failure(sessionFor(server).start())).code).toBe('protocol');
  });

  it('bad SDP -> protocol', async () => {
    const server = await fakeCamera(camera.clip, servers, (req, socket) => {
      if (req.method !== 'DESCRIBE') return false;
      socket.write(response(req.cseq, '200 OK', { 'Content-Type': 'application/sdp' }, 'this is not SDP'));
      return true;
    });
    const err = await failure(sessionFor(server).start());
    expect([err.code, err.params?.method]).toEqual(['protocol', 'DESCRIBE']);
  });

  it('an a=control that is not an RTSP URL -> protocol, unusable SDP', async () => {
    const server = await fakeCamera(camera.clip, servers, (req, socket) => {
      if (req.method !== 'DESCRIBE') return false;
      socket.write(response(req.cseq, '200 OK', {}, sdpText('m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:http://192.0.2.1/track\r\n')));
      return true;
    });
    const err = await failure(sessionFor(server).start());
    expect([err.code, err.params?.method]).toEqual(['protocol', 'DESCRIBE']);
    expect(err.message).toMatch(/unusable SDP/);
  });

  it('MJPEG only -> unsupported_codec naming what was offered', async () => {
    const server = await fakeCamera(camera.clip, servers, (req, socket) => {
      if (req.method !== 'DESCRIBE') return false;
      socket.write(response(req.cseq, '200 OK', {}, sdpText('m=video 0 RTP/AVP 26\r\na=rtpmap:26 JPEG/90000\r\n')));
      return true;
    });
    const err = await failure(sessionFor(server).start());
    expect(err.code).toBe('unsupported_codec');
    expect(err.params?.codecs).toBe('video JPEG');
  });

  it('garbage RTP and unknown channels are counted, good data still flows', async () => {
    const server = await fakeCamera(camera.clip, servers, undefined, (socket) => {
      const good = rtpBytes(packetizeStream('h264', camera.clip.units.slice(0, 10), { firstTimestamp: 12345 }));
      good.forEach((b, i) => {
        socket.write(interleave(0, b));
        if (i % 3 === 0) socket.write(interleave(0, Buffer.from([0x12, 0x34, 0x56]))); // too short
        if (i % 5 === 0) socket.write(interleave(0, Buffer.alloc(40, 0x40))); // RTP version 1
        if (i % 7 === 0) socket.write(interleave(9, Buffer.alloc(20, 0xff))); // nobody's channel
      });
      socket.write(interleave(1, Buffer.from('not rtcp at all')));
    });
    const s = sessionFor(server);
    const { out } = watch(s);
    await s.start();
    await new Promise((r) => setTimeout(r, 300));
    const stats = s.stats;
    await s.stop();
    expect(out.errors).toEqual([]);
    expect(out.samples).toHaveLength(10);
    const expectedBad = [...Array(rtpBytes(packetizeStream('h264', camera.clip.units.slice(0, 10))).length).keys()].reduce((n, i) => n + (i % 3 === 0 ? 1 : 0) + (i % 5 === 0 ? 1 : 0) + (i % 7 === 0 ? 1 : 0), 1);
    expect(stats.badPackets).toBe(expectedBad);
  });

  it('bytes outside any frame after PLAY -> protocol error event', async () => {
    const server = await fakeCamera(camera.clip, servers, undefined, (socket) => socket.write(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04, 0x05])));
    const s = sessionFor(server);
    const { out, closed } = watch(s);
    await s.start();
    await closed;
    expect(out.errors.map((e) => e.code)).toEqual(['protocol']);
  });

  it('no data after PLAY -> timeout (no_data) within the watchdog time', async () => {
    const server = await fakeCamera(camera.clip, servers);
    const s = sessionFor(server, { noDataTimeoutMs: 600 });
    const { out, closed } = watch(s);
    await s.start();
    const t0 = Date.now();
    await closed;
    const elapsed = Date.now() - t0;
    expect(out.errors.map((e) => [e.code, e.params?.reason])).toEqual([['timeout', 'no_data']]);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(1500);
  });

  it('no answer to DESCRIBE -> timeout; stop() during start -> close(stopped)', async () => {
    const server = await fakeCamera(camera.clip, servers, (req) => req.method === 'DESCRIBE');
    const err = await failure(sessionFor(server, { timeoutMs: 300 }).start());
    expect([err.code, err.params?.reason]).toEqual(['timeout', 'response']);

    const s = sessionFor(server, { timeoutMs: 5000 });
    const { out } = watch(s);
    const started = s.start();
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await s.stop();
    expect(Date.now() - t0).toBeLessThan(500);
    expect((await failure(started)).params?.reason).toBe('stopped');
    expect(out.closed?.reason).toBe('stopped');
  });

  it('server BYE ends the session with reason ended', async () => {
    const server = await fakeCamera(camera.clip, servers, undefined, (socket) => {
      for (const b of rtpBytes(packetizeStream('h264', camera.clip.units.slice(0, 3), { ssrc: 0x1234 }))) socket.write(interleave(0, b));
      socket.write(interleave(1, Buffer.from([0x81, 203, 0, 1, 0, 0, 0x12, 0x34])));
    });
    const s = sessionFor(server);
    const { out, closed } = watch(s);
    await s.start();
    await closed;
    expect(out.closed).toEqual({ reason: 'ended' });
    expect(out.samples).toHaveLength(3);
  });
});

