// Focus and iris through the PTZ service against the demo ONVIF device's Imaging service (which
// logs every command with its arrival time): a held focus is a continuous Move after manual focus
// is set, stopped within 500 ms of its last renewal; focus auto; iris steps; a camera without
// Imaging answers ptz_unsupported and is not asked again and again.
import { afterEach, describe, expect, it } from 'vitest';
import type { OnvifStub } from '../../demo/onvif/index.js';
import { CAMERA, CLIENT, sleep, startPtzRig, startPtzStub } from '../../testing/ptz/ptz-rig.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function rigWith(o: { imaging?: boolean } = {}) {
  const stub = await startPtzStub(0, o);
  cleanups.push(() => stub.close());
  const rig = await startPtzRig(stub.port);
  cleanups.push(() => rig.close());
  return { stub, rig };
}
const imaging = (s: OnvifStub) => s.imagingLog.filter((e) => e.outcome === 'ok').map((e) => e.action);

describe('focus and iris (ONVIF Imaging)', () => {
  it('focus near held: manual focus, then a continuous Move towards near; not renewed, a Stop within 500 ms', async () => {
    const { stub, rig } = await rigWith();
    await rig.ptz.presets(CAMERA); // connected before the press
    // Renewed on a timer from the press on, without waiting for answers, as the page does.
    const first = rig.ptz.lens(CAMERA, CLIENT, 'focus_near', 0.5);
    let last = Date.now();
    const renew = setInterval(() => {
      last = Date.now();
      void rig.ptz.lens(CAMERA, CLIENT, 'focus_near', 0.5);
    }, 100);
    await first;
    await sleep(400);
    clearInterval(renew);
    await sleep(600);
    expect(imaging(stub)).toEqual(['GetImagingSettings', 'SetImagingSettings', 'Move', 'Stop']);
    const log = stub.imagingLog.filter((e) => e.outcome === 'ok');
    expect(log[1]).toMatchObject({ focusMode: 'MANUAL', sourceToken: 'video-source-0' });
    expect(log[2]!.focusSpeed).toBe(-0.5);
    expect(log[3]!.at - last).toBeLessThan(500);
    expect(rig.ptz.state(CAMERA).moving).toBe(false);
  });

  it('focus far, then auto focus hands focus back to the camera', async () => {
    const { stub, rig } = await rigWith();
    await rig.ptz.lens(CAMERA, CLIENT, 'focus_far', 1);
    await rig.ptz.stop(CAMERA, CLIENT);
    await rig.ptz.lens(CAMERA, CLIENT, 'focus_auto', 0.5);
    const log = stub.imagingLog.filter((e) => e.outcome === 'ok');
    expect(log.find((e) => e.action === 'Move')!.focusSpeed).toBe(1);
    expect(log.at(-1)).toMatchObject({ action: 'SetImagingSettings', focusMode: 'AUTO' });
  });

  it('iris open and close step the manual iris within the range the camera gives', async () => {
    const { stub, rig } = await rigWith();
    const irisSet = () => stub.imagingLog.filter((e) => e.action === 'SetImagingSettings' && e.outcome === 'ok').map((e) => [e.exposureMode, e.iris]);
    await rig.ptz.lens(CAMERA, CLIENT, 'iris_open', 0.5);
    await rig.ptz.stop(CAMERA, CLIENT);
    await rig.ptz.lens(CAMERA, CLIENT, 'iris_close', 0.5);
    await rig.ptz.stop(CAMERA, CLIENT);
    // From the camera's -6 dB, a tenth of the range (-22..0 dB) each way.
    expect(irisSet()).toEqual([
      ['MANUAL', -3.8],
      ['MANUAL', -6],
    ]);
    for (let i = 0; i < 3; i++) {
      await rig.ptz.lens(CAMERA, CLIENT, 'iris_open', 0.5);
      await rig.ptz.stop(CAMERA, CLIENT);
    }
    expect(irisSet().at(-1)).toEqual(['MANUAL', 0]);
  });

  it('a camera without Imaging says ptz_unsupported, once per press, and nothing is left to stop', async () => {
    const { stub, rig } = await rigWith({ imaging: false });
    await expect(rig.ptz.lens(CAMERA, CLIENT, 'focus_near', 0.5)).rejects.toMatchObject({ code: 'ptz_unsupported' });
    await expect(rig.ptz.lens(CAMERA, CLIENT, 'focus_auto', 0.5)).rejects.toMatchObject({ code: 'ptz_unsupported' });
    await expect(rig.ptz.lens(CAMERA, CLIENT, 'iris_open', 0.5)).rejects.toMatchObject({ code: 'ptz_unsupported' });
    await sleep(500);
    expect(stub.imagingLog).toHaveLength(0);
    expect(stub.requestLog.filter((e) => e.path === '/onvif/imaging_service')).toHaveLength(0);
    expect(rig.ptz.state(CAMERA).moving).toBe(false);
  });
});
