import type { ptzChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { PtzService } from './service.js';

const ok = { ok: true as const };

export function ptzHandlers(ptz: PtzService): DomainHandlers<typeof ptzChannels> {
  return {
    'sw:ptz:move': async (req) => (await ptz.move(req), ok),
    'sw:ptz:stop': async ({ cameraId, clientId }) => (await ptz.stop(cameraId, clientId), ok),
    'sw:ptz:lens': async ({ cameraId, clientId, action, speed }) => (await ptz.lens(cameraId, clientId, action, speed ?? 0.5), ok),
    'sw:ptz:home': async ({ cameraId, clientId }) => (await ptz.home(cameraId, clientId), ok),
    'sw:ptz:centre': async ({ cameraId, clientId, x, y, zoom }) => (await ptz.centre(cameraId, clientId, { pan: x, tilt: y, zoom: zoom ?? 0 }), ok),
    'sw:ptz:presets': ({ cameraId }) => ptz.presets(cameraId),
    'sw:ptz:gotoPreset': async ({ cameraId, clientId, token }) => (await ptz.gotoPreset(cameraId, clientId, token), ok),
    'sw:ptz:savePreset': ({ cameraId, clientId, name, token }) => ptz.savePreset(cameraId, clientId, name, token),
    'sw:ptz:renamePreset': async ({ cameraId, token, name }) => (await ptz.renamePreset(cameraId, token, name), ok),
    'sw:ptz:removePreset': async ({ cameraId, token }) => (await ptz.removePreset(cameraId, token), ok),
    'sw:ptz:state': ({ cameraId }) => ptz.state(cameraId),
    'sw:ptz:startPatrol': ({ cameraId, plan }) => ptz.startPatrol(cameraId, plan),
    'sw:ptz:stopPatrol': ({ cameraId }) => ptz.stopPatrol(cameraId),
  };
}
