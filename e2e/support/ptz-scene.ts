import type { Page } from '@playwright/test';
import { startOnvifStub, type OnvifStub } from '../../src-main/demo/onvif/index.js';
import type { ContractClient } from './contract-client.js';

export const DOME = 'dome-1';

/** An ONVIF dome camera (the demo ONVIF device, run by the test so it can read what arrived), alone on the wall. */
export async function ptzScene(contract: ContractClient, port = 0, o: { imaging?: boolean } = {}): Promise<OnvifStub> {
  const stub = await startOnvifStub({ username: 'admin', password: 'dome-pw', port, streamUris: { main: 'rtsp://127.0.0.1:9/none', sub: 'rtsp://127.0.0.1:9/none' }, ...o });
  await contract.call('sw:devices:add', {
    name: '路口球机',
    kind: 'onvif',
    host: '127.0.0.1',
    port: stub.port,
    username: 'admin',
    password: 'dome-pw',
    cameras: [{ id: DOME, name: '路口球机', ptz: true, sources: [] }],
  });
  const wall = await contract.call('sw:walls:forWindow', {});
  await contract.call('sw:walls:save', { ...wall, rows: 1, cols: 1, tiles: [{ cameraId: DOME, profile: 'main' }] });
  return stub;
}

/** PTZ commands the stub took, with arrival times. */
export function stubCommands(stub: OnvifStub, action?: string) {
  return stub.ptzLog.filter((e) => e.outcome === 'ok' && (!action || e.action === action));
}

/** Selects the dome's tile and opens its PTZ control. */
export async function openPtz(page: Page): Promise<void> {
  await page.getByTestId('tile').first().click();
  await page.getByTestId('ptz-toggle').click();
  await page.getByTestId('ptz-control').waitFor();
}
