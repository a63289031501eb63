import type { PatrolPlan, PtzCameraState, Req } from '@common/contract/index.js';
import { call, subscribe } from './bridge.js';
import type { Unsubscribe } from './sync.js';

/** This window's name towards the PTZ lock: made up once per page load. */
export const ptzClientId = `w${crypto.randomUUID().replace(/-/g, '')}`.slice(0, 33);

export type PtzLensAction = Req<'sw:ptz:lens'>['action'];

export const ptzService = {
  move: (cameraId: string, pan: number, tilt: number, zoom: number, takeover = false) =>
    call('sw:ptz:move', { cameraId, clientId: ptzClientId, pan, tilt, zoom, ...(takeover ? { takeover: true } : {}) }),
  stop: (cameraId: string) => call('sw:ptz:stop', { cameraId, clientId: ptzClientId }),
  lens: (cameraId: string, action: PtzLensAction, speed: number) => call('sw:ptz:lens', { cameraId, clientId: ptzClientId, action, speed }),
  home: (cameraId: string) => call('sw:ptz:home', { cameraId, clientId: ptzClientId }),
  centre: (cameraId: string, x: number, y: number) => call('sw:ptz:centre', { cameraId, clientId: ptzClientId, x, y }),
  presets: (cameraId: string) => call('sw:ptz:presets', { cameraId }),
  gotoPreset: (cameraId: string, token: string) => call('sw:ptz:gotoPreset', { cameraId, clientId: ptzClientId, token }),
  savePreset: (cameraId: string, name: string) => call('sw:ptz:savePreset', { cameraId, clientId: ptzClientId, name }),
  renamePreset: (cameraId: string, token: string, name: string) => call('sw:ptz:renamePreset', { cameraId, token, name }),
  removePreset: (cameraId: string, token: string) => call('sw:ptz:removePreset', { cameraId, token }),
  state: (cameraId: string) => call('sw:ptz:state', { cameraId }),
  startPatrol: (cameraId: string, plan: PatrolPlan) => call('sw:ptz:startPatrol', { cameraId, plan }),
  stopPatrol: (cameraId: string) => call('sw:ptz:stopPatrol', { cameraId }),
  onState: (listener: (s: PtzCameraState) => void): Unsubscribe => subscribe('sw:ptz:onDidChangeState', listener),
};
