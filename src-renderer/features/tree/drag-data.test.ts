import { describe, expect, it } from 'vitest';
import {
  CAMERA_DRAG_TYPE,
  cameraDragPayload,
  decodeCameraDrag,
  dropAssignments,
  encodeCameraDrag,
  isCameraDrag,
  readCameraDrag,
  readCameraDragPayload,
  writeCameraDrag,
} from './drag-data.js';

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
    expect(dt.effectAllowed).toBe('copy');
    expect(readCameraDrag(dt)).toEqual(['cam-1', 'cam-2']);
    expect(readCameraDragPayload(dt)?.kind).toBe('group');
  });

  it('says whether it is one camera, a device or a group', () => {
    const one = transfer();
    writeCameraDrag(one, ['cam-1']);
    expect(readCameraDragPayload(one)).toEqual({ v: 1, kind: 'camera', cameraIds: ['cam-1'] });
    const device = transfer();
    writeCameraDrag(device, ['a', 'b', 'a', 'c'], 'device');
    expect(readCameraDragPayload(device)).toEqual({ v: 1, kind: 'device', cameraIds: ['a', 'b', 'c'] });
    const single = transfer();
    writeCameraDrag(single, ['a'], 'device');
    expect(readCameraDragPayload(single)?.kind).toBe('device');
  });

  it('refuses drags that are not cameras or are malformed', () => {
    const dt = transfer();
    expect(isCameraDrag(dt)).toBe(false);
    expect(readCameraDrag(dt)).toBeUndefined();
    for (const bad of [
      '{',
      '{"cameraIds":[]}',
      '{"cameraIds":[1]}',
      '"x"',
      'null',
      '{"v":2,"kind":"camera","cameraIds":["a"]}',
      '{"v":1,"kind":"camera","cameraIds":["a","b"]}',
      '{"v":1,"kind":"camera","cameraIds":["<script>"]}',
      '{"v":1,"kind":"group","cameraIds":["a"],"extra":1}',
    ]) {
      dt.setData(CAMERA_DRAG_TYPE, bad);
      expect(readCameraDrag(dt), bad).toBeUndefined();
    }
    const plain = transfer();
    plain.setData('text/plain', 'cam-1');
    expect(isCameraDrag(plain)).toBe(false);
  });

  it('puts nothing on a drag of no cameras', () => {
    const dt = transfer();
    writeCameraDrag(dt, []);
    expect(isCameraDrag(dt)).toBe(false);
    expect(cameraDragPayload([])).toBeUndefined();
  });

  it('encodes and decodes the same payload', () => {
    const p = cameraDragPayload(['x', 'y'], 'device')!;
    expect(decodeCameraDrag(encodeCameraDrag(p))).toEqual(p);
  });
});

describe('dropAssignments', () => {
  const tiles = ['x', null, 'y', null, null, null];

  it('puts one camera on the drop tile, even an occupied one', () => {
    expect(dropAssignments(cameraDragPayload(['c'])!, 2, tiles)).toEqual([[2, 'c']]);
  });

  it('fills free tiles in order from the drop tile, wrapping around', () => {
    expect(dropAssignments(cameraDragPayload(['a', 'b', 'c', 'd'], 'device')!, 4, tiles)).toEqual([
      [4, 'a'],
      [5, 'b'],
      [1, 'c'],
      [3, 'd'],
    ]);
  });

  it('skips cameras already on the wall and leaves out what does not fit', () => {
    expect(dropAssignments(cameraDragPayload(['x', 'a', 'b', 'c', 'd', 'e'], 'group')!, 0, tiles)).toEqual([
      [1, 'a'],
      [3, 'b'],
      [4, 'c'],
      [5, 'd'],
    ]);
  });

  it('does nothing for a drop off the wall', () => {
    const one = cameraDragPayload(['c'])!;
    expect(dropAssignments(one, 6, tiles)).toEqual([]);
    expect(dropAssignments(one, -1, tiles)).toEqual([]);
  });
});
