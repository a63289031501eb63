// The store against a fake bridge: every domain subscribes before its first fetch, so a change
// published while the fetch is answered is never lost; actions reach main only through services.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceView, Problem, Settings, Wall } from '@common/contract/index.js';
import { installBridge } from '../services/bridge.js';
import { FakeBridge } from '../../src-main/testing/renderer/fake-bridge.js';
import { createStore, devicesSelectors, streamsSelectors, type Store } from './index.js';
import type { StoreApi } from 'zustand/vanilla';
import { uniformLayout } from '@common/model/wall-layout.js';

const settings: Settings = { locale: 'zh-CN', displayWalls: {}, showTileStats: false };
const wall: Wall = { id: 'w1', name: 'Wall 1', rows: 1, cols: 1, tiles: [{ cameraId: null, profile: 'main' }] };
const device = (id: string): DeviceView => ({
  id,
  name: id,
  kind: 'url',
  host: '127.0.0.1',
  port: 554,
  hasPassword: false,
  demo: false,
  cameras: [{ id: `${id}-cam`, name: `${id} camera`, sources: [{ profile: 'main', url: 'rtsp://127.0.0.1/x' }], ptz: false }],
});

let bridge: FakeBridge;
let store: StoreApi<Store>;
// What main holds; handlers answer from it at the moment they answer.
let state: { settings: Settings; devices: DeviceView[]; walls: Wall[]; problems: Problem[] };

beforeEach(() => {
  state = { settings, devices: [device('d1')], walls: [wall], problems: [] };
  bridge = new FakeBridge()
    .handle('sw:app:getInfo', () => ({ name: 'Skywall', version: '0', mode: 'host', platform: 'linux', problems: state.problems }))
    .handle('sw:settings:get', () => state.settings)
    .handle('sw:settings:update', (p) => (state.settings = { ...state.settings, ...(p as Partial<Settings>) }))
    .handle('sw:devices:list', () => state.devices)
    .handle('sw:devices:add', () => {
      state.devices = [...state.devices, device('d2')];
      return state.devices[1];
    })
    .handle('sw:walls:forWindow', () => state.walls[0])
    .handle('sw:walls:save', (w) => (state.walls = [w as Wall])[0]);
  installBridge(bridge);
  store = createStore();
});
afterEach(() => {
  store.getState().unload();
  installBridge(undefined);
});

describe('loading: subscribe before the first fetch', () => {
  it('keeps a device change published after main read the list but before its answer arrived', async () => {
    bridge.hold('sw:devices:list');
    const loading = store.getState().load();
    await Promise.resolve();
    const stale = state.devices; // main reads the list for the answer ...
    bridge.handle('sw:devices:list', () => stale);
    state.devices = [device('d1'), device('d2')]; // ... then a device is added and the change published
    bridge.emit('sw:devices:onDidChange', state.devices);
    bridge.release('sw:devices:list'); // ... and only now the (older) answer goes out
    await loading;
    expect(store.getState().status).toBe('ready');
    expect(store.getState().devices.map((d) => d.id)).toEqual(['d1', 'd2']);
  });

  it('keeps a settings change and a wall change published while their fetches were under way', async () => {
    bridge.hold('sw:settings:get');
    bridge.hold('sw:walls:forWindow');
    const loading = store.getState().load();
    await Promise.resolve();
    bridge.handle('sw:settings:get', () => settings).handle('sw:walls:forWindow', () => wall);
    bridge.emit('sw:settings:onDidChange', { ...settings, locale: 'en' });
    bridge.emit('sw:walls:onDidChange', [{ ...wall, name: 'Lobby' }, { ...wall, id: 'w2', name: 'Other' }]);
    bridge.release('sw:settings:get');
    bridge.release('sw:walls:forWindow');
    await loading;
    expect(store.getState().settings?.locale).toBe('en');
    expect(store.getState().wall?.name).toBe('Lobby');
  });

  it('lists a problem reported during start-up once, whether or not getInfo already had it', async () => {
    const early: Problem = { code: 'storage_corrupt', at: '2026-01-01T00:00:00.000Z' };
    const late: Problem = { code: 'vault_weak', params: { protection: 'basic' }, at: '2026-01-01T00:00:01.000Z' };
    bridge.hold('sw:app:getInfo');
    const loading = store.getState().load();
    await Promise.resolve();
    state.problems = [early];
    bridge.emit('sw:app:onDidReportProblem', early); // reported, and in the answer as well
    bridge.emit('sw:app:onDidReportProblem', late); // reported after main answered
    bridge.release('sw:app:getInfo');
    await loading;
    expect(store.getState().problems).toEqual([early, late]);
  });

  it('follows changes after loading and stops following on unload', async () => {
    await store.getState().load();
    bridge.emit('sw:devices:onDidChange', []);
    expect(store.getState().devices).toEqual([]);
    expect(bridge.listenerCount('sw:devices:onDidChange')).toBe(1);
    store.getState().unload();
    expect(bridge.listenerCount('sw:devices:onDidChange')).toBe(0);
    expect(bridge.listenerCount('sw:settings:onDidChange')).toBe(0);
  });

  it('says failed when a domain cannot be fetched, and leaves no listener of the failed domain', async () => {
    bridge.handle('sw:walls:forWindow', () => {
      throw Object.assign(new Error('disk'), { code: 'internal' });
    });
    await store.getState().load();
    expect(store.getState().status).toBe('failed');
    expect(bridge.listenerCount('sw:walls:onDidChange')).toBe(0);
  });

  it('a second load replaces the first one\'s listeners instead of doubling them', async () => {
    await store.getState().load();
    await store.getState().load();
    expect(bridge.listenerCount('sw:devices:onDidChange')).toBe(1);
  });
});

describe('actions go through the services', () => {
  it('re-grids and assigns cameras through sw:walls:save', async () => {
    await store.getState().load();
    await store.getState().setLayout(uniformLayout(2));
    expect(store.getState().wall?.tiles).toHaveLength(4);
    await store.getState().assignCamera('d1-cam', 3);
    expect(store.getState().wall?.tiles[3]?.cameraId).toBe('d1-cam');
    expect(store.getState().selectedTile).toBe(3); // the last tile stays selected
    expect(bridge.calls.filter((c) => c.channel === 'sw:walls:save')).toHaveLength(2);
  });

  it('shows the stats toggle at once and goes back when main refuses', async () => {
    await store.getState().load();
    bridge.handle('sw:settings:update', () => {
      throw Object.assign(new Error('disk full'), { code: 'internal' });
    });
    const pending = store.getState().setShowTileStats(true);
    expect(store.getState().settings?.showTileStats).toBe(true);
    await pending;
    expect(store.getState().settings?.showTileStats).toBe(false);
  });

  it('an older answer to a locale change does not undo a stats click made meanwhile', async () => {
    await store.getState().load();
    bridge.hold('sw:settings:update');
    const locale = store.getState().setLocale('en'); // main answers this one late ...
    const stats = store.getState().setShowTileStats(true);
    expect(store.getState().settings).toMatchObject({ locale: 'en', showTileStats: true });
    const seen: boolean[] = [];
    const stop = store.subscribe((st) => seen.push(st.settings?.showTileStats ?? false));
    const answers: Settings[] = [];
    bridge.handle('sw:settings:update', (p) => {
      state.settings = { ...state.settings, ...(p as Partial<Settings>) };
      answers.push(state.settings);
      return answers.length === 1 ? { ...settings, locale: 'en' } : state.settings; // ... as it read it before the click
    });
    bridge.release('sw:settings:update');
    await Promise.all([locale, stats]);
    stop();
    expect(seen).not.toContain(false); // the box never flips back while the answers come in
    expect(store.getState().settings).toMatchObject({ locale: 'en', showTileStats: true });
  });

  it('adds a device and finds its camera', async () => {
    await store.getState().load();
    await store.getState().addDevice({ name: 'd2', kind: 'url', host: 'h', port: 554, cameras: [] });
    expect(devicesSelectors.cameraById(store.getState(), 'd2-cam')?.name).toBe('d2 camera');
  });

  it('counts live tiles from what tiles report, ignoring repeats', () => {
    const before = store.getState().tiles;
    store.getState().reportTile(0, { cameraId: 'a', state: 'live' });
    store.getState().reportTile(1, { cameraId: 'b', state: 'connecting' });
    expect(streamsSelectors.liveCount(store.getState())).toBe(1);
    const after = store.getState().tiles;
    store.getState().reportTile(0, { cameraId: 'a', state: 'live' });
    expect(store.getState().tiles).toBe(after);
    store.getState().reportTile(1, undefined);
    expect(streamsSelectors.withCamera(store.getState())).toBe(1);
    expect(before).toEqual({});
  });
});
