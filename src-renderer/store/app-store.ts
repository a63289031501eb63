import { create } from 'zustand';
import type { AppInfo, DeviceInput, DeviceView, Locale, Problem, Settings, Wall } from '../../src-main/common/contract/index.js';
import { call, subscribe } from '../services/bridge.js';

export interface AppState {
  status: 'loading' | 'ready' | 'failed';
  info?: AppInfo;
  settings?: Settings;
  devices: DeviceView[];
  wall?: Wall;
  selectedTile: number;
  problems: Problem[];
}

export interface AppActions {
  load(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  setShowTileStats(show: boolean): Promise<void>;
  selectTile(index: number): void;
  /** Re-grids the wall as n x n, keeping the cameras of the first tiles. */
  setLayout(n: number): Promise<void>;
  assignCamera(cameraId: string | null, index?: number): Promise<void>;
  dismissProblem(p: Problem): void;
  /** Throws a ContractError the form words for the operator. */
  addDevice(input: DeviceInput): Promise<void>;
  removeDevice(id: string): Promise<void>;
}

export const useAppStore = create<AppState & AppActions>((set, get) => ({
  status: 'loading',
  devices: [],
  selectedTile: 0,
  problems: [],

  async load() {
    try {
      const [info, settings, devices, wall] = await Promise.all([
        call('sw:app:getInfo', {}),
        call('sw:settings:get', {}),
        call('sw:devices:list', {}),
        call('sw:walls:forWindow', {}),
      ]);
      set({ status: 'ready', info, settings, devices, wall, problems: info.problems });
      subscribe('sw:settings:onDidChange', (s) => set({ settings: s }));
      subscribe('sw:devices:onDidChange', (d) => set({ devices: d }));
      subscribe('sw:walls:onDidChange', (walls) => {
        const id = get().wall?.id;
        const mine = walls.find((w) => w.id === id);
        if (mine) set({ wall: mine });
      });
      subscribe('sw:app:onDidReportProblem', (p) => set({ problems: [...get().problems, p] }));
    } catch {
      set({ status: 'failed' });
    }
  },

  async setLocale(locale) {
    const settings = await call('sw:settings:update', { locale });
    set({ settings });
  },

  async setShowTileStats(showTileStats) {
    const before = get().settings;
    if (before) set({ settings: { ...before, showTileStats } }); // a checkbox must follow the click at once
    try {
      set({ settings: await call('sw:settings:update', { showTileStats }) });
    } catch {
      if (before) set({ settings: before });
    }
  },

  async setLayout(n) {
    const wall = get().wall;
    if (!wall) return;
    const tiles = Array.from({ length: n * n }, (_, i) => wall.tiles[i] ?? { cameraId: null, profile: n > 2 ? ('sub' as const) : ('main' as const) });
    const saved = await call('sw:walls:save', { ...wall, rows: n, cols: n, tiles });
    set({ wall: saved, selectedTile: Math.min(get().selectedTile, tiles.length - 1) });
  },

  selectTile(index) {
    set({ selectedTile: index });
  },

  async assignCamera(cameraId, index) {
    const wall = get().wall;
    if (!wall) return;
    const at = index ?? get().selectedTile;
    const tiles = wall.tiles.map((t, i) => (i === at ? { ...t, cameraId } : t));
    const saved = await call('sw:walls:save', { ...wall, tiles });
    set({ wall: saved, selectedTile: Math.min(at + 1, tiles.length - 1) });
  },

  async addDevice(input) {
    await call('sw:devices:add', input);
    set({ devices: await call('sw:devices:list', {}) });
  },

  async removeDevice(id) {
    await call('sw:devices:remove', { id });
    set({ devices: await call('sw:devices:list', {}) });
  },

  dismissProblem(p) {
    set({ problems: get().problems.filter((x) => x !== p) });
  },
}));

export const appSelectors = {
  locale: (s: AppState): Locale => s.settings?.locale ?? 'zh-CN',
  cameraById: (s: AppState, id: string | null) => {
    if (!id) return undefined;
    for (const d of s.devices) for (const c of d.cameras) if (c.id === id) return c;
    return undefined;
  },
};
