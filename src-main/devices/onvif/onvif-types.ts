// Public types of Skywall's ONVIF client adapter.

export interface OnvifConnectOptions {
  host: string;
  /** HTTP port of the device service, usually 80 */
  port: number;
  username?: string;
  password?: string;
  /** per ONVIF call; default 5000 ms (the library's own default is 120 s) */
  timeoutMs?: number;
  /** device service path; default /onvif/device_service */
  path?: string;
}

export interface OnvifDeviceInfo {
  manufacturer: string;
  model: string;
  firmwareVersion: string;
  serialNumber: string;
  hardwareId: string;
}

export type OnvifCodec = 'h264' | 'h265';

export interface OnvifProfile {
  token: string;
  name: string;
  /** as the device names it, upper case: H264, H265, JPEG, MPEG4 ... */
  encoding: string;
  /** null when Skywall cannot play the encoding */
  codec: OnvifCodec | null;
  width: number;
  height: number;
  hasPtz: boolean;
  /** The video source (camera input) the profile encodes; an NVR has one per channel. */
  sourceToken?: string;
}

/** Pan and tilt in [-1, 1], zoom in [0, 1] for positions; velocities all in [-1, 1]. */
export interface PtzVector {
  x: number;
  y: number;
  zoom: number;
}

export interface PtzPreset {
  token: string;
  name: string;
  /** null when the device does not report where the preset points */
  position: PtzVector | null;
}

export type PtzMoveState = 'idle' | 'moving' | 'unknown';

export interface PtzStatus {
  position: PtzVector;
  panTilt: PtzMoveState;
  zoom: PtzMoveState;
}

export interface ContinuousMoveOptions {
  /** the device stops by itself after this (ONVIF Timeout); default: the device's own default */
  timeoutMs?: number;
}

export interface OnvifPtz {
  continuousMove(profileToken: string, velocity: Partial<PtzVector>, options?: ContinuousMoveOptions): Promise<void>;
  /** stops pan, tilt and zoom */
  stop(profileToken: string): Promise<void>;
  absoluteMove(profileToken: string, position: Partial<PtzVector>, speed?: Partial<PtzVector>): Promise<void>;
  relativeMove(profileToken: string, translation: Partial<PtzVector>, speed?: Partial<PtzVector>): Promise<void>;
  home(profileToken: string): Promise<void>;
  status(profileToken: string): Promise<PtzStatus>;
  presets(profileToken: string): Promise<PtzPreset[]>;
  gotoPreset(profileToken: string, presetToken: string, speed?: Partial<PtzVector>): Promise<void>;
  /** creates a preset at the current position, or moves `presetToken` there; returns the token */
  setPreset(profileToken: string, name: string, presetToken?: string): Promise<string>;
  removePreset(profileToken: string, presetToken: string): Promise<void>;
}

export interface ImagingSettingsNow {
  focusMode: 'AUTO' | 'MANUAL' | undefined;
  exposureMode: 'AUTO' | 'MANUAL' | undefined;
  iris: number | undefined;
}

export interface OnvifImaging {
  settings(sourceToken: string): Promise<ImagingSettingsNow>;
  /** Continuous focus move, speed in [-1, 1] (negative towards near); sets manual focus first where needed. */
  focusMove(sourceToken: string, speed: number): Promise<void>;
  focusAuto(sourceToken: string): Promise<void>;
  /** Stops a focus move. */
  stop(sourceToken: string): Promise<void>;
  /** One iris step, wider (+1) or narrower (-1); returns the iris set (dB). */
  irisStep(sourceToken: string, direction: 1 | -1): Promise<number>;
}

/** A recording an ONVIF recorder keeps (Profile G). */
export interface OnvifRecording {
  token: string;
  /** What the recorder says it records (often the video source token; '' when not said). */
  sourceId: string;
  name: string;
  hasVideo: boolean;
}

export interface OnvifPlayback {
  /** The device advertises the Recording and Replay services. */
  readonly available: boolean;
  recordings(): Promise<OnvifRecording[]>;
  /** Span of the recording's video in the device's clock, ms since the epoch; undefined when it holds nothing. */
  recordingSpan(recordingToken: string): Promise<{ from: number; to: number } | undefined>;
  /** RTSP address that replays the recording (ask with `Require: onvif-replay` and `Range: clock=`). */
  replayUri(recordingToken: string): Promise<string>;
  /** Device clock minus host clock, measured now, ms. */
  clockOffsetMs(): Promise<number>;
}

export interface OnvifDevice {
  readonly host: string;
  readonly port: number;
  /** device clock minus host clock at connect time, ms (WS-Security timestamps are corrected by it) */
  readonly clockOffsetMs: number;
  /** the device advertises a PTZ service */
  readonly hasPtzService: boolean;
  /** the device advertises an Imaging service (focus, iris) */
  readonly hasImagingService: boolean;
  /** the device advertises Media2 (ver20); profiles and URIs then come from it */
  readonly media2: boolean;
  /** read at connect time */
  info(): Promise<OnvifDeviceInfo>;
  /** profiles with a video encoder; audio- or metadata-only profiles are left out */
  profiles(): Promise<OnvifProfile[]>;
  /** RTSP URL (RTP over RTSP/TCP) as the device reports it, without credentials */
  streamUri(profileToken: string): Promise<string>;
  snapshotUri(profileToken: string): Promise<string>;
  readonly ptz: OnvifPtz;
  /** focus and iris per video source */
  readonly imaging: OnvifImaging;
  /** recordings and their replay (Profile G), where the device keeps any */
  readonly playback: OnvifPlayback;
  /** later calls reject; nothing stays open between calls, so this only marks the end */
  close(): void;
}
