// The app slice: the connection to main, and notices that stay dismissed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Problem, Settings, Wall } from '@common/contract/index.js';
import { FakeBridge } from '../../../src-main/testing/renderer/fake-bridge.js';
import { installBridge } from '../../services/bridge.js';
import { createStore } from '../index.js';

const settings: Settings = { locale: 'zh-CN', displayWalls: {}, showTileStats: false };
const wall: Wall = { id: 'w1', name: 'Wall 1', rows: 1, cols: 1, tiles: [{ cameraId: null, profile: 'main' }] };
const problem: Problem = { code: 'storage_corrupt', at: '2026-12-01T00:00:00.000Z', params: { file: 'a', movedTo: 'b' } };

let bridge: FakeBridge;
let stored: Map<string, string>;
beforeEach(() => {
  stored = new Map();
  (globalThis as { localStorage?: unknown }).localStorage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) };
  bridge = new FakeBridge()
    .handle('sw:app:getInfo', () => ({ name: 'Skywall', version: '0', mode: 'host', platform: 'linux', problems: [problem] }))
    .handle('sw:settings:get', () => settings)
    .handle('sw:devices:list', () => [])
    .handle('sw:walls:forWindow', () => wall);
  installBridge(bridge);
});
afterEach(() => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
});

describe('the app slice', () => {
  it('says when main is gone, and on its return fetches everything again and counts the reconnection', async () => {
    const store = createStore();
    store.getState().followConnection();
    await store.getState().load();
    const fetchesBefore = bridge.calls.filter((c) => c.channel === 'sw:walls:forWindow').length;
    bridge.connection(false);
    expect(store.getState().connected).toBe(false);
    bridge.connection(true);
    expect([store.getState().connected, store.getState().reconnects]).toEqual([true, 1]);
    await new Promise((r) => setTimeout(r, 10));
    expect(bridge.calls.filter((c) => c.channel === 'sw:walls:forWindow').length).toBe(fetchesBefore + 1);
    expect(store.getState().status).toBe('ready');
  });

  it('a dismissed notice stays dismissed after a reload of the page', async () => {
    const first = createStore();
    await first.getState().load();
    expect(first.getState().problems).toHaveLength(1);
    first.getState().dismissProblem(first.getState().problems[0]!);
    const reloaded = createStore();
    await reloaded.getState().load();
    expect(reloaded.getState().problems).toEqual([]);
  });
});
