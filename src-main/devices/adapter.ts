// The device-adapter port: everything the services need from a kind of device (a camera by
// URL, an ONVIF device, the demo, later vendor NVRs and county platforms). Services hold a stored
// device, ask the registry for its adapter and talk to that; they never read stream URLs
// themselves. Optional capabilities are members that are present or absent, not flags.
import type { DeviceView } from '../common/contract/devices.js';
import type { ChannelProfile } from '../common/model/source-key.js';
import type { EventsCapability, PlaybackCapability, PtzCapability } from './capabilities.js';

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

export interface ProfileDescription {
  profile: ChannelProfile;
  /** Undefined when the device does not say (the player finds out). */
  codec?: VideoCodec;
  width?: number;
  height?: number;
}

export interface ChannelDescription {
  /** The device's own name for the channel (ONVIF video source, NVR channel number, camera id). */
  id: string;
  name: string;
  /** Best first: main, then sub, then third where the device has them. */
  profiles: ProfileDescription[];
  /** The channel can pan, tilt or zoom (the adapter then has `ptz`). */
  ptz: boolean;
}

export interface DeviceDescription {
  manufacturer?: string;
  model?: string;
  firmwareVersion?: string;
  /** Device clock minus workstation clock in ms, where the protocol tells (ONVIF does). */
  clockOffsetMs?: number;
  channels: ChannelDescription[];
}

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

export interface DeviceAdapter {
  /** What the device is and which channels and stream profiles it has (may ask the device). */
  describe(device: DeviceHandle): Promise<DeviceDescription>;
  /**
   * Where one channel's profile streams from now. Rejects with SkywallError: `not_found` when
   * the channel has no such profile; `auth_failed`, `unreachable`, `timeout` from the device.
   */
  liveSource(device: DeviceHandle, channel: ChannelRef, profile: ChannelProfile): Promise<LiveSource>;
  /** Present when this kind of device can be steered; ChannelDescription.ptz says which channels. */
  readonly ptz?: PtzCapability;
  /** Present when this kind of device keeps recordings that can be played back. */
  readonly playback?: PlaybackCapability;
  /** Present when this kind of device reports events (motion, alarms, video loss). */
  readonly events?: EventsCapability;
}
