// The PTZ service steering county-platform cameras through the WVP and Artemis adapters, against
// the fake WVP and the fake ISC gateway (published shapes; both record each call with its arrival
// time): the same dead-man and confirmed stop as for ONVIF cameras, presets through the service,
// and for the same operator actions both platforms get the matching start and stop commands.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceConfig, DeviceHandle, PtzCapability } from '../../devices/index.js';
import { createArtemisAdapter } from '../../devices/platforms/artemis/artemis-adapter.js';
import { probeCertificate } from '../../devices/platforms/certificate-probe.js';
import { createWvpAdapter } from '../../devices/platforms/wvp/wvp-adapter.js';
import { EventBus } from '../../ipc/event-bus.js';
import { startFakeArtemis, type FakeArtemis } from '../../testing/platforms/fake-artemis.js';
import { startFakeWvp, wvpDevices, type FakeWvp } from '../../testing/platforms/fake-wvp.js';
import { startFlvLiveServer, type FlvLiveServer } from '../../testing/platforms/flv-live-server.js';
import { LiveClip } from '../../testing/platforms/live-clip.js';
import { makeTestCertificate } from '../../testing/platforms/test-certificate.js';
import { createAuditService } from '../audit/service.js';
import { createPtzService, type PtzService } from './service.js';

let clip: LiveClip;
let media: FlvLiveServer;
let wvp: FakeWvp;
let isc: FakeArtemis;
const DEVICES = wvpDevices(1, 1);
const AK = '13572468';
const SK = 'Vb7pQz3LmW9xRt2YkE5N';
const CLIENT = 'window-plat-1';

beforeAll(async () => {
  clip = await LiveClip.load('h264');
  media = await startFlvLiveServer(clip);
  wvp = await startFakeWvp({ username: 'admin', password: 'pw', devices: DEVICES, media });
  isc = await startFakeArtemis({
    appKey: AK,
    appSecret: SK,
    certificate: makeTestCertificate(),
    regions: [{ indexCode: 'root', name: '某某县', parentIndexCode: '-1' }],
    cameras: [{ cameraIndexCode: 'c-dome', cameraName: '路口球机', cameraType: 2, regionIndexCode: 'root', online: true }],
    previewUrl: () => 'rtsp://127.0.0.1:9/none',
  });
});
afterAll(async () => {
  await isc.close();
  await wvp.close();
  await media.close();
});

function wvpCamera(): { device: DeviceHandle; ptz: PtzCapability } {
  const dev = DEVICES[0]!;
  const ch = dev.channels[0]!;
  const config = { id: 'wvp-1', name: '县平台', kind: 'wvp', host: '127.0.0.1', port: wvp.port, username: 'admin', demo: false, cameras: [{ id: 'cam-w', name: ch.name, ptz: true, sources: [], externalId: ch.deviceId, subDevice: { id: dev.deviceId, name: dev.name } }] } as DeviceConfig;
  return { device: { config, credentials: async () => ({ username: 'admin', password: 'pw' }) }, ptz: createWvpAdapter().ptz };
}

async function iscCamera(): Promise<{ device: DeviceHandle; ptz: PtzCapability }> {
  const adapter = createArtemisAdapter();
  const config = { id: 'isc-1', name: 'ISC', kind: 'artemis', host: '127.0.0.1', port: isc.port, https: true, username: AK, demo: false, cameras: [{ id: 'cam-a', name: '路口球机', ptz: true, sources: [], externalId: 'c-dome' }] } as DeviceConfig;
  const probe = { config, credentials: async () => ({ username: AK, password: SK }) };
  // Trust as the operator gives it: the fingerprint of the certificate the gateway showed.
  const pin = (await probeCertificate('127.0.0.1', isc.port)).sha256;
  return { device: { ...probe, config: { ...config, tlsPinSha256: pin } as DeviceConfig }, ptz: adapter.ptz };
}

async function serviceFor(cam: { device: DeviceHandle; ptz: PtzCapability }): Promise<{ ptz: PtzService; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'skywall-ptz-platform-'));
  const audit = await createAuditService({ dir: dataDir, bus: new EventBus(), onAppendFailed: () => undefined });
  const ptz = await createPtzService({ dataDir, audit, emit: () => undefined, route: async (id) => ({ target: { device: cam.device, channel: { index: 0, cameraId: id } }, ptz: cam.ptz }) });
  return { ptz, close: async () => (await ptz.dispose(), await audit.close()) };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Holds a move renewed on a timer, as the page sends it, then stops renewing; returns when it last renewed. */
async function holdMove(ptz: PtzService, cameraId: string, v: { pan: number; tilt: number; zoom: number }, ms: number): Promise<number> {
  const move = () => ptz.move({ cameraId, clientId: CLIENT, ...v });
  const first = move();
  let last = Date.now();
  const renew = setInterval(() => {
    last = Date.now();
    void move();
  }, 100);
  await first;
  await sleep(ms);
  clearInterval(renew);
  return last;
}

describe('PTZ through the platform adapters', () => {
  it('WVP: a held move goes out as a direction command; not renewed, a stop follows within 500 ms', async () => {
    const s = await serviceFor(wvpCamera());
    try {
      const last = await holdMove(s.ptz, 'cam-w', { pan: 1, tilt: 0, zoom: 0 }, 400);
      await sleep(700);
      const sent = wvp.calls.filter((c) => c.path.startsWith('/api/front-end/ptz/'));
      expect(sent[0]!.query).toMatchObject({ command: 'right', horizonSpeed: '255' });
      expect(sent.at(-1)!.query.command).toBe('stop');
      expect(sent.filter((c) => c.query.command === 'stop')).toHaveLength(1);
      expect(sent.at(-1)!.at - last).toBeLessThan(500);
    } finally {
      await s.close();
    }
  });

  it('Artemis: a held move is a start, and not renewed, the stop of the same command within 500 ms; presets saved, listed, called, deleted', async () => {
    const s = await serviceFor(await iscCamera());
    const from = isc.calls.length;
    try {
      const last = await holdMove(s.ptz, 'cam-a', { pan: -0.5, tilt: 0.5, zoom: 0 }, 400);
      await sleep(700);
      const ptzCalls = isc.calls.slice(from).filter((c) => c.path === 'video/v1/ptzs/controlling');
      // Starts (a held move is sent again every 500 ms, as for any camera), then one stop of the same command.
      const sent = ptzCalls.map((c) => [c.body.command, c.body.action]);
      expect(sent.at(-1)).toEqual(['LEFT_UP', 1]);
      expect(new Set(sent.slice(0, -1).map((c) => c.join()))).toEqual(new Set(['LEFT_UP,0']));
      expect(ptzCalls[0]!.body).toMatchObject({ cameraIndexCode: 'c-dome', speed: 50 });
      expect(ptzCalls.at(-1)!.at - last).toBeLessThan(500);

      const saved = await s.ptz.savePreset('cam-a', CLIENT, '北口', undefined);
      expect((await s.ptz.presets('cam-a')).presets.map((p) => [p.token, p.name])).toEqual([[saved.token, '北口']]);
      await s.ptz.gotoPreset('cam-a', CLIENT, saved.token);
      await s.ptz.removePreset('cam-a', saved.token);
      expect((await s.ptz.presets('cam-a')).presets).toEqual([]);
      const presetCalls = isc.calls.slice(from).filter((c) => c.path.startsWith('video/v1/presets/') || c.body.command === 'GOTO_PRESET');
      expect(presetCalls.map((c) => c.path)).toEqual(['video/v1/presets/addition', 'video/v1/presets/searches', 'video/v1/ptzs/controlling', 'video/v1/presets/deletion', 'video/v1/presets/searches']);
      expect(presetCalls[2]!.body).toMatchObject({ command: 'GOTO_PRESET', action: 0, presetIndex: Number(saved.token) });
    } finally {
      await s.close();
    }
  });

  it('the same actions give WVP and Artemis the matching start and stop commands', async () => {
    const actions = async (ptz: PtzService, cameraId: string): Promise<void> => {
      const stopAfter = async (start: () => Promise<void>): Promise<void> => {
        await start();
        await ptz.stop(cameraId, CLIENT);
      };
      await stopAfter(() => ptz.move({ cameraId, clientId: CLIENT, pan: 1, tilt: 0, zoom: 0 }));
      await stopAfter(() => ptz.move({ cameraId, clientId: CLIENT, pan: 0, tilt: -1, zoom: 0 }));
      await stopAfter(() => ptz.move({ cameraId, clientId: CLIENT, pan: 0, tilt: 0, zoom: 0.5 }));
      await stopAfter(() => ptz.move({ cameraId, clientId: CLIENT, pan: 0, tilt: 0, zoom: -0.5 }));
      await stopAfter(() => ptz.lens(cameraId, CLIENT, 'focus_near', 0.5));
      await stopAfter(() => ptz.lens(cameraId, CLIENT, 'focus_far', 0.5));
      await stopAfter(() => ptz.lens(cameraId, CLIENT, 'iris_open', 0.5));
      await stopAfter(() => ptz.lens(cameraId, CLIENT, 'iris_close', 0.5));
      await ptz.gotoPreset(cameraId, CLIENT, '3');
      await expect(ptz.lens(cameraId, CLIENT, 'focus_auto', 0.5)).rejects.toMatchObject({ code: 'ptz_unsupported' });
    };

    const w = await serviceFor(wvpCamera());
    const wFrom = wvp.calls.length;
    await actions(w.ptz, 'cam-w').finally(() => w.close());
    const a = await serviceFor(await iscCamera());
    const aFrom = isc.calls.length;
    await actions(a.ptz, 'cam-a').finally(() => a.close());

    const wvpSent = wvp.calls.slice(wFrom).map((c) => {
      const kind = /\/api\/front-end\/(ptz|fi\/focus|fi\/iris|preset\/call)\//.exec(c.path)?.[1];
      return kind === 'preset/call' ? `call ${c.query.presetId}` : `${kind} ${c.query.command}`;
    });
    const iscSent = isc.calls
      .slice(aFrom)
      .filter((c) => c.path === 'video/v1/ptzs/controlling')
      .map((c) => (c.body.command === 'GOTO_PRESET' ? `GOTO_PRESET ${String(c.body.presetIndex)}` : `${String(c.body.command)} ${c.body.action === 0 ? 'start' : 'stop'}`));
    // Side by side: each operator action, as WVP and as ISC receive it.
    expect(wvpSent.map((w, i) => [w, iscSent[i]])).toEqual([
      ['ptz right', 'RIGHT start'],
      ['ptz stop', 'RIGHT stop'],
      ['ptz down', 'DOWN start'],
      ['ptz stop', 'DOWN stop'],
      ['ptz zoomin', 'ZOOM_IN start'],
      ['ptz stop', 'ZOOM_IN stop'],
      ['ptz zoomout', 'ZOOM_OUT start'],
      ['ptz stop', 'ZOOM_OUT stop'],
      ['fi/focus near', 'FOCUS_NEAR start'],
      ['fi/focus stop', 'FOCUS_NEAR stop'],
      ['fi/focus far', 'FOCUS_FAR start'],
      ['fi/focus stop', 'FOCUS_FAR stop'],
      ['fi/iris out', 'IRIS_ENLARGE start'],
      ['fi/iris stop', 'IRIS_ENLARGE stop'],
      ['fi/iris in', 'IRIS_REDUCE start'],
      ['fi/iris stop', 'IRIS_REDUCE stop'],
      ['call 3', 'GOTO_PRESET 3'],
    ]);
    expect(iscSent).toHaveLength(wvpSent.length);
  });
});
