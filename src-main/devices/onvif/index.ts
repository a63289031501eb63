// Skywall's ONVIF client adapter (built on the `onvif` package).
export { connectOnvif, DEFAULT_ONVIF_TIMEOUT_MS } from './onvif-device.js';
export { probeOnvif, connectionFailureOf, type ConnectionFailure, type ProbedOnvifDevice, type ProbedChannel } from './onvif-probe.js';
export { probeOnvifDevices, type DiscoveredDevice, type DiscoveryTarget } from './ws-discovery.js';
export type {
  ContinuousMoveOptions,
  OnvifCodec,
  OnvifConnectOptions,
  OnvifDevice,
  OnvifDeviceInfo,
  OnvifProfile,
  OnvifPtz,
  PtzMoveState,
  PtzPreset,
  PtzStatus,
  PtzVector,
} from './onvif-types.js';
