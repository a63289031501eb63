import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SkywallError } from '../../common/model/errors.js';
import { startOnvifStub, type OnvifStub, type OnvifStubOptions } from '../../demo/onvif/index.js';
import { connectOnvif } from './onvif-device.js';
import type { OnvifDevice } from './onvif-types.js';

const USER = 'admin';
const PASS = 'Pa55-word';
const URIS = { main: 'rtsp://192.0.2.10:554/cam/realmonitor?channel=1&subtype=0', sub: 'rtsp://192.0.2.10:554/cam/realmonitor?channel=1&subtype=1' };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function stubWith(o: Partial<OnvifStubOptions>): Promise<OnvifStub> {
  const s = await startOnvifStub({ username: USER, password: PASS, streamUris: URIS, ...o });
  cleanups.push(() => s.close());
  return s;
}

async function connect(s: OnvifStub, password = PASS): Promise<OnvifDevice> {
  const d = await connectOnvif({ host: '127.0.0.1', port: s.port, username: USER, password, timeoutMs: 3000 });
  cleanups.push(() => d.close());
  return d;
}

async function rejection(p: Promise<unknown>): Promise<SkywallError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SkywallError);
    return e as SkywallError;
  }
  throw new Error('expected a rejection');
}

describe('connectOnvif against the demo device', () => {
  it.each(['wsse', 'digest'] as const)('%s: reads device information, profiles and stream URIs', async (auth) => {
    const s = await stubWith({ auth, name: 'Gate Cam' });
    const d = await connect(s);
    expect(await d.info()).toMatchObject({ manufacturer: 'Skywall', model: 'Gate Cam', firmwareVersion: '1.0.0' });
    expect(d.media2).toBe(true);
    expect(d.hasPtzService).toBe(true);
    expect(await d.profiles()).toEqual([
      { token: 'main', name: 'main', encoding: 'H264', codec: 'h264', width: 1920, height: 1080, hasPtz: true, sourceToken: 'video-source-0' },
      { token: 'sub', name: 'sub', encoding: 'H264', codec: 'h264', width: 640, height: 360, hasPtz: true, sourceToken: 'video-source-0' },
    ]);
    expect(await d.streamUri('main')).toBe(URIS.main);
    expect(await d.streamUri('sub')).toBe(URIS.sub);
    expect(await d.snapshotUri('main')).toBe(`http://127.0.0.1:${s.port}/snapshot/main.jpg`);
    const schemes = new Set(s.authLog.filter((e) => e.outcome === 'ok').map((e) => e.scheme));
    expect([...schemes]).toEqual([auth]);
    expect(s.failedAuthAttempts()).toBe(0);
  });

  it.each([3600, -5400])('authenticates with WS-UsernameToken when the device clock is %i s off', async (offset) => {
    const s = await stubWith({ auth: 'wsse', clockOffsetSec: offset });
    const d = await connect(s);
    expect(Math.abs(d.clockOffsetMs - offset * 1000)).toBeLessThan(2000);
    expect((await d.profiles()).length).toBe(2);
    expect(s.failedAuthAttempts()).toBe(0);
  });

  it('reads profiles through Media (ver10) when Media2 is not offered, and maps H.265', async () => {
    const s = await stubWith({ auth: 'either', media2: false, video: { main: { encoding: 'H265', width: 2560, height: 1440 } } });
    const d = await connect(s);
    expect(d.media2).toBe(false);
    const [main] = await d.profiles();
    expect(main).toMatchObject({ token: 'main', encoding: 'H265', codec: 'h265', width: 2560, height: 1440 });
    expect(await d.streamUri('main')).toBe(URIS.main);
    expect(s.requestLog.some((r) => r.path === '/onvif/media2_service')).toBe(false);
  });

  it.each([
    ['wsse', false],
    ['digest', false],
    ['either', false],
    ['wsse', true],
  ] as const)('wrong password (%s, pre-auth discovery %s): auth_failed at once, one failed attempt', async (auth, preAuthDiscovery) => {
    const s = await stubWith({ auth, preAuthDiscovery });
    const t0 = Date.now();
    const err = await rejection(connect(s, 'guess'));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(err.code).toBe('auth_failed');
    expect(err.message).not.toContain('guess');
    expect(err.message).not.toContain(PASS);
    expect(s.failedAuthAttempts()).toBe(1);
  });

  it('returns timeout within the configured time when the device accepts but never answers', async () => {
    const sockets = new Set<Socket>();
    const hang: Server = createServer((sock) => void sockets.add(sock));
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          for (const sock of sockets) sock.destroy();
          hang.close(() => r());
        }),
    );
    const port = (hang.address() as AddressInfo).port;
    const t0 = Date.now();
    const err = await rejection(connectOnvif({ host: '127.0.0.1', port, username: USER, password: PASS, timeoutMs: 600 }));
    const elapsed = Date.now() - t0;
    expect(err.code).toBe('timeout');
    expect(err.params).toMatchObject({ operation: 'GetSystemDateAndTime', timeoutMs: 600 });
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(1500);
    expect(sockets.size).toBeGreaterThan(0);
  });

  it('returns unreachable for a closed port and protocol for an HTTP server that is not ONVIF', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    expect((await rejection(connectOnvif({ host: '127.0.0.1', port: closedPort, timeoutMs: 2000 }))).code).toBe('unreachable');

    const web = createHttpServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>router login</body></html>'));
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => web.close(() => r())));
    const err = await rejection(connectOnvif({ host: '127.0.0.1', port: (web.address() as AddressInfo).port, timeoutMs: 2000 }));
    expect(err.code).toBe('protocol');
    expect(err.message).toContain('GetSystemDateAndTime');
  });

  it('rejects bad options before any network traffic, and calls after close()', async () => {
    expect((await rejection(connectOnvif({ host: '', port: 80 }))).code).toBe('bad_payload');
    expect((await rejection(connectOnvif({ host: 'cam', port: 70000 }))).code).toBe('bad_payload');
    const s = await stubWith({ auth: 'wsse' });
    const d = await connect(s);
    d.close();
    expect((await rejection(d.profiles())).code).toBe('internal');
  });
});
