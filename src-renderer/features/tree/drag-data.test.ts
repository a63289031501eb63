import { describe, expect, it } from 'vitest';
import { CAMERA_DRAG_TYPE, isCameraDrag, readCameraDrag, writeCameraDrag } from './drag-data.js';

/** The part of DataTransfer a drag uses, as the browser keeps it. */
function transfer(): DataTransfer {
  const store = new Map<string, string>();
  return {
    effectAllowed: 'none',
    get types() {
      return [...store.keys()];
    },
    setData: (type: string, value: string) => void store.set(type, value),
    getData: (type: string) => store.get(type) ?? '',
  } as unknown as DataTransfer;
}

describe('camera drag data', () => {
  it('carries camera ids from the list to a drop target', () => {
    const dt = transfer();
    writeCameraDrag(dt, ['cam-1', 'cam-2']);
    expect(isCameraDrag(dt)).toBe(true);
    expect(readCameraDrag(dt)).toEqual(['cam-1', 'cam-2']);
  });
  it('refuses drags that are not cameras or are malformed', () => {
    const dt = transfer();
    expect(isCameraDrag(dt)).toBe(false);
    expect(readCameraDrag(dt)).toBeUndefined();
    for (const bad of ['{', '{"cameraIds":[]}', '{"cameraIds":[1]}', '"x"', 'null']) {
      dt.setData(CAMERA_DRAG_TYPE, bad);
      expect(readCameraDrag(dt), bad).toBeUndefined();
    }
  });
});
