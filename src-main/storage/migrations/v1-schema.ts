// skywall.json as schemaVersion 1 wrote it, frozen: the devices before the device model (no
// category, area, channel numbers or third profile; every camera source had a URL).
import { z } from 'zod';
import { Id } from '../../common/contract/define.js';
import { Settings } from '../../common/contract/settings.js';
import { Wall } from '../../common/contract/walls.js';

export const CameraV1 = z.object({
  id: Id,
  name: z.string().min(1).max(64),
  sources: z
    .array(
      z.object({
        profile: z.enum(['main', 'sub']),
        url: z.string().min(1).max(2048),
        codec: z.enum(['h264', 'h265']).optional(),
      }),
    )
    .min(1)
    .max(4),
  ptz: z.boolean(),
});
export type CameraV1 = z.infer<typeof CameraV1>;

export const DeviceRecordV1 = z.object({
  id: Id,
  name: z.string().min(1).max(64),
  kind: z.enum(['rtsp', 'onvif', 'hikvision', 'dahua', 'uniview', 'wvp', 'artemis', 'url']),
  host: z.string().max(255),
  port: z.number().int().min(1).max(65535),
  username: z.string().max(64).optional(),
  demo: z.boolean(),
  cameras: z.array(CameraV1),
});
export type DeviceRecordV1 = z.infer<typeof DeviceRecordV1>;

export const SkywallDocV1 = z.object({
  schemaVersion: z.literal(1),
  settings: Settings,
  devices: z.array(DeviceRecordV1).max(4096),
  walls: z.array(Wall).max(256),
});
export type SkywallDocV1 = z.infer<typeof SkywallDocV1>;
