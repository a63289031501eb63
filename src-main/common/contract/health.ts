import { z } from 'zod';
import { Empty, Id, Ok } from './define.js';
import { AreaPath } from '../model/device.js';

/**
 * What the periodic check (and the streams that play) say of a device or channel. `unknown`: not
 * checked yet. `auth_failed`: the device refused its credentials; it is not dialled again until
 * they are edited (the lockout guard), so this holds.
 */
export const HealthState = z.enum(['unknown', 'online', 'offline', 'auth_failed']);
export type HealthState = z.infer<typeof HealthState>;

const Iso = z.string().datetime();

export const ChannelHealth = z.object({
  cameraId: Id,
  name: z.string().max(128),
  area: AreaPath,
  state: HealthState,
  /** When this state began (e.g. "offline since"). */
  since: Iso.optional(),
  /** Why it is down: unreachable, timeout, auth_failed... (i18n `error.<code>`). */
  reason: z.string().max(64).optional(),
});
export type ChannelHealth = z.infer<typeof ChannelHealth>;

export const DeviceHealth = z.object({
  deviceId: Id,
  name: z.string().max(128),
  kind: z.string().max(32),
  host: z.string().max(255),
  area: AreaPath,
  state: HealthState,
  since: Iso.optional(),
  reason: z.string().max(64).optional(),
  /** When the last check ended. */
  checkedAt: Iso.optional(),
  channels: z.array(ChannelHealth),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

export const HealthSnapshot = z.object({
  devices: z.array(DeviceHealth),
  /** Every device is checked once per interval, the checks spread evenly over it. */
  intervalMs: z.number().int().positive(),
  /** Most checks running at once. */
  concurrency: z.number().int().positive(),
});
export type HealthSnapshot = z.infer<typeof HealthSnapshot>;

export const HealthExportRequest = z
  .object({
    /** Folder to write into; absent: the user's Downloads folder (else the data folder). */
    folder: z.string().min(1).max(1024).optional(),
    locale: z.enum(['zh-CN', 'en']),
    /** Everything, or only what is down (default). */
    all: z.boolean().optional(),
  })
  .strict();
export type HealthExportRequest = z.infer<typeof HealthExportRequest>;

export const healthChannels = {
  'sw:health:list': { req: Empty, res: HealthSnapshot },
  /** Check one device now (or every device, spread as usual, without one). */
  'sw:health:checkNow': { req: z.object({ deviceId: Id.optional() }).strict(), res: Ok },
  /** Writes the list as CSV (UTF-8 with BOM, so Excel reads the Chinese) and says where. */
  'sw:health:exportCsv': { req: HealthExportRequest, res: z.object({ path: z.string(), rows: z.number().int().nonnegative() }) },
} as const;

export const healthEvents = {
  /** Devices whose health changed (each with all its channels), and devices no longer there. */
  'sw:health:onDidChange': z.object({ changed: z.array(DeviceHealth), removed: z.array(Id) }),
} as const;
