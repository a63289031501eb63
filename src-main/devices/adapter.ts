// The device-adapter port: everything the services need from a kind of device (a camera by
// URL, an ONVIF device, the demo, later vendor NVRs and county platforms). Services hold a stored
// device, ask the registry for its adapter and talk to that; they never read stream URLs
// themselves. Optional capabilities are members that are present or absent, not flags.
import type { ChannelProfile } from '../common/model/source-key.js';
import type { EventsCapability, PlaybackCapability, PtzCapability } from './capabilities.js';
import type { ChannelRef, DeviceHandle, LiveSource, VideoCodec } from './device-handle.js';

export type { ChannelRef, DeviceConfig, DeviceCredentials, DeviceHandle, LiveSource, LiveSourceTls, RelayedInput, RtspReplayHints, VideoCodec } from './device-handle.js';

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
  serialNumber?: string;
  /** Device clock minus workstation clock in ms, where the protocol tells (ONVIF does). */
  clockOffsetMs?: number;
  channels: ChannelDescription[];
}

export interface DeviceAdapter {
  /** What the device is and which channels and stream profiles it has (may ask the device). */
  describe(device: DeviceHandle): Promise<DeviceDescription>;
  /**
   * Where one channel's profile streams from now. Rejects with SkywallError: `not_found` when
   * the channel has no such profile; `auth_failed`, `unreachable`, `timeout` from the device.
   */
  liveSource(device: DeviceHandle, channel: ChannelRef, profile: ChannelProfile): Promise<LiveSource>;
  /**
   * Nothing pulls this channel any more (the hub's grace is over): a platform that opened a play
   * session for `liveSource` may end it. Absent for devices that keep no session.
   */
  releaseLive?(device: DeviceHandle, channel: ChannelRef): Promise<void>;
  /** Present when this kind of device can be steered; ChannelDescription.ptz says which channels. */
  readonly ptz?: PtzCapability;
  /** Present when this kind of device keeps recordings that can be played back. */
  readonly playback?: PlaybackCapability;
  /** Present when this kind of device reports events (motion, alarms, video loss). */
  readonly events?: EventsCapability;
}
