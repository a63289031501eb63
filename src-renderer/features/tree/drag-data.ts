// What a camera dragged from the camera tree carries, read by every drop target (wall tiles).
// One camera goes onto the tile it is dropped on; a device's or a group's cameras fill the wall's
// free tiles in order, starting at the tile they are dropped on.
import { z } from 'zod';
import { Id } from '@common/contract/define.js';

/** The drag's data type: custom, so no other page or app can drop cameras by accident. */
export const CAMERA_DRAG_TYPE = 'application/x-skywall-cameras';

/** More cameras than a 64-tile wall can hold are never useful in one drag. */
export const MAX_DRAG_CAMERAS = 512;

/** `camera`: one camera; `device`: an NVR's or platform's channels; `group`: an area, favourites, recent. */
export const CameraDragKind = z.enum(['camera', 'device', 'group']);
export type CameraDragKind = z.infer<typeof CameraDragKind>;

export const CameraDragPayload = z
  .object({
    v: z.literal(1),
    kind: CameraDragKind,
    cameraIds: z.array(Id).min(1).max(MAX_DRAG_CAMERAS),
  })
  .strict()
  .refine((p) => p.kind !== 'camera' || p.cameraIds.length === 1, { message: 'a camera drag carries one camera', path: ['cameraIds'] });
export type CameraDragPayload = z.infer<typeof CameraDragPayload>;

/** The slice of DataTransfer a drag uses (the browser's in the page, a small fake in tests). */
export type DragCarrier = Pick<DataTransfer, 'types' | 'setData' | 'getData' | 'effectAllowed'>;

/** The payload for `cameraIds` (duplicates dropped, order kept), or undefined for none. */
export function cameraDragPayload(cameraIds: readonly string[], kind?: CameraDragKind): CameraDragPayload | undefined {
  const unique = [...new Set(cameraIds)].slice(0, MAX_DRAG_CAMERAS);
  if (unique.length === 0) return undefined;
  const k = kind ?? (unique.length === 1 ? 'camera' : 'group');
  const parsed = CameraDragPayload.safeParse({ v: 1, kind: k, cameraIds: k === 'camera' ? unique.slice(0, 1) : unique });
  return parsed.success ? parsed.data : undefined;
}

export function encodeCameraDrag(payload: CameraDragPayload): string {
  return JSON.stringify(CameraDragPayload.parse(payload));
}

/** The payload, or undefined for anything that is not a well-formed camera drag. */
export function decodeCameraDrag(text: string): CameraDragPayload | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = CameraDragPayload.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Puts camera ids on a drag (dragstart); kind defaults to `camera` for one id, `group` for more. */
export function writeCameraDrag(data: DragCarrier, cameraIds: readonly string[], kind?: CameraDragKind): void {
  const payload = cameraDragPayload(cameraIds, kind);
  if (!payload) return;
  data.setData(CAMERA_DRAG_TYPE, encodeCameraDrag(payload));
  data.effectAllowed = 'copy';
}

/** True while the drag carries cameras (dragover: the data itself is only readable on drop). */
export function isCameraDrag(data: Pick<DragCarrier, 'types'>): boolean {
  return Array.from(data.types).includes(CAMERA_DRAG_TYPE);
}

/** The dropped payload, or undefined when the drop is not cameras or is malformed. */
export function readCameraDragPayload(data: Pick<DragCarrier, 'getData'>): CameraDragPayload | undefined {
  const text = data.getData(CAMERA_DRAG_TYPE);
  return text ? decodeCameraDrag(text) : undefined;
}

/** The dropped camera ids in order, or undefined when the drop is not cameras or is malformed. */
export function readCameraDrag(data: Pick<DragCarrier, 'getData'>): string[] | undefined {
  return readCameraDragPayload(data)?.cameraIds;
}

/**
 * Where a drop puts its cameras, as [tile index, camera id] pairs.
 * A single camera replaces whatever the drop tile shows. A device or group goes into the free
 * tiles in reading order from the drop tile on, then wraps to the free tiles before it; cameras
 * already on the wall are skipped, and cameras beyond the free tiles are left out.
 */
export function dropAssignments(
  payload: CameraDragPayload,
  dropIndex: number,
  tiles: readonly (string | null)[],
): [number, string][] {
  if (dropIndex < 0 || dropIndex >= tiles.length) return [];
  if (payload.kind === 'camera') return [[dropIndex, payload.cameraIds[0]]];
  const onWall = new Set(tiles.filter((c): c is string => c !== null));
  const queue = payload.cameraIds.filter((id) => !onWall.has(id));
  const order = [...tiles.keys()].map((i) => (i + dropIndex) % tiles.length);
  const free = order.filter((i) => tiles[i] === null);
  return free.slice(0, queue.length).map((tile, k) => [tile, queue[k]]);
}
