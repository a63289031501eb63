// Devices: the adapter port, the registry from device kind to adapter, and the adapters.
import { createDemoCameraAdapter, type RunningDemoPorts } from './demo-camera/demo-camera-adapter.js';
import { createOnvifAdapter } from './onvif/onvif-adapter.js';
import { OnvifSessions } from './onvif/onvif-sessions.js';
import { DeviceAdapterRegistry } from './registry.js';
import { createRtspUrlAdapter } from './rtsp-url/rtsp-url-adapter.js';
import { createVendorAdapter } from './vendors/vendor-adapter.js';
import { createArtemisAdapter } from './platforms/artemis/artemis-adapter.js';
import { createWvpAdapter } from './platforms/wvp/wvp-adapter.js';

export type * from './adapter.js';
export type * from './capabilities.js';
export { adapterKindOf, DeviceAdapterRegistry, type AdapterKind } from './registry.js';
export { DEMO_CAMERA_IDS, DEMO_DEVICE_ID, demoDeviceConfig, type RunningDemoPorts } from './demo-camera/demo-camera-adapter.js';

export interface DeviceAdaptersOptions {
  /** The running demo's address and ports, when the demo runs. */
  demo?: RunningDemoPorts;
  /** Per ONVIF call (default 5 s). */
  onvifTimeoutMs?: number;
}

/** Every adapter Skywall has, keyed by the kind of device each serves. */
export function createDeviceAdapters(options: DeviceAdaptersOptions = {}): DeviceAdapterRegistry {
  const sessions = new OnvifSessions(options.onvifTimeoutMs);
  const byUrl = createRtspUrlAdapter();
  const registry = new DeviceAdapterRegistry([
    ['rtsp', byUrl],
    ['url', byUrl],
    ['onvif', createOnvifAdapter({ sessions })],
    ['hikvision', createVendorAdapter('hikvision')],
    ['dahua', createVendorAdapter('dahua')],
    ['uniview', createVendorAdapter('uniview')],
    ['wvp', createWvpAdapter()],
    ['artemis', createArtemisAdapter()],
  ]);
  if (options.demo) registry.register('demo', createDemoCameraAdapter(options.demo, sessions));
  return registry;
}
export { probeOnvif, probeOnvifDevices, type ConnectionFailure, type DiscoveredDevice, type DiscoveryTarget, type ProbedOnvifDevice } from './onvif/index.js';
export { createIsapiClient, type IsapiClient, type IsapiClientOptions } from './vendors/hikvision/isapi-client.js';
export { readIsapiDevice, ISAPI_PATHS, type IsapiChannel, type IsapiDevice } from './vendors/hikvision/isapi-channels.js';
export { cappedAgent, deviceGet, MAX_DEVICE_ANSWER_BYTES } from './device-http.js';
export { checkVendorRtsp, type VendorRtspCheck, type VendorRtspAnswer } from './vendors/rtsp-check.js';
