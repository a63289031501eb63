// The Artemis adapter against a fake ISC gateway over HTTPS with a certificate made in the test:
// the gateway verifies every AK/SK signature and answers 401 to a wrong one; trust is a pinned
// certificate fingerprint; previews are a real RTSP stream (the demo camera).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRtspServer, type DemoRtspServer } from '../../../demo/rtsp/index.js';
import { RtspProducer } from '../../../media/ingest/rtsp-producer.js';
import type { DeviceConfig, DeviceHandle } from '../../adapter.js';
import { startFakeArtemis, type FakeArtemis } from '../../../testing/platforms/fake-artemis.js';
import { makeTestCertificate, type TestCertificate } from '../../../testing/platforms/test-certificate.js';
import { probeCertificate } from '../certificate-probe.js';
import { createArtemisAdapter, regionPath } from './artemis-adapter.js';
import { stringToSign } from './artemis-signing.js';

let camera: DemoRtspServer;
let cert: TestCertificate;
let isc: FakeArtemis;
const AK = '24680135';
const SK = 'Xq9vLb2TnR7wKp4sYe1M';

beforeAll(async () => {
  camera = await startDemoRtspServer();
  cert = makeTestCertificate();
  isc = await startFakeArtemis({
    appKey: AK,
    appSecret: SK,
    certificate: cert,
    regions: [
      { indexCode: 'root', name: '某某县', parentIndexCode: '-1' },
      { indexCode: 'r-town', name: '城关镇', parentIndexCode: 'root' },
      { indexCode: 'r-village', name: '东村', parentIndexCode: 'r-town' },
    ],
    cameras: [
      { cameraIndexCode: 'c0001', cameraName: '东村村口', cameraType: 2, regionIndexCode: 'r-village', online: true },
      { cameraIndexCode: 'c0002', cameraName: '镇政府门口', cameraType: 0, regionIndexCode: 'r-town', online: false },
      { cameraIndexCode: 'c0003', cameraName: '县道路口', cameraType: 0, regionIndexCode: 'root', online: true },
    ],
    previewUrl: (_code, streamType) => camera.url(streamType === 0 ? '/demo/h264' : '/demo/h264'),
  });
});
afterAll(async () => {
  await isc.close();
  await camera.close();
});

function platform(opts: { pin?: string; secret?: string; cameras?: DeviceConfig['cameras'] } = {}): DeviceHandle {
  const config = { id: 'isc-1', name: 'ISC', kind: 'artemis', host: '127.0.0.1', port: isc.port, https: true, username: AK, demo: false, cameras: opts.cameras ?? [], ...(opts.pin ? { tlsPinSha256: opts.pin } : {}) } as DeviceConfig;
  return { config, credentials: async () => ({ username: AK, password: opts.secret ?? SK }) };
}

const cam = (code: string, ptz = true) => ({ id: `cam-${code}`, name: code, ptz, sources: [], externalId: code }) as DeviceConfig['cameras'][number];

describe('Artemis signing', () => {
  it('signs only the headers sent, sorted x-ca-* lines, and the path with a sorted query', () => {
    const s = stringToSign({ method: 'post', headers: { accept: '*/*', 'content-type': 'application/json', 'x-ca-timestamp': '1', 'x-ca-key': 'k', 'x-ca-nonce': 'n', 'x-ca-signature-headers': 'x' }, path: '/artemis/api/x', query: { b: '2', a: '1' } });
    expect(s).toBe('POST\n*/*\napplication/json\nx-ca-key:k\nx-ca-nonce:n\nx-ca-timestamp:1\n/artemis/api/x?a=1&b=2');
  });
});

describe('Artemis adapter', () => {
  it('shows the certificate fingerprint before trust, and refuses the unpinned self-signed certificate', async () => {
    const seen = await probeCertificate('127.0.0.1', isc.port);
    expect(seen.sha256).toBe(cert.sha256);
    expect(seen.selfSigned).toBe(true);
    expect(seen.subject).toContain('CN=isc.test');
    const before = isc.calls.length;
    await expect(createArtemisAdapter().listChannels(platform())).rejects.toMatchObject({ code: 'auth_failed', params: { reason: 'certificate' } });
    expect(isc.calls.length).toBe(before); // nothing reached the API
  });

  it('refuses a certificate that changed since it was pinned, naming the one presented', async () => {
    const other = makeTestCertificate('other.test').sha256;
    const err = await createArtemisAdapter()
      .listChannels(platform({ pin: other }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'auth_failed', params: { reason: 'certificate' } });
    expect(String((err as Error).message)).toMatch(/does not match the pinned SHA-256 fingerprint/);
    expect(String((err as Error).message)).toContain(cert.sha256.slice(0, 2).toUpperCase());
  });

  it('lists cameras with signed requests over the pinned certificate, in the region tree, with online state', async () => {
    const listing = await createArtemisAdapter({ pageSize: 2 }).listChannels(platform({ pin: cert.sha256 }));
    expect(listing.channels.map((c) => [c.id, c.name, c.ptz, c.online, c.area])).toEqual([
      ['c0001', '东村村口', true, true, ['某某县', '城关镇', '东村']],
      ['c0002', '镇政府门口', false, false, ['某某县', '城关镇']],
      ['c0003', '县道路口', false, true, ['某某县']],
    ]);
    expect(isc.calls.filter((c) => c.path === 'resource/v1/cameras').map((c) => c.body)).toEqual([{ pageNo: 1, pageSize: 2 }, { pageNo: 2, pageSize: 2 }]);
    expect(regionPath('loop', new Map([['loop', { indexCode: 'loop', name: 'L', parentIndexCode: 'loop' }]]))).toEqual(['L']);
  });

  it('says a wrong AppSecret clearly and sends nothing more with it', async () => {
    const adapter = createArtemisAdapter();
    const wrong = platform({ pin: cert.sha256, secret: 'not-the-secret' });
    const refusedBefore = isc.refused();
    await expect(adapter.listChannels(wrong)).rejects.toMatchObject({ code: 'auth_failed', params: { reason: 'signature' } });
    await Promise.allSettled(Array.from({ length: 10 }, () => adapter.listChannels(wrong)));
    expect(isc.refused()).toBe(refusedBefore + 1);
    await expect(adapter.listChannels(platform({ pin: cert.sha256 }))).resolves.toMatchObject({ channels: expect.any(Array) });
  });

  it('gets an RTSP preview URL (main and sub) that plays, asked for again on every reconnect', async () => {
    const adapter = createArtemisAdapter();
    const device = platform({ pin: cert.sha256, cameras: [cam('c0001')] });
    const source = await adapter.liveSource(device, { index: 0, cameraId: 'cam-c0001' }, 'sub');
    expect(source).toMatchObject({ kind: 'rtsp', renewable: true, url: camera.url('/demo/h264') });
    expect([isc.calls.at(-1)!].map((c) => ({ path: c.path, body: c.body }))[0]).toEqual({ path: 'video/v2/cameras/previewURLs', body: { cameraIndexCode: 'c0001', streamType: 1, protocol: 'rtsp', transmode: 1 } });
    const p = new RtspProducer({ url: source.url, timeoutMs: 5000 });
    const codec = await new Promise<string | undefined>((resolve) => {
      p.on('tracks', (t) => resolve(t.video?.codec));
      p.start();
    });
    p.stop();
    expect(codec).toBe('h264');
    await expect(adapter.liveSource(platform({ pin: cert.sha256, cameras: [cam('nope')] }), { index: 0, cameraId: 'cam-nope' }, 'main')).rejects.toMatchObject({ code: 'platform_refused', params: { msg: '监控点不存在' } });
  });

  it('steers PTZ with a start and a stop of the same command, and calls presets', async () => {
    const adapter = createArtemisAdapter();
    const target = { device: platform({ pin: cert.sha256, cameras: [cam('c0001')] }), channel: { index: 0, cameraId: 'cam-c0001' } };
    const from = isc.calls.length;
    await adapter.ptz.continuousMove(target, { pan: 0.6, tilt: 0.6, zoom: 0 });
    await adapter.ptz.continuousMove(target, { pan: 0, tilt: 0, zoom: -1 });
    await adapter.ptz.stop(target);
    await adapter.ptz.gotoPreset(target, '3');
    expect(await adapter.ptz.presets(target)).toEqual([]);
    expect(isc.calls.slice(from).map((c) => [c.path, c.body])).toEqual([
      ['video/v1/ptzs/controlling', { cameraIndexCode: 'c0001', action: 0, command: 'RIGHT_UP', speed: 60 }],
      ['video/v1/ptzs/controlling', { cameraIndexCode: 'c0001', action: 1, command: 'RIGHT_UP', speed: 50 }],
      ['video/v1/ptzs/controlling', { cameraIndexCode: 'c0001', action: 0, command: 'ZOOM_OUT', speed: 100 }],
      ['video/v1/ptzs/controlling', { cameraIndexCode: 'c0001', action: 1, command: 'ZOOM_OUT', speed: 50 }],
      ['video/v1/ptzs/controlling', { cameraIndexCode: 'c0001', action: 0, command: 'GOTO_PRESET', speed: 50, presetIndex: 3 }],
      ['video/v1/presets/searches', { cameraIndexCode: 'c0001' }],
    ]);
  });
});
