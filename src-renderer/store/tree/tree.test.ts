// The tree slice against a fake main: favourites and recently viewed are saved in settings;
// a removal waits for its undo time, takes its cameras off their tiles and puts them back on undo.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceView, Settings, Wall } from '@common/contract/index.js';
import type { StoreApi } from 'zustand/vanilla';
import { installBridge } from '../../services/bridge.js';
import { FakeBridge } from '../../../src-main/testing/renderer/fake-bridge.js';
import { createStore, type Store } from '../index.js';
import { TREE_UNDO_MS } from './action.js';

const cam = (id: string) => ({ id, name: `摄像机 ${id}`, sources: [{ profile: 'main' as const, url: 'rtsp://127.0.0.1/x' }], ptz: false });
const nvr = (): DeviceView => ({ id: 'nvr', name: '东门录像机', kind: 'rtsp', host: '127.0.0.1', port: 554, hasPassword: false, demo: false, cameras: [cam('a'), cam('b'), cam('c')] });

let bridge: FakeBridge;
let store: StoreApi<Store>;
let main: { settings: Settings; devices: DeviceView[]; wall: Wall; calls: string[] };

beforeEach(async () => {
  main = {
    settings: { locale: 'zh-CN', displayWalls: {}, showTileStats: false },
    devices: [nvr()],
    wall: { id: 'w1', name: 'Wall 1', rows: 2, cols: 2, tiles: [{ cameraId: 'a', profile: 'main' }, { cameraId: 'x', profile: 'main' }, { cameraId: 'b', profile: 'main' }, { cameraId: null, profile: 'main' }] },
    calls: [],
  };
  bridge = new FakeBridge()
    .handle('sw:settings:get', () => main.settings)
    .handle('sw:settings:update', (p) => (main.settings = { ...main.settings, ...(p as Partial<Settings>) }))
    .handle('sw:devices:list', () => main.devices)
    .handle('sw:devices:update', (u) => {
      const change = u as { id: string; cameras: DeviceView['cameras'] };
      main.calls.push(`update ${change.cameras.map((c) => c.id).join(',')}`);
      main.devices = main.devices.map((d) => (d.id === change.id ? { ...d, cameras: change.cameras } : d));
      return main.devices[0];
    })
    .handle('sw:devices:remove', (r) => {
      main.calls.push(`remove ${(r as { id: string }).id}`);
      main.devices = [];
      return { ok: true };
    })
    .handle('sw:walls:forWindow', () => main.wall)
    .handle('sw:walls:save', (w) => (main.wall = w as Wall));
  installBridge(bridge);
  store = createStore();
  await store.getState().followSettings();
  await store.getState().followDevices();
  await store.getState().followWall();
});
afterEach(() => {
  vi.useRealTimers();
  installBridge(undefined);
});

const tiles = () => main.wall.tiles.map((t) => t.cameraId);

describe('favourites and recently viewed', () => {
  it('adds and takes out favourites in settings, shown at once', async () => {
    await store.getState().toggleFavourite('b');
    await store.getState().toggleFavourite('a');
    expect(main.settings.favouriteCameras).toEqual(['b', 'a']);
    const out = store.getState().toggleFavourite('b');
    expect(store.getState().settings?.favouriteCameras).toEqual(['a']);
    await out;
    expect(main.settings.favouriteCameras).toEqual(['a']);
  });

  it('puts viewed cameras first, without repeats, at most 30', async () => {
    await store.getState().noteViewed(['a']);
    await store.getState().noteViewed(['b', 'c']);
    await store.getState().noteViewed(['a']);
    expect(main.settings.recentCameras).toEqual(['a', 'c', 'b']);
    await store.getState().noteViewed(Array.from({ length: 40 }, (_, i) => `n${i}`));
    expect(main.settings.recentCameras).toHaveLength(30);
    expect(main.settings.recentCameras?.[0]).toBe('n39');
  });
});

describe('removal from the tree', () => {
  const askCamera = () => store.getState().askTreeRemove({ kind: 'camera', deviceId: 'nvr', cameraId: 'a', name: '摄像机 a', cameraIds: ['a'] });

  it('does nothing until confirmed, and nothing when cancelled', () => {
    askCamera();
    expect(store.getState().treeRemoveAsk?.cameraId).toBe('a');
    store.getState().cancelTreeRemove();
    expect(store.getState().treeRemoveAsk).toBeUndefined();
    expect(main.calls).toEqual([]);
  });

  it('takes the camera off its tiles at once, undo puts it back, main never hears of it', async () => {
    vi.useFakeTimers();
    askCamera();
    await store.getState().confirmTreeRemove();
    expect(tiles()).toEqual([null, 'x', 'b', null]);
    expect(store.getState().treeRemoved?.tiles).toEqual([[0, 'a']]);
    await store.getState().undoTreeRemove();
    expect(tiles()).toEqual(['a', 'x', 'b', null]);
    await vi.advanceTimersByTimeAsync(TREE_UNDO_MS * 2);
    expect(main.calls).toEqual([]);
    expect(store.getState().treeRemoved).toBeUndefined();
  });

  it('sends the removal to main when the undo time is over', async () => {
    vi.useFakeTimers();
    askCamera();
    await store.getState().confirmTreeRemove();
    await vi.advanceTimersByTimeAsync(TREE_UNDO_MS - 100);
    expect(main.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(main.calls).toEqual(['update b,c']);
    expect(store.getState().treeRemoved).toBeUndefined();
  });

  it('removes a whole device from every tile it shows on, and undo restores each tile', async () => {
    store.getState().askTreeRemove({ kind: 'device', deviceId: 'nvr', name: '东门录像机', cameraIds: ['a', 'b', 'c'] });
    await store.getState().confirmTreeRemove();
    expect(tiles()).toEqual([null, 'x', null, null]);
    await store.getState().undoTreeRemove();
    expect(tiles()).toEqual(['a', 'x', 'b', null]);
    store.getState().askTreeRemove({ kind: 'device', deviceId: 'nvr', name: '东门录像机', cameraIds: ['a', 'b', 'c'] });
    await store.getState().confirmTreeRemove();
    await store.getState().finishTreeRemove();
    expect(main.calls).toEqual(['remove nvr']);
  });

  it('a tile filled meanwhile keeps its new camera on undo', async () => {
    askCamera();
    await store.getState().confirmTreeRemove();
    await store.getState().assignCamera('c', 0);
    await store.getState().undoTreeRemove();
    expect(tiles()[0]).toBe('c');
  });

  it('says so when main refuses, and shows the camera again on its tiles', async () => {
    bridge.handle('sw:devices:update', () => {
      throw Object.assign(new Error('no such device'), { code: 'not_found' });
    });
    askCamera();
    await store.getState().confirmTreeRemove();
    await store.getState().finishTreeRemove();
    expect(store.getState().treeRemoveFailed).toEqual({ name: '摄像机 a', code: 'not_found' });
    expect(store.getState().treeRemoved).toBeUndefined();
    expect(tiles()).toEqual(['a', 'x', 'b', null]);
  });

  it('keeps the wall selection where it was', async () => {
    store.getState().selectTile(3);
    askCamera();
    await store.getState().confirmTreeRemove();
    expect(store.getState().selectedTile).toBe(3);
  });
});
