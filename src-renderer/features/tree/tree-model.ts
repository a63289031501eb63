// The camera tree as plain data: devices and areas grouped into nodes, then flattened into the
// rows the virtual list shows (one line each). No React here, so it is tested as functions.
export type { CameraStatus, TreeMode } from '../../store/tree/tree-types.js';

/** What the tree needs of a camera; the device model's camera fits it. */
export interface TreeCameraSource {
  id: string;
  name: string;
  ptz: boolean;
  /** [county, township, village, site], widest first; absent or empty: not placed yet. */
  area?: readonly string[];
}

/** What the tree needs of a device; the device model's device view fits it. */
export interface TreeDeviceSource {
  id: string;
  name: string;
  demo: boolean;
  area?: readonly string[];
  cameras: readonly TreeCameraSource[];
}

export interface GroupRow {
  type: 'group';
  key: string;
  /** `device`: a device and its channels; `area`: a county, township, village or site. */
  group: 'device' | 'area';
  label: string;
  depth: number;
  /** Every camera under the group, in tree order (what a drag of the group carries). */
  cameraIds: string[];
  expanded: boolean;
  deviceId?: string;
  demo?: boolean;
  /** The "not placed yet" area group, labelled by the view. */
  unplaced?: boolean;
}

export interface CameraRow {
  type: 'camera';
  key: string;
  cameraId: string;
  deviceId: string;
  name: string;
  /** The device's name, shown beside cameras listed outside their device (areas, favourites). */
  deviceName: string;
  ptz: boolean;
  depth: number;
}

export type TreeRow = GroupRow | CameraRow;

/** One camera with the device it belongs to, in device order. */
export interface CameraEntry {
  camera: TreeCameraSource;
  device: TreeDeviceSource;
}

export function cameraEntries(devices: readonly TreeDeviceSource[]): CameraEntry[] {
  return devices.flatMap((device) => device.cameras.map((camera) => ({ camera, device })));
}

/** The area a camera stands in: its own, or its device's. */
export function areaOf(entry: CameraEntry): readonly string[] {
  const own = entry.camera.area;
  return own && own.length > 0 ? own : (entry.device.area ?? []);
}

export interface FlattenOptions {
  /** Keys of collapsed groups; every group is open unless listed. */
  collapsed: ReadonlySet<string>;
  /** Cameras to show; undefined shows all. Groups with none of them are left out and shown open. */
  only?: ReadonlySet<string>;
}

function cameraRow(entry: CameraEntry, depth: number, keyPrefix: string): CameraRow {
  return {
    type: 'camera',
    key: `${keyPrefix}${entry.camera.id}`,
    cameraId: entry.camera.id,
    deviceId: entry.device.id,
    name: entry.camera.name,
    deviceName: entry.device.name,
    ptz: entry.camera.ptz,
    depth,
  };
}

/** Rows grouped by device: each device, then its channels. */
export function deviceRows(devices: readonly TreeDeviceSource[], opts: FlattenOptions): TreeRow[] {
  const rows: TreeRow[] = [];
  for (const device of devices) {
    const shown = device.cameras.filter((c) => !opts.only || opts.only.has(c.id));
    if (opts.only && shown.length === 0) continue;
    const key = `dev:${device.id}`;
    const expanded = opts.only ? true : !opts.collapsed.has(key);
    rows.push({ type: 'group', key, group: 'device', label: device.name, depth: 0, cameraIds: shown.map((c) => c.id), expanded, deviceId: device.id, demo: device.demo });
    if (expanded) for (const camera of shown) rows.push(cameraRow({ camera, device }, 1, 'dev-cam:'));
  }
  return rows;
}

interface AreaNode {
  label: string;
  key: string;
  children: Map<string, AreaNode>;
  cameras: CameraEntry[];
}

function newAreaNode(label: string, key: string): AreaNode {
  return { label, key, children: new Map(), cameras: [] };
}

/** Every camera under the node, in the order the tree shows them (sub-areas first, then its own). */
function areaCameraIds(node: AreaNode): string[] {
  return [...sortedByName(node.children).flatMap(areaCameraIds), ...node.cameras.map((e) => e.camera.id)];
}

const UNPLACED_KEY = 'area:\u0000unplaced';

/** Rows grouped by area (county → township → village → site), cameras under the deepest level they name. */
export function areaRows(devices: readonly TreeDeviceSource[], opts: FlattenOptions): TreeRow[] {
  const root = newAreaNode('', 'area:');
  const unplaced = newAreaNode('', UNPLACED_KEY);
  for (const entry of cameraEntries(devices)) {
    if (opts.only && !opts.only.has(entry.camera.id)) continue;
    const path = areaOf(entry);
    if (path.length === 0) {
      unplaced.cameras.push(entry);
      continue;
    }
    let node = root;
    for (const name of path) {
      let child = node.children.get(name);
      if (!child) {
        child = newAreaNode(name, `${node.key}/${name}`);
        node.children.set(name, child);
      }
      node = child;
    }
    node.cameras.push(entry);
  }
  const rows: TreeRow[] = [];
  const walk = (node: AreaNode, depth: number, extra: Partial<GroupRow> = {}): void => {
    const expanded = opts.only ? true : !opts.collapsed.has(node.key);
    rows.push({ type: 'group', key: node.key, group: 'area', label: node.label, depth, cameraIds: areaCameraIds(node), expanded, ...extra });
    if (!expanded) return;
    for (const child of sortedByName(node.children)) walk(child, depth + 1);
    for (const entry of node.cameras) rows.push(cameraRow(entry, depth + 1, `${node.key}|`));
  };
  for (const child of sortedByName(root.children)) walk(child, 0);
  if (unplaced.cameras.length > 0) walk(unplaced, 0, { unplaced: true });
  return rows;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

function sortedByName(children: Map<string, AreaNode>): AreaNode[] {
  return [...children.values()].sort((a, b) => collator.compare(a.label, b.label));
}

/** Rows for a list of camera ids (favourites, recently viewed), in the list's order; unknown ids are skipped. */
export function listRows(devices: readonly TreeDeviceSource[], ids: readonly string[], opts: Pick<FlattenOptions, 'only'>, keyPrefix: string): TreeRow[] {
  const byId = new Map(cameraEntries(devices).map((e) => [e.camera.id, e]));
  const rows: TreeRow[] = [];
  for (const id of ids) {
    const entry = byId.get(id);
    if (!entry || (opts.only && !opts.only.has(id))) continue;
    rows.push(cameraRow(entry, 0, keyPrefix));
  }
  return rows;
}
