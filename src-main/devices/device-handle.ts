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
 * - `relay`: a platform byte stream: FLV is demuxed into the hub like RTSP, TS and HLS are relayed
 *   to the renderer as bytes.
 * `renewable`: the URL holds for one play session (a platform's play URL): ask the adapter again
 * before each reconnect instead of reusing it.
 */
/**
 * How a recording is asked for over RTSP (playback sources only): ONVIF Profile G replay wants
 * `Require: onvif-replay`; vendor playback URLs name the span in the URL itself.
 */
export interface RtspReplayHints {
  onvif: boolean;
  spanInUrl: boolean;
}

export type LiveSource =
  | { kind: 'rtsp'; url: string; credentials: DeviceCredentials; codec?: VideoCodec; renewable?: boolean; replay?: RtspReplayHints }
  | { kind: 'relay'; url: string; input: RelayedInput; codec?: VideoCodec; renewable?: boolean; tls?: LiveSourceTls };

/** How a platform's https/wss media URL is trusted: the certificate the operator pinned. */
export interface LiveSourceTls {
  pinSha256: string;
}
