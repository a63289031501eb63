// Optional device capabilities, as far as something implements them today: PTZ through ONVIF.
// Playback and events are the shapes later adapters fill in (NVR recordings, platform record
// queries, ONVIF events); nothing implements them yet, so they stay minimal.
import type { ChannelProfile } from '../common/model/source-key.js';
import type { ChannelRef, DeviceHandle, LiveSource } from './device-handle.js';

/** A channel of a stored device: what every capability call is about. */
export interface ChannelTarget {
  device: DeviceHandle;
  channel: ChannelRef;
}

/** Pan and tilt in [-1, 1] (right and up positive), zoom in [-1, 1] (in positive); speeds as a fraction of the maximum. */
export interface PtzVelocity {
  pan: number;
  tilt: number;
  zoom: number;
}

export interface PtzPreset {
  /** The device's id for the preset. */
  token: string;
  name: string;
}

export interface PtzCapability {
  /**
   * Starts (or changes) a continuous move. `timeoutMs` asks the device to stop by itself after
   * that long, a safety net if the stop is lost; callers still send stop().
   */
  continuousMove(target: ChannelTarget, velocity: PtzVelocity, options?: { timeoutMs?: number }): Promise<void>;
  /** Stops pan, tilt and zoom. */
  stop(target: ChannelTarget): Promise<void>;
  presets(target: ChannelTarget): Promise<PtzPreset[]>;
  gotoPreset(target: ChannelTarget, presetToken: string): Promise<void>;
  /** Saves the current position under `name` (or moves `presetToken` there); returns the token. */
  setPreset(target: ChannelTarget, name: string, presetToken?: string): Promise<string>;
  removePreset(target: ChannelTarget, presetToken: string): Promise<void>;
}

/** A half-open span of wall-clock time, ms since the epoch (workstation clock). */
export interface TimeRange {
  from: number;
  to: number;
}

export interface PlaybackCapability {
  /** Spans of [range] the device holds recordings for, in order; gaps are left out. */
  recordings(target: ChannelTarget, range: TimeRange): Promise<TimeRange[]>;
  /** A source that replays `range` (RTSP with `Range: clock=` for ONVIF and NVRs). */
  replaySource(target: ChannelTarget, range: TimeRange, profile: ChannelProfile): Promise<LiveSource>;
}

export interface DeviceEvent {
  /** Workstation clock, ms since the epoch. */
  at: number;
  channel?: ChannelRef;
  /** Normalised kind, e.g. 'motion', 'video_loss', 'tamper'; the device's own topic beside it. */
  kind: string;
  topic: string;
  active: boolean;
}

export interface EventsCapability {
  /** Delivers the device's events until the returned function is called. */
  subscribe(device: DeviceHandle, listener: (event: DeviceEvent) => void): Promise<() => void>;
}
