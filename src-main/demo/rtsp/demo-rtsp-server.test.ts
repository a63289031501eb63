// ffprobe (a real, independent RTSP client) against the demo camera, with and without auth.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDemoRtspServer } from './demo-rtsp-server.js';
import type { DemoRtspServer } from './server-types.js';
import { ffprobeRtsp, runProcess } from '../../testing/rtsp/ffprobe-processes.js';

const creds = { username: 'operator', password: 's3cret:pass' };

async function expectPlayable(server: DemoRtspServer, credentials?: typeof creds): Promise<void> {
  const [h264, h265] = await Promise.all([ffprobeRtsp(server.url('/demo/h264', credentials)), ffprobeRtsp(server.url('/demo/h265', credentials))]);
  expect(h264.result.stderr).toBe('');
  expect(h264.streams.map((s) => [s.codec_name, s.width, s.height])).toEqual([['h264', 640, 360]]);
  expect(h265.result.stderr).toBe('');
  expect(h265.streams.map((s) => [s.codec_name, s.width, s.height])).toEqual([['hevc', 640, 360]]);
}

async function expectRejected(server: DemoRtspServer, password: string): Promise<void> {
  const probe = await ffprobeRtsp(server.url('/demo/h264', { username: creds.username, password }));
  expect(probe.result.code).not.toBe(0);
  expect(probe.result.stderr).toContain('401');
  expect(probe.streams).toEqual([]);
}

describe('demo RTSP server without auth', () => {
  let server: DemoRtspServer;
  beforeAll(async () => {
    server = await startDemoRtspServer({ port: 0 });
  });
  afterAll(() => server.close());

  it('serves H.264 and H.265 that ffprobe decodes as 640x360', async () => {
    await expectPlayable(server);
    // ffprobe sends TEARDOWN as it exits and waits for no answer: the server may read it a moment later.
    await vi.waitFor(() => expect(server.requestLog.map((e) => e.method)).toEqual(expect.arrayContaining(['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY', 'TEARDOWN'])), { timeout: 3000 });
  });

  it('answers 461 to a UDP SETUP', async () => {
    const probe = await runProcess('ffprobe', ['-rtsp_transport', 'udp', '-v', 'error', '-show_streams', '-of', 'json', server.url('/demo/h264')]);
    expect(probe.code).not.toBe(0);
    expect(probe.stderr).toContain('461');
    expect(server.requestLog.find((e) => e.method === 'SETUP' && e.status === 461)).toBeDefined();
  });

  it('answers 404 for an unknown path', async () => {
    const probe = await ffprobeRtsp(server.url('/demo/nope'));
    expect(probe.result.code).not.toBe(0);
    expect(probe.result.stderr).toContain('404');
  });
});

describe('demo RTSP server with Digest auth (qop=auth)', () => {
  let server: DemoRtspServer;
  beforeAll(async () => {
    server = await startDemoRtspServer({ auth: { ...creds, scheme: 'digest' } });
  });
  afterAll(() => server.close());

  it('plays with the right password', async () => {
    await expectPlayable(server, creds);
    const authed = server.requestLog.filter((e) => e.method === 'DESCRIBE' && e.status === 200);
    expect(authed.length).toBe(2);
    expect(authed.every((e) => e.authScheme === 'Digest')).toBe(true);
  });

  it('refuses a wrong password with 401', async () => {
    await expectRejected(server, 'wrong');
  });
});

describe('demo RTSP server with Digest auth without qop', () => {
  let server: DemoRtspServer;
  beforeAll(async () => {
    server = await startDemoRtspServer({ auth: { ...creds, scheme: 'digest', digestQop: false } });
  });
  afterAll(() => server.close());

  it('plays with the right password and refuses a wrong one', async () => {
    await expectPlayable(server, creds);
    await expectRejected(server, 'S3cret:pass');
  });
});

describe('demo RTSP server with Basic auth', () => {
  let server: DemoRtspServer;
  beforeAll(async () => {
    server = await startDemoRtspServer({ auth: { ...creds, scheme: 'basic' } });
  });
  afterAll(() => server.close());

  it('plays with the right password and refuses a wrong one', async () => {
    await expectPlayable(server, creds);
    expect(server.requestLog.filter((e) => e.status === 200 && e.method === 'PLAY').every((e) => e.authScheme === 'Basic')).toBe(true);
    await expectRejected(server, '');
  });
});
