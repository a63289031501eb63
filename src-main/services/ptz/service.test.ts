import { afterEach, describe, expect, it } from 'vitest';
import type { OnvifStub } from '../../demo/onvif/index.js';
import { CAMERA, CLIENT, commands, OTHER_CLIENT, sleep, startPtzRig, startPtzStub, type PtzRig } from '../../testing/ptz/ptz-rig.js';
import { startTsChild } from '../../testing/process/ts-child.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function stub(port = 0): Promise<OnvifStub> {
  const s = await startPtzStub(port);
  cleanups.push(() => s.close());
  return s;
}
async function rig(port: number, o: Parameters<typeof startPtzRig>[1] = {}): Promise<PtzRig> {
  const r = await startPtzRig(port, o);
  cleanups.push(() => r.close());
  return r;
}
const move = (r: PtzRig, pan: number, tilt = 0, zoom = 0, clientId = CLIENT) => r.ptz.move({ cameraId: CAMERA, clientId, pan, tilt, zoom });

describe('PTZ dead-man watchdog', () => {
  it('a move that is not renewed is stopped within 500 ms of its last renewal', async () => {
    const s = await stub();
    const r = await rig(s.port);
    await move(r, 0.5);
    const lastRenewal = Date.now();
    await sleep(800);
    const stops = commands(s, 'Stop');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.at - lastRenewal).toBeLessThan(500);
    expect(s.state.moveStatus.panTilt).toBe('IDLE');
  });

  it('a held move keeps going while renewed, without a command per renewal, and stops after the last', async () => {
    const s = await stub();
    const r = await rig(s.port);
    // Renewed every 100 ms without waiting for answers, as a held key does.
    let last = Date.now();
    await move(r, 0.5, 0.25);
    const renew = setInterval(() => {
      last = Date.now();
      void move(r, 0.5, 0.25);
    }, 100);
    await sleep(1500);
    clearInterval(renew);
    expect(commands(s, 'Stop')).toHaveLength(0);
    // Renewals of the same velocity are not sent again, except the periodic refresh (500 ms).
    expect(commands(s, 'ContinuousMove').length).toBeLessThanOrEqual(4);
    await sleep(600);
    const stops = commands(s, 'Stop');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.at - last).toBeLessThan(500);
  });

  it('coalesces a flood: the device gets few commands, the newest velocity last', async () => {
    const s = await stub();
    const r = await rig(s.port);
    await r.ptz.presets(CAMERA); // connected first: the flood is about coalescing, not the connect
    const started = Date.now();
    const sends: Array<Promise<void>> = [];
    for (let i = 1; i <= 100; i++) sends.push(move(r, i / 100));
    await Promise.all(sends);
    const took = Date.now() - started;
    const moves = s.ptzLog.filter((e) => e.action === 'ContinuousMove' && e.outcome === 'ok');
    expect(moves.length).toBeLessThanOrEqual(Math.ceil(took / 40) + 1);
    expect(moves.at(-1)!.velocity).toMatchObject({ x: 1 });
    await r.ptz.stop(CAMERA, CLIENT);
  });

  it('a stop that fails is retried until the device confirms it', async () => {
    const first = await startPtzStub();
    const port = first.port;
    const r = await rig(port, { timing: { stopRetryMs: [100, 200] } });
    await move(r, -0.5);
    await first.close();
    // The device is gone when the dead-man fires; it comes back a little later on the same address.
    await sleep(700);
    expect(r.ptz.state(CAMERA).moving).toBe(true);
    const again = await stub(port);
    await sleep(700);
    expect(commands(again, 'Stop').length).toBeGreaterThanOrEqual(1);
    expect(r.ptz.state(CAMERA).moving).toBe(false);
  });

  it('stopAll (app exit) stops every moving camera and waits for the answer', async () => {
    const s = await stub();
    const r = await rig(s.port);
    await move(r, 0, 0.5);
    await r.ptz.stopAll();
    expect(commands(s).map((c) => c.action)).toEqual(['ContinuousMove', 'Stop']);
  });

  it('a host killed mid-move leaves a record; the next host stops that camera as it starts', async () => {
    const s = await stub();
    const r0 = await rig(s.port);
    const dataDir = r0.dataDir;
    const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../testing/ptz/ptz-host-child.ts');
    const child = await startTsChild(entry, [String(s.port), dataDir]);
    cleanups.push(() => child.stop());
    await child.request({ op: 'hold-move' });
    await sleep(300);
    expect(JSON.parse(await readFile(path.join(dataDir, 'ptz-moving.json'), 'utf8')).moving).toHaveProperty(CAMERA);
    process.kill(child.pid, 'SIGKILL');
    await sleep(100);
    expect(commands(s, 'Stop')).toHaveLength(0);
    const startedAt = Date.now();
    await rig(s.port, { dataDir });
    await sleep(500);
    const stops = commands(s, 'Stop');
    expect(stops).toHaveLength(1);
    expect(stops[0]!.at - startedAt).toBeLessThan(500);
    expect(JSON.parse(await readFile(path.join(dataDir, 'ptz-moving.json'), 'utf8')).moving).toEqual({});
  });
});

describe('one controller per camera', () => {
  it('another window is refused while one steers, may take over (audited), and the camera is free after the hold time', async () => {
    const s = await stub();
    const r = await rig(s.port, { manualHoldMs: 600 });
    await move(r, 0.3);
    await expect(move(r, -0.3, 0, 0, OTHER_CLIENT)).rejects.toMatchObject({ code: 'ptz_busy' });
    await r.ptz.move({ cameraId: CAMERA, clientId: OTHER_CLIENT, pan: -0.3, tilt: 0, zoom: 0, takeover: true });
    expect(r.ptz.state(CAMERA).controller).toMatchObject({ kind: 'manual', clientId: OTHER_CLIENT });
    await r.ptz.stop(CAMERA, OTHER_CLIENT);
    await sleep(900);
    expect(r.ptz.state(CAMERA).controller).toBeNull();
    const kinds = (await r.audit.list({})).entries.map((e) => [e.kind, e.details.from ?? null]).reverse();
    expect(kinds).toEqual([
      ['ptz.takeover', 'none'],
      ['ptz.takeover', 'window'],
      ['ptz.release', null],
    ]);
  });
});

describe('presets', () => {
  it('saved, listed, called, renamed and deleted; names are kept by this workstation', async () => {
    const s = await stub();
    const r = await rig(s.port);
    const saved = await r.ptz.savePreset(CAMERA, CLIENT, '东门', undefined);
    await move(r, 0.8);
    await sleep(200);
    await r.ptz.stop(CAMERA, CLIENT);
    const second = await r.ptz.savePreset(CAMERA, CLIENT, '西门', undefined);
    expect((await r.ptz.presets(CAMERA)).presets.map((p) => [p.number, p.name, p.source])).toEqual([
      [1, '东门', 'device'],
      [2, '西门', 'device'],
    ]);
    await r.ptz.gotoPreset(CAMERA, CLIENT, saved.token);
    expect(commands(s, 'GotoPreset').at(-1)!.presetToken).toBe(saved.token);
    await r.ptz.renamePreset(CAMERA, second.token, '西门岗亭');
    await r.ptz.removePreset(CAMERA, saved.token);
    expect((await r.ptz.presets(CAMERA)).presets.map((p) => p.name)).toEqual(['西门岗亭']);
    expect(s.state.presets.main!.map((p) => p.token)).toEqual([second.token]);
    const kinds = (await r.audit.list({})).entries.map((e) => e.kind).filter((k) => k.startsWith('ptz.preset')).reverse();
    expect(kinds).toEqual(['ptz.preset_save', 'ptz.preset_save', 'ptz.preset_rename', 'ptz.preset_remove']);
  });

  it('a device that does not answer the preset query: the list comes from the registry, names kept', async () => {
    const s = await stub();
    const r = await rig(s.port);
    await r.ptz.savePreset(CAMERA, CLIENT, '路口北', undefined);
    const port = s.port;
    await s.close();
    cleanups.pop();
    const list = await r.ptz.presets(CAMERA);
    expect(list.deviceError).toBeDefined();
    expect(list.presets.map((p) => [p.name, p.source])).toEqual([['路口北', 'registry']]);
    expect(port).toBeGreaterThan(0);
  });
});
