import { z } from 'zod';
import { Empty, Id, Ok } from './define.js';
import { displayName } from './display-name.js';
import {
  AreaPath,
  Camera,
  CameraSource,
  DeviceInfo,
  DeviceCategory,
  DeviceKind,
  DeviceRecord,
  MAX_BITRATE_KBPS_LIMIT,
  MAX_STREAMS_LIMIT,
  TlsPin,
} from '../model/device.js';

export { AreaPath, Camera, CameraSource, DeviceCategory, DeviceKind, DeviceInfo, DeviceClock, LoginRefused } from '../model/device.js';

/** The profiles a wall tile asks for (the third profile is chosen by the stream service only). */
export const StreamProfile = z.enum(['main', 'sub']);
export type StreamProfile = z.infer<typeof StreamProfile>;

/** A camera as the operator enters it: its name is checked like every display name. */
export const CameraInput = Camera.extend({ name: displayName });

/** What the renderer sees of a device: the stored record and whether a password is stored, never the password. */
export const DeviceView = DeviceRecord.extend({ hasPassword: z.boolean() });
export type DeviceView = z.infer<typeof DeviceView>;

const Host = z.string().trim().min(1).max(255);
const Port = z.number().int().min(1).max(65535);
const MaxStreams = z.number().int().min(1).max(MAX_STREAMS_LIMIT);
const MaxBitrate = z.number().int().min(64).max(MAX_BITRATE_KBPS_LIMIT);

/** Kinds whose cameras are their stored URLs: every camera needs at least one. */
const URL_KINDS: readonly DeviceKind[] = ['rtsp', 'url'];

function camerasHaveUrls(kind: DeviceKind | undefined, cameras: Camera[] | undefined, ctx: z.RefinementCtx): void {
  if (!kind || !cameras || !URL_KINDS.includes(kind)) return;
  cameras.forEach((c, i) => {
    if (!c.sources.some((s) => s.url !== undefined)) ctx.addIssue({ code: 'custom', message: 'a camera added by URL needs a stream URL', path: ['cameras', i, 'sources'] });
  });
}

export const DeviceInput = z
  .object({
    name: displayName,
    kind: DeviceKind,
    /** Absent: guessed from the kind and the number of cameras. */
    category: DeviceCategory.optional(),
    host: Host,
    port: Port,
    rtspPort: Port.optional(),
    username: z.string().max(64).optional(),
    password: z.string().max(128).optional(),
    area: AreaPath.optional(),
    /** Empty for ONVIF and vendor devices: their channels are asked of the device. */
    cameras: z.array(CameraInput).max(4096),
    maxStreams: MaxStreams.optional(),
    maxBitrateKbps: MaxBitrate.optional(),
    https: z.boolean().optional(),
    tlsPinSha256: TlsPin.optional(),
  })
  .strict()
  .superRefine((d, ctx) => camerasHaveUrls(d.kind, d.cameras, ctx));
export type DeviceInput = z.infer<typeof DeviceInput>;

/** An edit of a stored device: absent fields stay as they are; camera ids are kept. */
export const DeviceUpdate = z
  .object({
    id: Id,
    name: displayName.optional(),
    category: DeviceCategory.optional(),
    host: Host.optional(),
    port: Port.optional(),
    /** null returns to the protocol's default port. */
    rtspPort: Port.nullable().optional(),
    /** An empty string removes the user name. */
    username: z.string().max(64).optional(),
    /** A string replaces the stored password, null removes it, absent keeps it. */
    password: z.string().max(128).nullable().optional(),
    area: AreaPath.optional(),
    cameras: z.array(CameraInput).max(4096).optional(),
    /** null removes the limit. */
    maxStreams: MaxStreams.nullable().optional(),
    maxBitrateKbps: MaxBitrate.nullable().optional(),
    https: z.boolean().optional(),
    /** null forgets the pinned certificate. */
    tlsPinSha256: TlsPin.nullable().optional(),
  })
  .strict();
export type DeviceUpdate = z.infer<typeof DeviceUpdate>;

/** What a connection test found wrong, named for the operator. */
export const ConnectionFailure = z.enum(['unreachable', 'timeout', 'wrong_password', 'not_onvif', 'not_isapi', 'no_stream', 'too_large', 'refused_before']);
export type ConnectionFailure = z.infer<typeof ConnectionFailure>;

/** Test an address and credentials before saving; `id` tests an edit of a stored device (its stored password when none is typed). */
export const DeviceTestRequest = z
  .object({
    id: Id.optional(),
    kind: DeviceKind,
    host: Host,
    port: Port,
    /** Dahua and Uniview: the RTSP port their test dials (default 554). */
    rtspPort: Port.optional(),
    username: z.string().max(64).optional(),
    password: z.string().max(128).optional(),
  })
  .strict();
export type DeviceTestRequest = z.infer<typeof DeviceTestRequest>;

export const FoundChannel = z.object({ name: z.string().max(128), ptz: z.boolean(), sources: z.array(CameraSource).max(3) });

export const DeviceTestResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    info: DeviceInfo,
    channels: z.array(FoundChannel).max(4096),
    clockOffsetMs: z.number().int().optional(),
    /** Dahua and Uniview: channel 1's main stream answered (they do not list their channels). */
    streamChecked: z.boolean().optional(),
  }),
  z.object({ ok: z.literal(false), failure: ConnectionFailure }),
]);
export type DeviceTestResult = z.infer<typeof DeviceTestResult>;

/** A device that answered the WS-Discovery probe. */
export const FoundDevice = z.object({
  host: z.string().max(255),
  port: Port,
  name: z.string().max(128).optional(),
  manufacturer: z.string().max(128).optional(),
  model: z.string().max(128).optional(),
  /** The stored device at this address, when it is added already. */
  addedAs: Id.optional(),
});
export type FoundDevice = z.infer<typeof FoundDevice>;

export const devicesChannels = {
  'sw:devices:test': { req: DeviceTestRequest, res: DeviceTestResult },
  'sw:devices:scan': { req: Empty, res: z.array(FoundDevice).max(1024) },
  'sw:devices:list': { req: Empty, res: z.array(DeviceView) },
  'sw:devices:add': { req: DeviceInput, res: DeviceView },
  'sw:devices:update': { req: DeviceUpdate, res: DeviceView },
  'sw:devices:remove': { req: z.object({ id: Id }).strict(), res: Ok },
} as const;

export const devicesEvents = {
  'sw:devices:onDidChange': z.array(DeviceView),
} as const;
