// PTZ part of the adapter: moves, stop, status and presets through `onvif`'s Cam (the hot
// ContinuousMove and Stop written here, with their SOAP action named: onvif-soap.ts).

import type { Cam } from 'onvif';
import { SkywallError } from '../../common/model/errors.js';
import type { Caller } from './onvif-call.js';
import { parsePresets, parseSetPresetToken, parseStatus } from './onvif-schemas.js';
import { SOAP_NS, sendSoap, xsFloat } from './onvif-soap.js';
import type { ContinuousMoveOptions, OnvifPtz, PtzVector } from './onvif-types.js';
import { xmlText } from './xml-text.js';

export type { Caller } from './onvif-call.js';


type Bounds = { pan: [number, number]; zoom: [number, number] };
const VELOCITY: Bounds = { pan: [-1, 1], zoom: [-1, 1] };
const POSITION: Bounds = { pan: [-1, 1], zoom: [0, 1] };
const SPEED: Bounds = { pan: [0, 1], zoom: [0, 1] };

function checkVector(v: Partial<PtzVector>, b: Bounds, what: string): Partial<PtzVector> {
  const out: Partial<PtzVector> = {};
  for (const axis of ['x', 'y', 'zoom'] as const) {
    const n = v[axis];
    if (n === undefined) continue;
    const [lo, hi] = axis === 'zoom' ? b.zoom : b.pan;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < lo || n > hi) {
      throw new SkywallError('bad_payload', `PTZ ${what}.${axis} must be a number in [${lo}, ${hi}]`, { field: `${what}.${axis}` });
    }
    out[axis] = n;
  }
  return out;
}

function checkToken(token: string, what: string): string {
  if (typeof token !== 'string' || token.length === 0 || token.length > 64) {
    throw new SkywallError('bad_payload', `${what} must be 1 to 64 characters`, { field: what });
  }
  return xmlText(token);
}

/** The library writes a PanTilt element only when both x and y are set. */
function fullPanTilt(v: Partial<PtzVector>): Partial<PtzVector> {
  return v.x !== undefined || v.y !== undefined ? { ...v, x: v.x ?? 0, y: v.y ?? 0 } : v;
}

function speedOption(speed: Partial<PtzVector> | undefined): { speed?: Partial<PtzVector> } {
  return speed ? { speed: fullPanTilt(checkVector(speed, SPEED, 'speed')) } : {};
}

const ignore = (): void => undefined;

export function createPtz(cam: Cam, call: Caller, hasPtzService: () => boolean, where: string): OnvifPtz {
  const need = (): void => {
    if (!hasPtzService()) throw new SkywallError('not_found', `${where} has no PTZ service`);
  };

  const ptz: OnvifPtz = {
    async continuousMove(profileToken, velocity, options: ContinuousMoveOptions = {}) {
      need();
      const v = checkVector(velocity, VELOCITY, 'velocity');
      const timeout = options.timeoutMs;
      if (timeout !== undefined && (!Number.isFinite(timeout) || timeout <= 0)) {
        throw new SkywallError('bad_payload', 'PTZ timeoutMs must be a positive number', { field: 'timeoutMs' });
      }
      const profile = checkToken(profileToken, 'profileToken');
      const vector = `<PanTilt x="${xsFloat(v.x ?? 0)}" y="${xsFloat(v.y ?? 0)}" xmlns="${SOAP_NS.schema}"/><Zoom x="${xsFloat(v.zoom ?? 0)}" xmlns="${SOAP_NS.schema}"/>`;
      const deadline = timeout !== undefined ? `<Timeout>PT${xsFloat(timeout / 1000)}S</Timeout>` : '';
      await call('ContinuousMove', (cb) => sendSoap(cam, 'ptz', 'ContinuousMove', `<ProfileToken>${profile}</ProfileToken><Velocity>${vector}</Velocity>${deadline}`, cb), ignore);
    },

    async stop(profileToken) {
      need();
      const profile = checkToken(profileToken, 'profileToken');
      await call('Stop', (cb) => sendSoap(cam, 'ptz', 'Stop', `<ProfileToken>${profile}</ProfileToken><PanTilt>true</PanTilt><Zoom>true</Zoom>`, cb), ignore);
    },

    async absoluteMove(profileToken, position, speed) {
      need();
      const p = checkVector(position, POSITION, 'position');
      const profile = checkToken(profileToken, 'profileToken');
      // The library sends 0 for left-out axes, so fill them from the current position.
      const complete = p.x !== undefined && p.y !== undefined && p.zoom !== undefined;
      const here = complete ? { x: 0, y: 0, zoom: 0 } : (await ptz.status(profileToken)).position;
      const target = { x: p.x ?? here.x, y: p.y ?? here.y, zoom: p.zoom ?? here.zoom };
      await call('AbsoluteMove', (cb) => cam.absoluteMove({ profileToken: profile, ...target, ...speedOption(speed) }, cb), ignore);
    },

    async relativeMove(profileToken, translation, speed) {
      need();
      const t = checkVector(translation, VELOCITY, 'translation');
      const profile = checkToken(profileToken, 'profileToken');
      await call('RelativeMove', (cb) => cam.relativeMove({ profileToken: profile, x: t.x ?? 0, y: t.y ?? 0, zoom: t.zoom ?? 0, ...speedOption(speed) }, cb), ignore);
    },

    async home(profileToken) {
      need();
      const profile = checkToken(profileToken, 'profileToken');
      await call('GotoHomePosition', (cb) => cam.gotoHomePosition({ profileToken: profile }, cb), ignore);
    },

    async status(profileToken) {
      need();
      const profile = checkToken(profileToken, 'profileToken');
      return call('GetStatus', (cb) => cam.getStatus({ profileToken: profile }, cb), (v) => parseStatus(v));
    },

    async presets(profileToken) {
      need();
      const profile = checkToken(profileToken, 'profileToken');
      // The callback's own result is keyed by preset name (duplicates collapse); Cam#presets is
      // keyed by token and is filled right before the callback runs.
      return call('GetPresets', (cb) => cam.getPresets({ profileToken: profile }, cb), () => parsePresets(cam.presets));
    },

    async gotoPreset(profileToken, presetToken, speed) {
      need();
      const profile = checkToken(profileToken, 'profileToken');
      const preset = checkToken(presetToken, 'presetToken');
      const s = speedOption(speed).speed;
      await call('GotoPreset', (cb) => cam.gotoPreset({ profileToken: profile, preset, ...(s ? { speed: s } : {}) }, cb), ignore);
    },

    async setPreset(profileToken, name, presetToken) {
      need();
      const profile = checkToken(profileToken, 'profileToken');
      const presetName = checkToken(name.trim(), 'preset name');
      const token = presetToken === undefined ? undefined : checkToken(presetToken, 'presetToken');
      return call(
        'SetPreset',
        (cb) => cam.setPreset({ profileToken: profile, presetName, ...(token ? { presetToken: token } : {}) }, cb),
        (v) => parseSetPresetToken(v),
      );
    },

    async removePreset(profileToken, presetToken) {
      need();
      const profile = checkToken(profileToken, 'profileToken');
      const preset = checkToken(presetToken, 'presetToken');
      await call('RemovePreset', (cb) => cam.removePreset({ profileToken: profile, presetToken: preset }, cb), ignore);
    },
  };
  return ptz;
}
