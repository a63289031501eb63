// What a removal asked from a tree row takes away: one camera, or a device with all its cameras.
import type { TreeRemoveTarget } from '../../store/tree/initialState.js';
import type { TreeDeviceSource, TreeRow } from './tree-model.js';

/** The target for the row, or undefined for rows that cannot be removed (areas, demo devices). */
export function removeTarget(row: TreeRow, devices: readonly TreeDeviceSource[]): TreeRemoveTarget | undefined {
  if (row.type === 'group') {
    if (row.group !== 'device') return undefined;
    const device = devices.find((d) => d.id === row.deviceId);
    if (!device || device.demo) return undefined;
    return { kind: 'device', deviceId: device.id, name: device.name, cameraIds: device.cameras.map((c) => c.id) };
  }
  const device = devices.find((d) => d.id === row.deviceId);
  if (!device || device.demo) return undefined;
  return { kind: 'camera', deviceId: device.id, cameraId: row.cameraId, name: row.name, cameraIds: [row.cameraId] };
}
