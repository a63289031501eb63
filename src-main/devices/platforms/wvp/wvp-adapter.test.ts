// The WVP adapter against a fake WVP that follows the published shapes (envelopes, PageHelper
// paging, code 100 / HTTP 401 errors, token expiry) and serves real FLV from the project's muxer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceConfig, DeviceHandle } from '../../adapter.js';
import { FlvProducer } from '../../../media/ingest/flv-producer.js';
import { startFlvLiveServer, type FlvLiveServer } from '../../../testing/platforms/flv-live-server.js';
import { startFakeWvp, wvpDevices, type FakeWvp } from '../../../testing/platforms/fake-wvp.js';
import { LiveClip } from '../../../testing/platforms/live-clip.js';
import { createWvpAdapter } from './wvp-adapter.js';

let clip: LiveClip;
let media: FlvLiveServer;
let wvp: FakeWvp;
const DEVICES = wvpDevices(7, 4);

beforeAll(async () => {
  clip = await LiveClip.load('h264');
  clip.start();
  media = await startFlvLiveServer(clip);
  wvp = await startFakeWvp({ username: 'admin', password: '县平台#2026', devices: DEVICES, media });
});
afterAll(async () => {
  await wvp.close();
  await media.close();
  clip.stop();
});
afterEach(() => {
  wvp.calls.length = 0;
});

function platform(password = '县平台#2026', cameras: DeviceConfig['cameras'] = []): DeviceHandle {
  const config = { id: 'wvp-1', name: '县平台', kind: 'wvp', host: '127.0.0.1', port: wvp.port, username: 'admin', demo: false, cameras } as DeviceConfig;
  return { config, credentials: async () => ({ username: 'admin', password }) };
}

const cameraFor = (d: number, c: number) => {
  const dev = DEVICES[d]!;
  const ch = dev.channels[c]!;
  return { id: `cam-${d}-${c}`, name: ch.name, ptz: ch.ptzType !== 3, sources: [], externalId: ch.deviceId, subDevice: { id: dev.deviceId, name: dev.name } };
};

describe('WVP adapter', () => {
  it('logs in with the md5 password and lists every channel across pages, with device, online state and area', async () => {
    const adapter = createWvpAdapter({ pageSize: 3 });
    const listing = await adapter.listChannels(platform());
    expect(listing.channels).toHaveLength(28);
    // devices: 3 pages of 3; channels: 2 pages of 3 for each of 7 devices
    expect(wvp.calls.filter((c) => c.path === '/api/device/query/devices').map((c) => c.query.page)).toEqual(['1', '2', '3']);
    expect(wvp.calls.filter((c) => c.path.endsWith('/channels')).length).toBe(14);
    const first = listing.channels[0]!;
    expect(first).toMatchObject({ id: DEVICES[0]!.channels[0]!.deviceId, name: '村口1-1', ptz: true, online: true, subDevice: { id: DEVICES[0]!.deviceId, name: '乡镇NVR-1' }, area: ['乡镇NVR-1'] });
    expect(listing.channels[3]).toMatchObject({ online: false, ptz: false }); // status OFF, fixed camera
    expect(listing.channels.filter((c) => c.subDevice?.id === DEVICES[4]!.deviceId).every((c) => !c.online)).toBe(true); // device offline
  });

  it('logs in again by itself when the token expired, once, and the call succeeds', async () => {
    const adapter = createWvpAdapter();
    const device = platform();
    await adapter.listChannels(device);
    const logins = wvp.logins();
    wvp.expireTokens();
    const listing = await adapter.listChannels(device);
    expect(listing.channels).toHaveLength(28);
    expect(wvp.logins()).toBe(logins + 1);
  });

  it('says auth_failed for a wrong password and does not log in again until it changes', async () => {
    const adapter = createWvpAdapter();
    const before = wvp.logins();
    await expect(adapter.listChannels(platform('wrong'))).rejects.toMatchObject({ code: 'auth_failed', params: { msg: '用户名或密码错误' } });
    await expect(adapter.listChannels(platform('wrong'))).rejects.toMatchObject({ code: 'auth_failed' });
    await Promise.allSettled(Array.from({ length: 10 }, () => adapter.listChannels(platform('wrong'))));
    expect(wvp.logins()).toBe(before + 1);
    await expect(adapter.listChannels(platform())).resolves.toMatchObject({ channels: expect.any(Array) });
    expect(wvp.logins()).toBe(before + 2);
  });

  it('starts live with play/start and picks WS-FLV, a URL the hub pulls and that plays', async () => {
    const adapter = createWvpAdapter();
    const device = platform(undefined, [cameraFor(1, 2)]);
    const source = await adapter.liveSource(device, { index: 0, cameraId: 'cam-1-2' }, 'main');
    expect(source).toMatchObject({ kind: 'relay', input: 'flv-ws', renewable: true });
    expect(source.url).toContain(`${DEVICES[1]!.deviceId}_${DEVICES[1]!.channels[2]!.deviceId}.live.flv?originTypeStr=rtp_push`);
    expect(wvp.calls.at(-1)!.path).toBe(`/api/play/start/${DEVICES[1]!.deviceId}/${DEVICES[1]!.channels[2]!.deviceId}`);
    const p = new FlvProducer({ url: source.url });
    const got = await new Promise<string>((resolve) => {
      p.on('tracks', (t) => resolve(`${t.video?.codec} ${t.video?.width}x${t.video?.height}`));
      p.start();
    });
    p.stop();
    expect(got).toBe(`h264 ${clip.tracks.video!.width}x${clip.tracks.video!.height}`);
    // WVP has one stream per channel: while it plays main, a sub request shares it and changes nothing.
    const shared = await adapter.liveSource(device, { index: 0, cameraId: 'cam-1-2' }, 'sub');
    expect(shared.url).toBe(source.url);
    expect(wvp.calls.some((c) => c.path.includes('/stream/identification/'))).toBe(false);
    await adapter.releaseLive!(device, { index: 0, cameraId: 'cam-1-2' });
    expect(wvp.calls.at(-1)!.path).toBe(`/api/play/stop/${DEVICES[1]!.deviceId}/${DEVICES[1]!.channels[2]!.deviceId}`);
    expect(wvp.playing()).not.toContain(`${DEVICES[1]!.deviceId}_${DEVICES[1]!.channels[2]!.deviceId}`);
  });

  it('shows the platform\'s own message when it refuses (code 100)', async () => {
    const adapter = createWvpAdapter();
    const ghost = { ...cameraFor(0, 0), externalId: '34020000001310000999' } as DeviceConfig['cameras'][number];
    await expect(adapter.liveSource(platform(undefined, [ghost]), { index: 0, cameraId: 'cam-0-0' }, 'main')).rejects.toMatchObject({ code: 'platform_refused', params: { msg: '通道不存在', platformCode: 100, call: 'play/start' } });
  });

  it('sends PTZ moves with speeds and zoomSpeed, and a stop', async () => {
    const adapter = createWvpAdapter();
    const target = { device: platform(undefined, [cameraFor(2, 0)]), channel: { index: 0, cameraId: 'cam-2-0' } };
    await adapter.ptz.continuousMove(target, { pan: -0.5, tilt: 1, zoom: 0 });
    await adapter.ptz.stop(target);
    await adapter.ptz.continuousMove(target, { pan: 0, tilt: 0, zoom: 0.4 });
    await adapter.ptz.stop(target);
    const ptz = wvp.calls.filter((c) => c.path.startsWith('/api/front-end/ptz/'));
    expect(ptz.map((c) => c.path)).toEqual(Array(4).fill(`/api/front-end/ptz/${DEVICES[2]!.deviceId}/${DEVICES[2]!.channels[0]!.deviceId}`));
    expect(ptz.map((c) => c.query)).toEqual([
      { command: 'upleft', horizonSpeed: '128', verticalSpeed: '255', zoomSpeed: '0' },
      { command: 'stop', horizonSpeed: '0', verticalSpeed: '0', zoomSpeed: '0' },
      { command: 'zoomin', horizonSpeed: '0', verticalSpeed: '0', zoomSpeed: '6' },
      { command: 'stop', horizonSpeed: '0', verticalSpeed: '0', zoomSpeed: '0' },
    ]);
  });

  it('keeps presets it set when the preset query times out, and calls and deletes them by number', async () => {
    const slow = await startFakeWvp({ username: 'admin', password: 'pw', devices: DEVICES, media, presetQueryTimesOut: true });
    try {
      const adapter = createWvpAdapter();
      const config = { id: 'wvp-2', name: 'P', kind: 'wvp', host: '127.0.0.1', port: slow.port, username: 'admin', demo: false, cameras: [cameraFor(0, 0)] } as DeviceConfig;
      const target = { device: { config, credentials: async () => ({ username: 'admin', password: 'pw' }) }, channel: { index: 0, cameraId: 'cam-0-0' } };
      expect(await adapter.ptz.setPreset(target, '东门')).toBe('1');
      expect(await adapter.ptz.setPreset(target, '西门')).toBe('2');
      expect(await adapter.ptz.presets(target)).toEqual([{ token: '1', name: '东门' }, { token: '2', name: '西门' }]);
      await adapter.ptz.gotoPreset(target, '2');
      await adapter.ptz.removePreset(target, '1');
      expect(await adapter.ptz.presets(target)).toEqual([{ token: '2', name: '西门' }]);
      const sent = slow.calls.filter((c) => c.path.includes('/preset/')).map((c) => `${c.path.split('/')[4]} ${c.query.presetId ?? ''} ${c.query.presetName ?? ''}`.trim());
      expect(sent).toEqual(['add 1 东门', 'add 2 西门', 'query', 'call 2', 'delete 1', 'query']);
      await expect(adapter.ptz.gotoPreset(target, 'abc')).rejects.toMatchObject({ code: 'bad_payload' });
    } finally {
      await slow.close();
    }
  }, 15_000);

  it('queries records and starts playback in WVP\'s time format', async () => {
    const adapter = createWvpAdapter();
    const target = { device: platform(undefined, [cameraFor(0, 1)]), channel: { index: 0, cameraId: 'cam-0-1' } };
    const from = new Date(2026, 11, 3, 8, 0, 0).getTime();
    const spans = await adapter.playback.recordings(target, { from, to: from + 600_000 });
    expect(spans).toEqual([{ from, to: from + 600_000 }]);
    expect(wvp.calls.at(-1)!.query).toEqual({ startTime: '2026-12-03 08:00:00', endTime: '2026-12-03 08:10:00' });
    const replay = await adapter.playback.replaySource(target, { from, to: from + 60_000 }, 'main');
    expect(replay).toMatchObject({ kind: 'relay', input: 'flv-ws' });
  });
});
