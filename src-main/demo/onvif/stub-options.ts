// Options of the demo ONVIF device and the fixed shape of its media profiles.

export type OnvifStubAuth = 'wsse' | 'digest' | 'either' | 'none';
export type StubProfileToken = 'main' | 'sub';

export interface StubVideo {
  encoding: 'H264' | 'H265';
  width: number;
  height: number;
  fps: number;
  bitrateKbps: number;
}

/** A recording the device keeps (Profile G): one channel, replayed from `replayUri`. */
export interface StubRecording {
  token: string;
  /** 1-based channel recorded; its video source token is the recording's SourceId */
  channel: number;
  /** RTSP address GetReplayUri answers (e.g. the demo RTSP server's archive) */
  replayUri: string;
  /** spans recorded, host clock, ms since the epoch, in order */
  sections: Array<{ from: number; to: number }>;
}

export interface OnvifStubOptions {
  /** 0 or absent: a random free port */
  port?: number;
  /** listen address; default 127.0.0.1 */
  host?: string;
  username: string;
  password: string;
  /** which credentials the device accepts; default 'either' */
  auth?: OnvifStubAuth;
  /** the device clock runs this many seconds ahead of the host clock (negative: behind) */
  clockOffsetSec?: number;
  /** allowed distance between a UsernameToken's Created time and the device clock; default 5 s */
  wsseToleranceSec?: number;
  /** RTSP URLs returned by GetStreamUri */
  streamUris: Record<StubProfileToken, string>;
  /** URLs returned by GetSnapshotUri; default: this stub's /snapshot/<token>.jpg */
  snapshotUris?: Partial<Record<StubProfileToken, string>>;
  /** served at /snapshot/<token>.jpg when given; otherwise that path answers 404 */
  snapshotJpeg?: Buffer;
  /** device name, shown in scopes and as the model */
  name?: string;
  /** advertise the Media2 (ver20) service next to Media (ver10); default true */
  media2?: boolean;
  /** let GetServices/GetCapabilities through without credentials (the spec's PRE_AUTH class); default false */
  preAuthDiscovery?: boolean;
  video?: Partial<Record<StubProfileToken, Partial<StubVideo>>>;
  /** range units per second at velocity or speed 1.0; default 2 (full pan in 1 s) */
  ptzUnitsPerSec?: number;
  /** ContinuousMove without Timeout stops after this; default 10 s */
  defaultPtzTimeoutSec?: number;
  /** presets per profile; default 128 */
  maxPresets?: number;
  /** video channels, as an NVR has; channel 1 is `main`/`sub`, channel N is `chN-main`/`chN-sub` (no PTZ); default 1 */
  channels?: number;
  /** stream URI of channel N (2 and up); default: streamUris of the same profile */
  channelStreamUri?: (channel: number, profile: StubProfileToken) => string;
  /** answer WS-Discovery probes by unicast on a UDP port of `host`; default false */
  discovery?: boolean;
  /** manufacturer in GetDeviceInformation; default Skywall */
  manufacturer?: string;
  /** offer the Imaging service (focus, iris); default true */
  imaging?: boolean;
  /** recordings; when given, the Recording, Search and Replay services are offered */
  recordings?: StubRecording[];
}

export interface ResolvedStubOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  auth: OnvifStubAuth;
  clockOffsetSec: number;
  wsseToleranceSec: number;
  streamUris: Record<StubProfileToken, string>;
  snapshotUris: Partial<Record<StubProfileToken, string>>;
  snapshotJpeg: Buffer | undefined;
  name: string;
  media2: boolean;
  preAuthDiscovery: boolean;
  video: Record<StubProfileToken, StubVideo>;
  ptzUnitsPerSec: number;
  defaultPtzTimeoutSec: number;
  maxPresets: number;
  channels: number;
  channelStreamUri: (channel: number, profile: StubProfileToken) => string;
  discovery: boolean;
  manufacturer: string;
  imaging: boolean;
  recordings: StubRecording[];
}

export const PROFILE_TOKENS: readonly StubProfileToken[] = ['main', 'sub'];

const DEFAULT_VIDEO: Record<StubProfileToken, StubVideo> = {
  main: { encoding: 'H264', width: 1920, height: 1080, fps: 25, bitrateKbps: 4096 },
  sub: { encoding: 'H264', width: 640, height: 360, fps: 15, bitrateKbps: 512 },
};

export function resolveStubOptions(o: OnvifStubOptions): ResolvedStubOptions {
  if (!o.username) throw new Error('ONVIF stub: username is required');
  if (!o.streamUris?.main || !o.streamUris?.sub) throw new Error('ONVIF stub: streamUris.main and streamUris.sub are required');
  return {
    host: o.host ?? '127.0.0.1',
    port: o.port ?? 0,
    username: o.username,
    password: o.password,
    auth: o.auth ?? 'either',
    clockOffsetSec: o.clockOffsetSec ?? 0,
    wsseToleranceSec: o.wsseToleranceSec ?? 5,
    streamUris: { ...o.streamUris },
    snapshotUris: { ...o.snapshotUris },
    snapshotJpeg: o.snapshotJpeg,
    name: o.name ?? 'Skywall Demo Camera',
    media2: o.media2 ?? true,
    preAuthDiscovery: o.preAuthDiscovery ?? false,
    video: {
      main: { ...DEFAULT_VIDEO.main, ...o.video?.main },
      sub: { ...DEFAULT_VIDEO.sub, ...o.video?.sub },
    },
    ptzUnitsPerSec: o.ptzUnitsPerSec ?? 2,
    defaultPtzTimeoutSec: o.defaultPtzTimeoutSec ?? 10,
    maxPresets: o.maxPresets ?? 128,
    channels: Math.max(1, Math.min(64, Math.floor(o.channels ?? 1))),
    channelStreamUri: o.channelStreamUri ?? ((_channel, profile) => o.streamUris[profile]),
    discovery: o.discovery ?? false,
    manufacturer: o.manufacturer ?? 'Skywall',
    imaging: o.imaging ?? true,
    recordings: (o.recordings ?? []).map((r) => ({ ...r, sections: [...r.sections] })),
  };
}

export function isProfileToken(t: string): t is StubProfileToken {
  return (PROFILE_TOKENS as readonly string[]).includes(t);
}
