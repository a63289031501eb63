// What a camera dragged from the camera list carries, read by every drop target (wall tiles).
// One camera, or several (a device or group dragged to fill free tiles in order).

/** The drag's data type: custom, so no other page or app can drop cameras by accident. */
export const CAMERA_DRAG_TYPE = 'application/x-skywall-cameras';

/** Puts camera ids on a drag (dragstart). */
export function writeCameraDrag(data: DataTransfer, cameraIds: string[]): void {
  data.setData(CAMERA_DRAG_TYPE, JSON.stringify({ cameraIds }));
  data.effectAllowed = 'copy';
}

/** True while the drag carries cameras (dragover: the data itself is only readable on drop). */
export function isCameraDrag(data: DataTransfer): boolean {
  return data.types.includes(CAMERA_DRAG_TYPE);
}

/** The dropped camera ids, or undefined when the drop is not cameras or is malformed. */
export function readCameraDrag(data: DataTransfer): string[] | undefined {
  const text = data.getData(CAMERA_DRAG_TYPE);
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const ids = (parsed as { cameraIds?: unknown }).cameraIds;
    return Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
  } catch {
    return undefined;
  }
}
