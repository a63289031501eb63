// What adapters and capabilities are handed and hand back: the stored device with its
// credentials on demand, a channel reference, and a live source the stream service can open.
import type { DeviceView } from '../common/contract/devices.js';

/** A stored device as the adapters see it: its configuration, never a password. */
export type DeviceConfig = Omit<DeviceView, 'hasPassword'>;

export interface DeviceCredentials {
  username?: string;
  password?: string;
}

/** One stored device handed to an adapter; the secret is read from the vault only when needed. */
export interface DeviceHandle {
  readonly config: DeviceConfig;
  credentials(): Promise<DeviceCredentials>;
}

/**
 * One channel of a device: its position in the device's description and the stored camera
 * (wall tiles point at camera ids). Channel `index` of describe() is camera `index` of the
 * stored device until devices store the device's own channel ids.
 */
export interface ChannelRef {
  index: number;
  cameraId: string;
}

export type VideoCodec = 'h264' | 'h265';

/** Byte streams the media relay pulls for the renderer (platform URLs). */
export type RelayedInput = 'flv-ws' | 'flv-http' | 'mpegts' | 'hls';

/**
 * Where a live stream comes from, in a form the stream service can open:
 * - `rtsp`: the hub pulls it with its RTSP client (credentials separate, never in the URL);
 * - `relay`: a platform byte stream the media relay fetches for the renderer.
 */
export type LiveSource =
  | { kind: 'rtsp'; url: string; credentials: DeviceCredentials; codec?: VideoCodec }
  | { kind: 'relay'; url: string; input: RelayedInput; codec?: VideoCodec };
