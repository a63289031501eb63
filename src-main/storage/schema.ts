// Shape of skywall.json (schemaVersion 2: the device model of common/model/device.ts). Devices
// are stored without passwords: the password lives in the credential vault under the device id.
import { z } from 'zod';
import { Settings } from '../common/contract/settings.js';
import { CustomLayout, MAX_CUSTOM_LAYOUTS, Scene, Wall } from '../common/contract/walls.js';
import { DeviceRecord, MAX_DEVICES } from '../common/model/device.js';

export const CURRENT_SCHEMA_VERSION = 2;

/** A persisted device. Never holds a password. */
export { DeviceRecord };

/** What callers may hand to upsertDevice: unknown keys (e.g. `password`) are refused, not dropped. */
export const DeviceRecordInput = DeviceRecord.strict();

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

export const SkywallDocV2 = z
  .object({
    schemaVersion: z.literal(2),
    settings: Settings,
    devices: z.array(DeviceRecord).max(MAX_DEVICES),
    walls: z.array(Wall).max(256),
    /** Custom layouts saved by name (absent in files written before they existed). */
    layouts: z.array(CustomLayout).max(MAX_CUSTOM_LAYOUTS).optional(),
    /** Scenes (预案) saved by name (absent until the first one). */
    scenes: z.array(Scene).max(64).optional(),
  })
  .superRefine((doc, ctx) => {
    for (const id of duplicates(doc.devices.map((d) => d.id))) {
      ctx.addIssue({ code: 'custom', message: `duplicate device id ${id}`, path: ['devices'] });
    }
    for (const id of duplicates(doc.devices.flatMap((d) => d.cameras.map((c) => c.id)))) {
      ctx.addIssue({ code: 'custom', message: `duplicate camera id ${id}`, path: ['devices'] });
    }
    for (const id of duplicates(doc.walls.map((w) => w.id))) {
      ctx.addIssue({ code: 'custom', message: `duplicate wall id ${id}`, path: ['walls'] });
    }
    for (const id of duplicates((doc.layouts ?? []).map((l) => l.id))) {
      ctx.addIssue({ code: 'custom', message: `duplicate layout id ${id}`, path: ['layouts'] });
    }
    for (const id of duplicates((doc.scenes ?? []).map((l) => l.id))) {
      ctx.addIssue({ code: 'custom', message: `duplicate scene id ${id}`, path: ['scenes'] });
    }
  });
export type SkywallDocV2 = z.infer<typeof SkywallDocV2>;
/** The current document type; follows the newest version. */
export type SkywallDoc = SkywallDocV2;
export const SkywallDoc = SkywallDocV2;
