// RTSP edge answers and the fault-injection switches, seen from a raw TCP client.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRtspServer } from './demo-rtsp-server.js';
import { TestRtspClient } from '../../testing/rtsp/raw-rtsp-client.js';
import type { DemoRtspServer } from './server-types.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves true if the promise settles within ms. */
const settlesWithin = (p: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([p.then(() => true), sleep(ms).then(() => false)]);

const rtpCount = (c: TestRtspClient): number => c.frames.filter((f) => f.channel === 0).length;

describe('demo RTSP server protocol answers and faults', () => {
  let server: DemoRtspServer;
  const clients: TestRtspClient[] = [];
  const open = async (): Promise<TestRtspClient> => {
    const c = await TestRtspClient.connect(server.port);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startDemoRtspServer({ streams: [{ path: '/cam/1', clip: 'h264', cameraName: 'Gate\r\nNorth' }], sessionTimeoutSec: 60 });
  });
  afterEach(() => {
    clients.splice(0).forEach((c) => c.close());
    server.faults = {};
  });
  afterAll(() => server.close());

  it('answers OPTIONS, DESCRIBE with a usable SDP, and the session errors', async () => {
    const c = await open();
    const url = server.url('/cam/1');
    const options = await c.request('OPTIONS', url);
    expect(options.headers.get('public')).toContain('GET_PARAMETER');
    const d = await c.request('DESCRIBE', url);
    expect(d.headers.get('content-type')).toBe('application/sdp');
    expect(d.headers.get('content-base')).toBe(`${url}/`);
    expect(d.body).toMatch(/^v=0\r\n/);
    expect(d.body).toContain('s=Gate  North\r\n');
    expect(d.body).toMatch(/a=rtpmap:96 H264\/90000\r\n/);
    expect(d.body).toMatch(/a=fmtp:96 packetization-mode=1;profile-level-id=4d[0-9a-f]{4};sprop-parameter-sets=Z[A-Za-z0-9+/=]+,a[A-Za-z0-9+/=]+\r\n/);
    expect(d.body).toContain('a=range:npt=now-');
    expect(d.body).toContain('a=control:trackID=0');
    expect((await c.request('DESCRIBE', server.url('/cam/2'))).status).toBe(404);
    expect((await c.request('PLAY', url, { Session: 'NOPE' })).status).toBe(454);
    expect((await c.request('SETUP', `${url}/trackID=0`, { Transport: 'RTP/AVP;unicast;client_port=5000-5001' })).status).toBe(461);
    expect((await c.request('PAUSE', url)).status).toBe(501);
    const s = await c.request('SETUP', `${url}/trackID=0`, { Transport: 'RTP/AVP/TCP;unicast' });
    expect(s.headers.get('transport')).toMatch(/^RTP\/AVP\/TCP;unicast;interleaved=0-1;ssrc=[0-9A-F]{8}/);
    expect(s.headers.get('session')).toMatch(/^[0-9A-F]{16};timeout=60$/);
    const keepalive = await c.request('GET_PARAMETER', url, { Session: s.headers.get('session')!.split(';')[0] });
    expect(keepalive.status).toBe(200);
  });

  it('closeOnConnect drops the connection before any answer', async () => {
    server.faults.closeOnConnect = true;
    const c = await open();
    expect(await settlesWithin(c.closed, 1000)).toBe(true);
  });

  it('silent never answers, and failMethods forces a status', async () => {
    server.faults.silent = true;
    const c = await open();
    await expect(c.request('OPTIONS', server.url('/cam/1'), {}, 300)).rejects.toThrow(/no response/);
    server.faults = { failMethods: { DESCRIBE: 503 } };
    const c2 = await open();
    expect((await c2.request('DESCRIBE', server.url('/cam/1'))).status).toBe(503);
  });

  it('setNextResponseMalformed breaks exactly one response', async () => {
    const c = await open();
    server.setNextResponseMalformed();
    const bad = await c.request('OPTIONS', server.url('/cam/1'));
    expect(bad.status).toBeNaN();
    const c2 = await open();
    expect((await c2.request('OPTIONS', server.url('/cam/1'))).status).toBe(200);
  });

  it('sdp variants: garbage, no-video, no-sprop', async () => {
    const c = await open();
    server.faults.sdp = 'garbage';
    expect((await c.request('DESCRIBE', server.url('/cam/1'))).body).not.toMatch(/^v=0/);
    server.faults.sdp = 'no-video';
    expect((await c.request('DESCRIBE', server.url('/cam/1'))).body).not.toContain('m=video');
    server.faults.sdp = 'no-sprop';
    const body = (await c.request('DESCRIBE', server.url('/cam/1'))).body;
    expect(body).toContain('m=video');
    expect(body).not.toContain('sprop');
  });

  it('dropAllConnections and dropAfterMs close playing connections', async () => {
    const a = await open();
    await a.play(server.url('/cam/1'));
    await sleep(100);
    expect(rtpCount(a)).toBeGreaterThan(0);
    server.dropAllConnections();
    expect(await settlesWithin(a.closed, 500)).toBe(true);

    server.faults.dropAfterMs = 300;
    const b = await open();
    await b.play(server.url('/cam/1'));
    expect(await settlesWithin(b.closed, 150)).toBe(false);
    expect(await settlesWithin(b.closed, 600)).toBe(true);
    for (let i = 0; i < 20 && server.stats().connections > 0; i++) await sleep(10); // server sees the close a moment later
    expect(server.stats()).toMatchObject({ connections: 0, sessions: 0, playing: 0 });
  });

  it('stallAfterMs stops media but keeps answering; stall(ms) resumes at a keyframe', async () => {
    server.faults.stallAfterMs = 200;
    const a = await open();
    const session = await a.play(server.url('/cam/1'));
    await sleep(400);
    const stalledAt = rtpCount(a);
    expect(stalledAt).toBeGreaterThan(0);
    await sleep(400);
    expect(rtpCount(a)).toBe(stalledAt);
    expect((await a.request('GET_PARAMETER', server.url('/cam/1'), { Session: session })).status).toBe(200);

    server.faults = {};
    const b = await open();
    await b.play(server.url('/cam/1'));
    await sleep(200);
    server.stall(1200);
    await sleep(100);
    const before = rtpCount(b);
    await sleep(1000);
    expect(rtpCount(b)).toBe(before);
    await sleep(1300); // stall ends, then at most one GOP (1 s) until the next keyframe
    const resumed = b.frames.filter((f) => f.channel === 0).slice(before);
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed[0].payload[12] & 0x1f).toBe(7); // SPS first: the resumed picture is an IDR
  });

  it('closes a session whose client stays silent longer than the session timeout', async () => {
    const quick = await startDemoRtspServer({ streams: [{ path: '/cam/1', clip: 'h264' }], sessionTimeoutSec: 1 });
    try {
      const c = await TestRtspClient.connect(quick.port);
      clients.push(c);
      await c.play(quick.url('/cam/1'));
      expect(await settlesWithin(c.closed, 700)).toBe(false);
      expect(await settlesWithin(c.closed, 2000)).toBe(true);
    } finally {
      await quick.close();
    }
  });
});
