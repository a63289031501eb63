// v1 -> v2: the device model. Every device gets its category (guessed from its kind and camera
// count: one camera is a camera, more an NVR, WVP and Artemis are platforms) and an empty area.
// Device ids, camera ids, names, URLs and walls are carried over unchanged, so every wall tile
// still points at its camera; the vault is untouched (it is keyed by the same device ids).
import { guessCategory, type Camera, type DeviceRecord } from '../../common/model/device.js';
import type { SkywallDocV2 } from '../schema.js';
import type { CameraV1, DeviceRecordV1, SkywallDocV1 } from './v1-schema.js';

function migrateCamera(c: CameraV1): Camera {
  // v1 allowed up to 4 sources; one per profile is all a camera has.
  const seen = new Set<string>();
  const sources = c.sources.filter((s) => !seen.has(s.profile) && seen.add(s.profile));
  return { id: c.id, name: c.name, ptz: c.ptz, sources };
}

function migrateDevice(d: DeviceRecordV1): DeviceRecord {
  return { ...d, category: guessCategory(d.kind, d.cameras.length), area: [], cameras: d.cameras.map(migrateCamera) };
}

export function migrateV1ToV2(v1: SkywallDocV1): SkywallDocV2 {
  return { ...v1, schemaVersion: 2, devices: v1.devices.map(migrateDevice) };
}
