import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SkywallError } from '../../common/model/errors.js';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import { connectOnvif } from './onvif-device.js';
import type { OnvifDevice, PtzVector } from './onvif-types.js';

let stub: OnvifStub;
let dev: OnvifDevice;

beforeAll(async () => {
  stub = await startOnvifStub({
    username: 'ptz',
    password: 'ptz-pass',
    auth: 'digest',
    clockOffsetSec: 120,
    streamUris: { main: 'rtsp://127.0.0.1:8554/main', sub: 'rtsp://127.0.0.1:8554/sub' },
  });
  dev = await connectOnvif({ host: '127.0.0.1', port: stub.port, username: 'ptz', password: 'ptz-pass', timeoutMs: 3000 });
});

afterAll(async () => {
  dev.close();
  await stub.close();
});

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function settle(): Promise<PtzVector> {
  for (let i = 0; i < 50; i++) {
    const s = await dev.ptz.status('main');
    if (s.panTilt === 'idle' && s.zoom === 'idle') return s.position;
    await sleep(50);
  }
  throw new Error('PTZ did not come to rest');
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SkywallError);
    return (e as SkywallError).code;
  }
  return 'resolved';
}

describe('ONVIF PTZ through the adapter', () => {
  it('continuous move changes the position, and after Stop it no longer changes', async () => {
    const before = (await dev.ptz.status('main')).position;
    await dev.ptz.continuousMove('main', { x: 0.5, y: -0.25 });
    await sleep(250);
    const moving = await dev.ptz.status('main');
    expect(moving.panTilt).toBe('moving');
    expect(moving.position.x).toBeGreaterThan(before.x + 0.1);
    expect(moving.position.y).toBeLessThan(before.y - 0.05);

    await dev.ptz.stop('main');
    const stopped = await dev.ptz.status('main');
    await sleep(200);
    const later = await dev.ptz.status('main');
    expect(stopped.panTilt).toBe('idle');
    expect(later.position).toEqual(stopped.position);

    // Digest: each command is first sent without credentials and challenged, then repeated.
    const log = stub.ptzLog.filter((e) => (e.action === 'ContinuousMove' || e.action === 'Stop') && e.outcome !== 'challenged');
    expect(log.map((e) => [e.action, e.outcome])).toEqual([
      ['ContinuousMove', 'ok'],
      ['Stop', 'ok'],
    ]);
    expect(log[0].velocity).toEqual({ x: 0.5, y: -0.25, zoom: 0 });
    expect(log[1]).toMatchObject({ stopPanTilt: true, stopZoom: true, profileToken: 'main' });
    expect(log[1].at).toBeGreaterThanOrEqual(log[0].at);
  });

  it('passes a move timeout to the device, which then stops by itself', async () => {
    await dev.ptz.continuousMove('main', { zoom: 1 }, { timeoutMs: 150 });
    expect(stub.ptzLog.at(-1)).toMatchObject({ action: 'ContinuousMove', timeoutMs: 150 });
    await sleep(300);
    const s = await dev.ptz.status('main');
    expect(s.zoom).toBe('idle');
    expect(s.position.zoom).toBeCloseTo(0.3, 1);
  });

  it('presets: set, move away, goto returns to the stored position, remove', async () => {
    await dev.ptz.absoluteMove('main', { x: -0.6, y: 0.3, zoom: 0.5 });
    const stored = await settle();
    const name = 'Gate <north> & "yard"';
    const token = await dev.ptz.setPreset('main', name);
    expect(token).toBe('1');
    expect(await dev.ptz.presets('main')).toEqual([{ token, name, position: stored }]);
    expect(await dev.ptz.presets('sub')).toEqual([]);
    expect(await codeOf(dev.ptz.setPreset('main', name))).toBe('conflict');

    await dev.ptz.relativeMove('main', { x: 0.9, y: -0.2 });
    const away = await settle();
    expect(away.x).toBeCloseTo(0.3);

    await dev.ptz.gotoPreset('main', token);
    expect(await settle()).toEqual(stored);

    await dev.ptz.removePreset('main', token);
    expect(await dev.ptz.presets('main')).toEqual([]);
    expect(await codeOf(dev.ptz.gotoPreset('main', token))).toBe('not_found');
    expect(stub.ptzLog.filter((e) => e.action === 'GotoPreset').map((e) => e.outcome)).toEqual(['challenged', 'ok', 'challenged', 'fault']);
  });

  it('goes home, refuses out-of-range input locally and unknown profiles remotely', async () => {
    await dev.ptz.home('main');
    expect(await settle()).toEqual({ x: 0, y: 0, zoom: 0 });
    const sent = stub.ptzLog.length;
    expect(await codeOf(dev.ptz.continuousMove('main', { x: 2 }))).toBe('bad_payload');
    expect(await codeOf(dev.ptz.absoluteMove('main', { zoom: -0.5 }))).toBe('bad_payload');
    expect(stub.ptzLog.length).toBe(sent);
    expect(await codeOf(dev.ptz.status('third'))).toBe('not_found');
  });
});
