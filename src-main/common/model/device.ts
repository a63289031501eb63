// The device model, shared by main and the renderer. A device is one thing Skywall logs in to:
// a camera, an NVR with channels, or a county platform with its own devices and channels. Its
// cameras (the channels the operator puts on a wall) keep their ids for the device's lifetime,
// whatever is edited, because wall tiles point at camera ids. Passwords are never part of it:
// they live in the credential vault under the device id.
import { z } from 'zod';
import { Id } from '../contract/define.js';
import { STREAM_PROFILES } from './source-key.js';

/** What a device is; `kind` says how Skywall speaks to it. */
export const DEVICE_CATEGORIES = ['camera', 'nvr', 'platform'] as const;
export const DeviceCategory = z.enum(DEVICE_CATEGORIES);
export type DeviceCategory = z.infer<typeof DeviceCategory>;

/** How Skywall speaks to a device: by stream URL, ONVIF, a vendor's rules, or a platform API. */
export const DEVICE_KINDS = ['rtsp', 'onvif', 'hikvision', 'dahua', 'uniview', 'wvp', 'artemis', 'url'] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** Vendors whose RTSP address rules Skywall knows (devices added by address without ONVIF). */
export const VENDOR_KINDS = ['hikvision', 'dahua', 'uniview'] as const satisfies readonly DeviceKind[];
export type VendorKind = (typeof VENDOR_KINDS)[number];

/**
 * Where a device or camera stands, as a path of names from the widest level down:
 * [county 县, township 乡镇, village 村, site 点位]. Shorter paths are fine (a township's own
 * cameras have no village); the empty path means "not placed yet". The tree groups by it.
 */
export const AREA_LEVELS = ['county', 'township', 'village', 'site'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export const AreaName = z.string().trim().min(1).max(64);
export const AreaPath = z.array(AreaName).max(AREA_LEVELS.length);
export type AreaPath = z.infer<typeof AreaPath>;

export const VideoCodecName = z.enum(['h264', 'h265']);

/** A certificate fingerprint as stored: SHA-256, 64 lower-case hex digits. */
export const TlsPin = z.string().regex(/^[0-9a-f]{64}$/);

const Url = z
  .string()
  .min(1)
  .max(2048)
  .refine((u) => /^(rtsp|rtsps|https?|wss?):\/\//i.test(u), { message: 'unsupported URL scheme' });

/** One stream profile of a camera: main (best picture), sub, third (smallest), where offered. */
export const CameraSource = z.object({
  profile: z.enum(STREAM_PROFILES),
  /** Live URL without credentials, for cameras added by URL; other kinds ask their adapter. */
  url: Url.optional(),
  codec: VideoCodecName.optional(),
  width: z.number().int().min(1).max(16384).optional(),
  height: z.number().int().min(1).max(16384).optional(),
});
export type CameraSource = z.infer<typeof CameraSource>;

/** A device inside a platform (an NVR a county platform manages) that platform cameras belong to. */
export const SubDevice = z.object({ id: z.string().min(1).max(128), name: z.string().max(128) });

/** One channel of a device, as the operator sees it: a camera that can go on a wall. */
export const Camera = z.object({
  id: Id,
  name: z.string().min(1).max(64),
  /** Stream profiles, best first; empty until the device has described them. */
  sources: z.array(CameraSource).max(STREAM_PROFILES.length),
  ptz: z.boolean(),
  /** The device's channel number (1-based), which vendor URL rules use. */
  channel: z.number().int().min(1).max(4096).optional(),
  /** The device's own id for this channel (ONVIF video source, ISAPI channel, platform channel id). */
  externalId: z.string().min(1).max(128).optional(),
  /** Platform cameras: the platform's device the channel belongs to. */
  subDevice: SubDevice.optional(),
  /** Where this camera stands when it differs from its device's area. */
  area: AreaPath.optional(),
  /** JPEG snapshot address the device gave (ONVIF GetSnapshotUri), without credentials. */
  snapshotUri: Url.optional(),
});
export type Camera = z.infer<typeof Camera>;

/** What the device says about itself (ONVIF GetDeviceInformation, ISAPI deviceInfo). */
export const DeviceInfo = z.object({
  manufacturer: z.string().max(128).optional(),
  model: z.string().max(128).optional(),
  firmwareVersion: z.string().max(128).optional(),
  serialNumber: z.string().max(128).optional(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

/** The device clock minus the workstation clock, when it was last read (playback and export use it). */
export const DeviceClock = z.object({ offsetMs: z.number().int(), checkedAt: z.string().datetime() });
export type DeviceClock = z.infer<typeof DeviceClock>;

/**
 * The lockout guard: the device refused its stored credentials at `at`. Nothing logs in to it
 * with them again until the operator edits the credentials, which clears this (survives restarts).
 */
export const LoginRefused = z.object({ at: z.string().datetime() });
export type LoginRefused = z.infer<typeof LoginRefused>;

export const MAX_STREAMS_LIMIT = 1024;
/** Most devices stored (a county's cameras imported one per row fit). */
export const MAX_DEVICES = 20_000;
export const MAX_BITRATE_KBPS_LIMIT = 10_000_000;

/** A stored device (what skywall.json holds): never a password. */
export const DeviceRecord = z.object({
  id: Id,
  name: z.string().min(1).max(64),
  kind: DeviceKind,
  /** Written for every stored device since schema v2; absent in built-in records means guessCategory(). */
  category: DeviceCategory.optional(),
  /** Management address: ONVIF/ISAPI/platform HTTP host and port, or the RTSP host for `rtsp`. */
  host: z.string().max(255),
  port: z.number().int().min(1).max(65535),
  /** RTSP port for vendor rules when not 554. */
  rtspPort: z.number().int().min(1).max(65535).optional(),
  username: z.string().max(64).optional(),
  demo: z.boolean(),
  /** Written for every stored device since schema v2 (empty: not placed yet). */
  area: AreaPath.optional(),
  cameras: z.array(Camera).max(4096),
  info: DeviceInfo.optional(),
  clock: DeviceClock.optional(),
  loginRefused: LoginRefused.optional(),
  /** Platforms: the API is served over HTTPS (WVP, Artemis). */
  https: z.boolean().optional(),
  /** Platforms: the SHA-256 fingerprint (64 lower-case hex digits) of the certificate the operator saw and accepted. */
  tlsPinSha256: TlsPin.optional(),
  /** Stream budget: most concurrent streams and total bitrate the device or its link carries. */
  maxStreams: z.number().int().min(1).max(MAX_STREAMS_LIMIT).optional(),
  maxBitrateKbps: z.number().int().min(64).max(MAX_BITRATE_KBPS_LIMIT).optional(),
});
export type DeviceRecord = z.infer<typeof DeviceRecord>;

/** The area a camera stands in: its own, or its device's. */
export function cameraArea(device: Pick<DeviceRecord, 'area'>, camera: Pick<Camera, 'area'>): AreaPath {
  return camera.area ?? device.area ?? [];
}

/** A device's category, guessed for built-in records that do not state one. */
export function deviceCategory(device: Pick<DeviceRecord, 'category' | 'kind' | 'cameras'>): DeviceCategory {
  return device.category ?? guessCategory(device.kind, device.cameras.length);
}

/** The category a device of this kind with this many cameras most likely is (migration, defaults). */
export function guessCategory(kind: DeviceKind, cameraCount: number): DeviceCategory {
  if (kind === 'wvp' || kind === 'artemis') return 'platform';
  return cameraCount > 1 ? 'nvr' : 'camera';
}
