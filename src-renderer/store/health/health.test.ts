// The health slice against a fake bridge: the snapshot and later changes merge by device, and the
// tree and tiles find a camera's channel health by its id.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { DeviceHealth } from '@common/contract/index.js';
import { installBridge } from '../../services/bridge.js';
import { FakeBridge } from '../../../src-main/testing/renderer/fake-bridge.js';
import { createStore, healthSelectors, type Store } from '../index.js';

const down = (state: DeviceHealth['state']) => (state === 'offline' ? { since: '2026-12-03T06:00:00.000Z', reason: 'unreachable' } : {});
const dev = (id: string, state: DeviceHealth['state']): DeviceHealth => ({
  deviceId: id,
  name: id,
  kind: 'rtsp',
  host: '10.0.0.1',
  area: ['平安县'],
  state,
  ...down(state),
  channels: [{ cameraId: `${id}-cam`, name: 'C', area: ['平安县'], state, ...down(state) }],
});

let bridge: FakeBridge;
let store: StoreApi<Store>;
beforeEach(() => {
  bridge = new FakeBridge().handle('sw:health:list', () => ({ devices: [dev('a', 'online'), dev('b', 'unknown')], intervalMs: 300_000, concurrency: 4 }));
  installBridge(bridge);
  store = createStore();
});
afterEach(() => installBridge(undefined));

describe('health slice', () => {
  it('loads, merges changes by device, and answers by camera id', async () => {
    const stop = await store.getState().followHealth();
    expect(healthSelectors.camera(store.getState(), 'b-cam')?.state).toBe('unknown');
    bridge.emit('sw:health:onDidChange', { changed: [dev('b', 'offline')], removed: [] });
    expect(healthSelectors.camera(store.getState(), 'b-cam')).toMatchObject({ state: 'offline', since: '2026-12-03T06:00:00.000Z' });
    expect(healthSelectors.device(store.getState(), 'a')?.state).toBe('online');
    expect(healthSelectors.intervalMs(store.getState())).toBe(300_000);
    bridge.emit('sw:health:onDidChange', { changed: [], removed: ['a'] });
    expect(healthSelectors.device(store.getState(), 'a')).toBeUndefined();
    expect(healthSelectors.camera(store.getState(), 'a-cam')).toBeUndefined();
    stop();
  });
});
