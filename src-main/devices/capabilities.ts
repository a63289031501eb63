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
  /** `speed` in (0, 1] where the device takes one (patrol steps carry it). */
  gotoPreset(target: ChannelTarget, presetToken: string, speed?: number): Promise<void>;
  /** Saves the current position under `name` (or moves `presetToken` there); returns the token. */
  setPreset(target: ChannelTarget, name: string, presetToken?: string): Promise<string>;
  removePreset(target: ChannelTarget, presetToken: string): Promise<void>;
  /** Back to the home position, where the device has one. */
  home?(target: ChannelTarget): Promise<void>;
  /** A move by a fraction of the field of view (click-to-centre), where the device can. */
  relativeMove?(target: ChannelTarget, translation: PtzVelocity): Promise<void>;
  /**
   * Focus and iris: near/far and open/close run until `lens_stop` (callers keep a watchdog, as
   * for moves); focus_auto hands focus back to the camera. Absent where the device has no lens control.
   */
  lens?(target: ChannelTarget, action: PtzLensAction, speed: number): Promise<void>;
}

export type PtzLensAction = 'focus_near' | 'focus_far' | 'focus_auto' | 'iris_open' | 'iris_close' | 'lens_stop';

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
  /** Recorder clock minus workstation clock, ms, measured now where the protocol allows (ONVIF GetSystemDateAndTime). */
  clockOffsetMs?(target: ChannelTarget): Promise<number | undefined>;
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
