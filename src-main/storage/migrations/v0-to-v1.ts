// v0 -> v1. Each v0 camera becomes one `rtsp` device holding that camera (ids are kept, so wall
// tiles still point at the same camera). Inline credentials are cut out of the URLs; passwords
// are written to the vault under the device id BEFORE the v1 file replaces the v0 file, so a
// crash in between only means the (idempotent) migration runs again on the next start.
import type { Problem } from '../../common/contract/app.js';
import type { Wall } from '../../common/contract/walls.js';
import { parseStreamUrl, type StreamUrl } from '../../common/model/stream-url.js';
import { defaultWall } from '../defaults.js';
import type { CameraV1, DeviceRecordV1 as DeviceRecord, SkywallDocV1 } from './v1-schema.js';
import type { CameraV0, SkywallDocV0, WallV0 } from './v0-schema.js';

export interface SecretWriter {
  set(id: string, secret: string): Promise<void>;
}

const ID_MAX = 128;

function toId(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, ID_MAX);
}

function toName(raw: string, fallback: string): string {
  const trimmed = raw.trim().slice(0, 64).trim();
  return trimmed.length > 0 ? trimmed : fallback.slice(0, 64);
}

interface MigratedCamera {
  device: DeviceRecord;
  password?: string;
}

/** v0 URLs worked as typed: a stray `%` in a password is kept, not a reason to drop the camera. */
function splitStored(text: string): StreamUrl | undefined {
  const r = parseStreamUrl(text, { badEscape: 'keep' });
  return r.ok ? r.value : undefined;
}

function migrateCamera(cam: CameraV0, cameraId: string, problems: Problem[], file: string, at: string): MigratedCamera | undefined {
  const main = splitStored(cam.rtspUrl);
  const sub = cam.subRtspUrl === undefined ? undefined : splitStored(cam.subRtspUrl);
  if (!main || (main.scheme !== 'rtsp' && main.scheme !== 'rtsps') || (cam.subRtspUrl !== undefined && !sub)) {
    problems.push({ code: 'storage_migration_dropped', params: { file, item: cameraId }, at });
    return undefined;
  }
  if (sub && sub.password !== undefined && (sub.password !== main.password || sub.username !== main.username)) {
    // One device has one password; the main stream's wins and the operator is told.
    problems.push({ code: 'storage_migration_credentials_conflict', params: { file, item: cameraId }, at });
  }
  const sources: CameraV1['sources'] = [{ profile: 'main', url: main.url }];
  if (sub) sources.push({ profile: 'sub', url: sub.url });
  const name = toName(cam.name, cameraId);
  const device: DeviceRecord = {
    id: toId(`dev-${cameraId}`),
    name,
    kind: 'rtsp',
    host: main.host,
    port: main.port,
    demo: false,
    cameras: [{ id: cameraId, name, sources, ptz: cam.ptz ?? false }],
  };
  const username = main.username ?? sub?.username;
  if (username !== undefined) device.username = username.slice(0, 64);
  const password = main.password ?? sub?.password;
  return password === undefined ? { device } : { device, password };
}

function migrateWall(w: WallV0, cameraIds: Map<string, string>): Wall {
  const [rows, cols] = w.layout.split('x').map(Number) as [number, number];
  const count = rows * cols;
  const id = toId(w.id);
  const tiles = Array.from({ length: count }, (_, i) => {
    const ref = w.cells[i];
    const cameraId = ref == null ? null : (cameraIds.get(ref) ?? null);
    return { cameraId, profile: count > 1 ? ('sub' as const) : ('main' as const) };
  });
  return { id, name: toName(w.name, id), rows, cols, tiles };
}

export async function migrateV0ToV1(
  v0: SkywallDocV0,
  vault: SecretWriter,
  ctx: { file: string; at: Date },
): Promise<{ doc: SkywallDocV1; problems: Problem[] }> {
  const at = ctx.at.toISOString();
  const problems: Problem[] = [];
  const cameraIds = new Map<string, string>();
  const usedCameraIds = new Set<string>();
  const migrated: MigratedCamera[] = [];
  for (const cam of v0.cameras) {
    const cameraId = toId(cam.id);
    if (usedCameraIds.has(cameraId)) {
      problems.push({ code: 'storage_migration_dropped', params: { file: ctx.file, item: cameraId }, at });
      continue;
    }
    const result = migrateCamera(cam, cameraId, problems, ctx.file, at);
    if (!result) continue;
    usedCameraIds.add(cameraId);
    cameraIds.set(cam.id, cameraId);
    migrated.push(result);
  }
  for (const m of migrated) {
    if (m.password !== undefined) await vault.set(m.device.id, m.password);
  }
  const wallIds = new Set<string>();
  const walls: Wall[] = [];
  for (const w of v0.walls) {
    const wall = migrateWall(w, cameraIds);
    if (wallIds.has(wall.id)) {
      problems.push({ code: 'storage_migration_dropped', params: { file: ctx.file, item: wall.id }, at });
      continue;
    }
    wallIds.add(wall.id);
    walls.push(wall);
  }
  // v1 always has a wall to show; v0 allowed none.
  if (walls.length === 0) walls.push(defaultWall());
  const doc: SkywallDocV1 = {
    schemaVersion: 1,
    settings: { locale: v0.language === 'zh' ? 'zh-CN' : 'en', displayWalls: {}, showTileStats: v0.showStats ?? false },
    devices: migrated.map((m) => m.device),
    walls,
  };
  return { doc, problems };
}
