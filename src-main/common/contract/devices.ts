import { z } from 'zod';
import { Empty, Id, Ok } from './define.js';
import { displayName } from './display-name.js';

export const DeviceKind = z.enum(['rtsp', 'onvif', 'hikvision', 'dahua', 'uniview', 'wvp', 'artemis', 'url']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const StreamProfile = z.enum(['main', 'sub']);
export type StreamProfile = z.infer<typeof StreamProfile>;

const Url = z.string().min(1).max(2048).refine((u) => /^(rtsp|rtsps|https?|wss?):\/\//i.test(u), { message: 'unsupported URL scheme' });

export const CameraSource = z.object({
  profile: StreamProfile,
  /** live URL without credentials; credentials come from the vault */
  url: Url,
  codec: z.enum(['h264', 'h265']).optional(),
});

export const Camera = z.object({
  id: Id,
  name: z.string().min(1).max(64),
  sources: z.array(CameraSource).min(1).max(4),
  ptz: z.boolean(),
});
export type Camera = z.infer<typeof Camera>;

/** A camera as the operator enters it: its name is checked like every display name. */
export const CameraInput = Camera.extend({ name: displayName });

/** What the renderer sees of a device: never a password. */
export const DeviceView = z.object({
  id: Id,
  name: z.string().min(1).max(64),
  kind: DeviceKind,
  host: z.string().max(255),
  port: z.number().int().min(1).max(65535),
  username: z.string().max(64).optional(),
  hasPassword: z.boolean(),
  demo: z.boolean(),
  cameras: z.array(Camera),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const DeviceInput = z
  .object({
    name: displayName,
    kind: DeviceKind,
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    username: z.string().max(64).optional(),
    password: z.string().max(128).optional(),
    cameras: z.array(CameraInput).max(512),
  })
  .strict();
export type DeviceInput = z.infer<typeof DeviceInput>;

/** An edit of a stored device: absent fields stay as they are. */
export const DeviceUpdate = z
  .object({
    id: Id,
    name: displayName.optional(),
    host: z.string().trim().min(1).max(255).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** An empty string removes the user name. */
    username: z.string().max(64).optional(),
    /** A string replaces the stored password, null removes it, absent keeps it. */
    password: z.string().max(128).nullable().optional(),
    cameras: z.array(CameraInput).max(512).optional(),
  })
  .strict();
export type DeviceUpdate = z.infer<typeof DeviceUpdate>;

export const devicesChannels = {
  'sw:devices:list': { req: Empty, res: z.array(DeviceView) },
  'sw:devices:add': { req: DeviceInput, res: DeviceView },
  'sw:devices:update': { req: DeviceUpdate, res: DeviceView },
  'sw:devices:remove': { req: z.object({ id: Id }).strict(), res: Ok },
} as const;

export const devicesEvents = {
  'sw:devices:onDidChange': z.array(DeviceView),
} as const;
