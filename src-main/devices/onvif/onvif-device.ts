// connectOnvif: Skywall's ONVIF client on top of `onvif` (0.8.x, CommonJS). The connect
// sequence is ours, not Cam#connect, so that a rejected password stops at the first refusal:
// GetSystemDateAndTime (unauthenticated; gives the clock offset the library then applies to
// WS-Security timestamps), GetServices (GetCapabilities only when GetServices is not
// understood), GetDeviceInformation (always needs credentials, so bad ones surface here).

import onvif from 'onvif';
import { cappedAgent } from '../device-http.js';
import { SkywallError } from '../../common/model/errors.js';
import { callOnvif, type LibCallback } from './onvif-call.js';
import { createImaging } from './onvif-imaging.js';
import { createPlayback } from './onvif-playback.js';
import { createPtz, type Caller } from './onvif-ptz.js';
import { parseDeviceInfo, parseProfiles, parseUri } from './onvif-schemas.js';
import type { OnvifConnectOptions, OnvifDevice, OnvifProfile } from './onvif-types.js';
import { xmlText } from './xml-text.js';

export const DEFAULT_ONVIF_TIMEOUT_MS = 5000;
const RTSP = /^rtsps?:\/\//i;
const HTTP = /^https?:\/\//i;

function checkOptions(o: OnvifConnectOptions): void {
  if (typeof o.host !== 'string' || o.host.trim() === '' || /[\s/]/.test(o.host.trim())) {
    throw new SkywallError('bad_payload', 'ONVIF host must be a host name or IP address', { field: 'host' });
  }
  if (!Number.isInteger(o.port) || o.port < 1 || o.port > 65535) {
    throw new SkywallError('bad_payload', 'ONVIF port must be an integer from 1 to 65535', { field: 'port' });
  }
  if (o.timeoutMs !== undefined && (!Number.isFinite(o.timeoutMs) || o.timeoutMs < 100)) {
    throw new SkywallError('bad_payload', 'ONVIF timeoutMs must be at least 100', { field: 'timeoutMs' });
  }
  // The library writes the user name into the WS-Security header without escaping.
  if (o.username !== undefined && /[<&]/.test(o.username)) {
    throw new SkywallError('bad_payload', 'ONVIF user names containing "<" or "&" cannot be sent', { field: 'username' });
  }
}

export async function connectOnvif(options: OnvifConnectOptions): Promise<OnvifDevice> {
  checkOptions(options);
  const host = options.host.trim();
  const port = options.port;
  const timeoutMs = options.timeoutMs ?? DEFAULT_ONVIF_TIMEOUT_MS;
  const cam = new onvif.Cam({
    hostname: host,
    port,
    username: options.username || undefined,
    password: options.password || undefined,
    path: options.path,
    timeout: timeoutMs,
    autoconnect: false,
    // Devices behind NAT advertise service addresses we cannot reach; keep the ones we dialled.
    preserveAddress: true,
    // No answer is read past 5 MB (a hostile or broken device cannot fill the workstation).
    agent: cappedAgent(),
  });
  let closed = false;
  const where = `ONVIF device ${host}:${port}`;
  const call: Caller = (operation, run, parse) => {
    if (closed) return Promise.reject(new SkywallError('internal', `${where}: used after close()`));
    return callOnvif({ host, port, operation }, timeoutMs, run, parse);
  };

  const deviceTime = await call('GetSystemDateAndTime', (cb) => cam.getSystemDateAndTime(cb), (v) => {
    if (!(v instanceof Date) || Number.isNaN(v.getTime())) throw new Error('no date');
    return v;
  });
  const clockOffsetMs = deviceTime.getTime() - Date.now();

  try {
    await call('GetServices', (cb) => cam.getServices(true, cb), () => undefined);
  } catch (e) {
    // Old devices do not know GetServices; anything but a protocol problem is final.
    if (!(e instanceof SkywallError) || e.code !== 'protocol') throw e;
    await call('GetCapabilities', (cb) => cam.getCapabilities(cb), () => undefined);
  }
  if (!cam.uri?.media && !cam.uri?.media2) {
    throw new SkywallError('protocol', `${where} advertises no media service`, { host, port });
  }
  const info = await call('GetDeviceInformation', (cb) => cam.getDeviceInformation(cb), (v) => parseDeviceInfo(v));

  const fetchProfiles = (): Promise<OnvifProfile[]> => call('GetProfiles', (cb) => cam.getProfiles(cb), (v) => parseProfiles(v));

  const device: OnvifDevice = {
    host,
    port,
    clockOffsetMs,
    get hasPtzService() {
      return !!cam.uri?.ptz;
    },
    get hasImagingService() {
      return !!cam.uri?.imaging;
    },
    get media2() {
      return !!cam.media2Support;
    },
    info: async () => ({ ...info }),
    async profiles() {
      try {
        return await fetchProfiles();
      } catch (e) {
        // Some devices advertise Media2 but answer it badly; fall back to Media once.
        if (!(e instanceof SkywallError) || e.code !== 'protocol' || !cam.media2Support || !cam.uri?.media) throw e;
        cam.media2Support = false;
        return fetchProfiles();
      }
    },
    streamUri(profileToken: string) {
      const profile = xmlText(profileToken);
      return call('GetStreamUri', (cb: LibCallback) => cam.getStreamUri({ protocol: 'RTSP', profileToken: profile }, cb), (v) => parseUri(v, RTSP));
    },
    snapshotUri(profileToken: string) {
      const profile = xmlText(profileToken);
      return call('GetSnapshotUri', (cb: LibCallback) => cam.getSnapshotUri({ profileToken: profile }, cb), (v) => parseUri(v, HTTP));
    },
    ptz: createPtz(cam, call, () => !!cam.uri?.ptz, where),
    imaging: createImaging(cam, call, () => !!cam.uri?.imaging, where),
    playback: createPlayback(cam, call, () => ({ recording: !!cam.uri?.recording, search: !!cam.uri?.search, replay: !!cam.uri?.replay }), where),
    close() {
      closed = true;
      cam.removeAllListeners();
    },
  };
  return device;
}
