// The rows the tree shows now: the device list (less a removal waiting for its undo time),
// grouped by the chosen mode and narrowed by the search.
import { useEffect, useMemo, useRef } from 'react';
import { devicesSelectors, treeSelectors, useStore } from '../../store/index.js';
import type { CameraStatus } from '../../store/tree/tree-types.js';
import { cameraStatuses } from './camera-status.js';
import { buildSearchIndex, warmNameKeys, type NameKeyCache } from './search-index.js';
import { areaRows, deviceRows, listRows, type TreeDeviceSource, type TreeRow } from './tree-model.js';

export interface TreeView {
  rows: TreeRow[];
  devices: TreeDeviceSource[];
  /** Cameras matching the search; undefined while there is none. */
  found?: Set<string>;
  cameraCount: number;
}

const WARM_SLICE_MS = 8;
const WARM_PAUSE_MS = 16;

export function useTreeRows(): TreeView {
  const allDevices = useStore(devicesSelectors.devices);
  const removed = useStore(treeSelectors.removed);
  const mode = useStore(treeSelectors.mode);
  const query = useStore(treeSelectors.query);
  const collapsedList = useStore(treeSelectors.collapsed);
  const favourites = useStore(treeSelectors.favourites);
  const recent = useStore(treeSelectors.recent);
  const keyCache = useRef<NameKeyCache>(new Map());

  const devices = useMemo<TreeDeviceSource[]>(() => {
    if (!removed) return allDevices;
    const gone = new Set(removed.target.cameraIds);
    return allDevices
      .filter((d) => !(removed.target.kind === 'device' && d.id === removed.target.deviceId))
      .map((d) => (d.cameras.some((c) => gone.has(c.id)) ? { ...d, cameras: d.cameras.filter((c) => !gone.has(c.id)) } : d));
  }, [allDevices, removed]);

  // New names get their pinyin in short slices between frames, before anyone searches for them.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const step = (): void => {
      if (!warmNameKeys(devices, keyCache.current, WARM_SLICE_MS)) timer = setTimeout(step, WARM_PAUSE_MS);
    };
    timer = setTimeout(step, WARM_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [devices]);

  const index = useMemo(() => buildSearchIndex(devices, keyCache.current), [devices]);
  const found = useMemo(() => index.search(query), [index, query]);
  const collapsed = useMemo(() => new Set(collapsedList), [collapsedList]);

  const rows = useMemo(() => {
    const opts = { collapsed, only: found };
    if (mode === 'area') return areaRows(devices, opts);
    if (mode === 'favourites') return listRows(devices, favourites, opts, 'fav:');
    if (mode === 'recent') return listRows(devices, recent, opts, 'recent:');
    return deviceRows(devices, opts);
  }, [mode, devices, collapsed, found, favourites, recent]);

  return { rows, devices, found, cameraCount: index.size };
}

/**
 * Each camera's state as known here: a device that refused its credentials marks all its cameras;
 * otherwise what this window's tiles see of the stream, and for every other camera what the
 * device health checks last found (`camera-status.ts`).
 */
export function useCameraStatuses(): Map<string, CameraStatus> {
  const tiles = useStore((s) => s.tiles);
  const health = useStore((s) => s.healthByCamera);
  const devices = useStore(devicesSelectors.devices);
  return useMemo(() => cameraStatuses({ tiles: Object.values(tiles), health, devices }), [tiles, health, devices]);
}

/** Camera ids on this window's wall. */
export function useOnWall(): Set<string> {
  const wall = useStore((s) => s.wall);
  return useMemo(() => new Set((wall?.tiles ?? []).flatMap((t) => (t.cameraId ? [t.cameraId] : []))), [wall]);
}
