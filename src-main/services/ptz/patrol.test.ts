import { afterEach, describe, expect, it } from 'vitest';
import { CAMERA, CLIENT, commands, sleep, startPtzRig, startPtzStub, type PtzRig } from '../../testing/ptz/ptz-rig.js';
import type { OnvifStub } from '../../demo/onvif/index.js';
import { insideSchedule, untilScheduleOpens } from './patrol-engine.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setUp(): Promise<{ s: OnvifStub; r: PtzRig; tokens: string[] }> {
  const s = await startPtzStub();
  cleanups.push(() => s.close());
  const r = await startPtzRig(s.port);
  cleanups.push(() => r.close());
  const tokens: string[] = [];
  for (const [i, name] of ['北口', '东口', '南口'].entries()) {
    await r.ptz.move({ cameraId: CAMERA, clientId: CLIENT, pan: i === 1 ? 1 : -1, tilt: 0, zoom: 0 });
    await sleep(60);
    await r.ptz.stop(CAMERA, CLIENT);
    tokens.push((await r.ptz.savePreset(CAMERA, CLIENT, name)).token);
  }
  return { s, r, tokens };
}

describe('patrols', () => {
  it('3 presets, 2 s dwell: GotoPreset in order 2 s apart; a manual move pauses it; it resumes after the idle time', async () => {
    const { s, r, tokens } = await setUp();
    const plan = { steps: tokens.map((presetToken) => ({ presetToken, dwellSec: 2, speed: 0.8 })), resumeAfterIdleSec: 1 };
    const started = Date.now();
    await r.ptz.startPatrol(CAMERA, plan);
    await sleep(4500);
    const gotos = commands(s, 'GotoPreset').filter((c) => c.at >= started);
    expect(gotos.map((g) => g.presetToken)).toEqual(tokens);
    for (let i = 1; i < 3; i++) expect(Math.abs(gotos[i]!.at - gotos[i - 1]!.at - 2000)).toBeLessThan(150);
    expect(r.ptz.state(CAMERA).patrol).toMatchObject({ status: 'running', stepIndex: 2, presetName: '南口' });
    expect(r.ptz.state(CAMERA).controller).toMatchObject({ kind: 'patrol' });

    // An operator steers for 1.5 s: the patrol pauses and sends nothing.
    const manualFrom = Date.now();
    let lastManual = 0;
    while (Date.now() - manualFrom < 1500) {
      await r.ptz.move({ cameraId: CAMERA, clientId: CLIENT, pan: 0.3, tilt: 0, zoom: 0 });
      lastManual = Date.now();
      await sleep(100);
    }
    await r.ptz.stop(CAMERA, CLIENT);
    expect(r.ptz.state(CAMERA).patrol?.status).toBe('paused');
    expect(commands(s, 'GotoPreset').filter((c) => c.at >= manualFrom)).toEqual([]);

    // 1 s after the last manual command it resumes where it was, then carries on in order.
    await sleep(3400);
    const resumed = commands(s, 'GotoPreset').filter((c) => c.at >= manualFrom);
    expect(resumed.map((g) => g.presetToken)).toEqual([tokens[2], tokens[0]]);
    expect(resumed[0]!.at - lastManual).toBeGreaterThanOrEqual(1000);
    expect(resumed[0]!.at - lastManual).toBeLessThan(1300);
    expect(Math.abs(resumed[1]!.at - resumed[0]!.at - 2000)).toBeLessThan(150);

    await r.ptz.stopPatrol(CAMERA);
    const kinds = (await r.audit.list({})).entries.map((e) => `${e.kind}${e.details.from ? `:${e.details.from}` : ''}`).reverse();
    expect(kinds.filter((k) => k.startsWith('ptz.patrol') || k === 'ptz.takeover:patrol')).toEqual(['ptz.patrol_start', 'ptz.takeover:patrol', 'ptz.patrol_stop']);
  }, 30_000);

  it('a running patrol survives a restart of the host and goes on from its step', async () => {
    const { s, r, tokens } = await setUp();
    await r.ptz.startPatrol(CAMERA, { steps: tokens.map((presetToken) => ({ presetToken, dwellSec: 1, speed: 1 })), resumeAfterIdleSec: 1 });
    await sleep(1300);
    await r.close();
    cleanups.pop();
    const restartedAt = Date.now();
    const again = await startPtzRig(s.port, { dataDir: r.dataDir });
    cleanups.push(() => again.close());
    await sleep(300);
    expect(again.ptz.state(CAMERA).patrol).toMatchObject({ status: 'running', stepIndex: 1 });
    expect(commands(s, 'GotoPreset').filter((c) => c.at >= restartedAt).map((c) => c.presetToken)).toEqual([tokens[1]]);
  }, 20_000);

  it('refuses a plan naming a preset the camera does not have', async () => {
    const { r } = await setUp();
    await expect(r.ptz.startPatrol(CAMERA, { steps: [{ presetToken: '99', dwellSec: 2, speed: 1 }], resumeAfterIdleSec: 5 })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('daily schedule', () => {
  const at = (h: number, m: number) => new Date(2026, 11, 3, h, m);
  it('a window crossing midnight (22:00-06:00)', () => {
    const night = { from: '22:00', to: '06:00' };
    expect([at(21, 59), at(22, 0), at(3, 0), at(5, 59), at(6, 0), at(12, 0)].map((d) => insideSchedule(night, d))).toEqual([false, true, true, true, false, false]);
    expect(untilScheduleOpens(night, at(21, 0))).toBe(3600_000);
    expect(untilScheduleOpens(night, at(22, 30))).toBe(23.5 * 3600_000);
  });
  it('a daytime window and no window', () => {
    expect([at(7, 59), at(8, 0), at(17, 59), at(18, 0)].map((d) => insideSchedule({ from: '08:00', to: '18:00' }, d))).toEqual([false, true, true, false]);
    expect(insideSchedule(undefined, at(3, 0))).toBe(true);
  });
});
