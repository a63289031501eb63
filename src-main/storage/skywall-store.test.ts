import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { openSkywallStore } from './open-skywall-store.js';
import { DEFAULT_WALL_ID, defaultDocument } from './defaults.js';
import { SkywallDoc, type DeviceRecord } from './schema.js';
import { useTempDirs } from '../testing/storage/temp-dir.js';
import { openKeyFileVault } from './vault/open-vault.js';

const tempDir = useTempDirs();

async function open(dir: string) {
  const vault = await openKeyFileVault({ dir });
  const opened = await openSkywallStore({ dir, vault });
  return { vault, ...opened };
}

function device(id: string, cameraIds: string[]): DeviceRecord {
  return {
    id,
    name: `NVR ${id}`,
    kind: 'hikvision',
    host: '192.168.1.64',
    port: 554,
    username: 'admin',
    demo: false,
    cameras: cameraIds.map((c) => ({ id: c, name: `Camera ${c}`, ptz: false, sources: [{ profile: 'main', url: `rtsp://192.168.1.64/${c}` }] })),
  };
}

describe('SkywallStore', () => {
  it('starts with defaults on first open and writes them at the current schema version', async () => {
    const dir = tempDir();
    const { store, problems } = await open(dir);
    expect(problems.map((p) => p.code)).toEqual(['vault_weak_protection']);
    expect(store.getSettings()).toEqual({ locale: 'zh-CN', displayWalls: {}, showTileStats: false });
    expect(store.listDevices()).toEqual([]);
    const walls = store.listWalls();
    expect(walls).toHaveLength(1);
    expect(walls[0]).toMatchObject({ id: DEFAULT_WALL_ID, name: 'Wall 1', rows: 2, cols: 2 });
    expect(walls[0]!.tiles.every((t) => t.cameraId === null)).toBe(true);
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(SkywallDoc.parse(onDisk)).toEqual(defaultDocument());
  });

  it('round-trips settings, devices and walls through a reopen', async () => {
    const dir = tempDir();
    const first = await open(dir);
    first.store.updateSettings({ locale: 'en', displayWalls: { '2528732444': 'control' } });
    first.store.updateSettings({ showTileStats: true });
    await first.store.upsertDevice(device('nvr-1', ['c1', 'c2']), { password: 'Hik12345!' });
    await first.store.upsertDevice(device('nvr-2', ['c3']));
    first.store.saveWall({ id: 'control', name: '控制室', rows: 1, cols: 2, tiles: [{ cameraId: 'c1', profile: 'main' }, { cameraId: null, profile: 'sub' }] });

    const second = await open(dir);
    expect(second.store.getSettings()).toEqual(first.store.getSettings());
    expect(second.store.getSettings()).toEqual({ locale: 'en', displayWalls: { '2528732444': 'control' }, showTileStats: true });
    expect(second.store.listDevices()).toEqual(first.store.listDevices());
    expect(second.store.listWalls()).toEqual(first.store.listWalls());
    expect(second.store.listWalls().map((w) => w.id)).toEqual([DEFAULT_WALL_ID, 'control']);
    expect(await second.vault.get('nvr-1')).toBe('Hik12345!');
    expect(await second.store.listDeviceViews()).toMatchObject([
      { id: 'nvr-1', hasPassword: true },
      { id: 'nvr-2', hasPassword: false },
    ]);
  });

  it('never writes a password into skywall.json and refuses records that carry one', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    await store.upsertDevice(device('nvr-1', ['c1']), { password: 'S3cret-pass' });
    expect(readFileSync(store.path, 'utf8')).not.toContain('S3cret-pass');
    const withPassword = { ...device('nvr-2', ['c2']), password: 'Leaky-pass' } as DeviceRecord;
    const err = (await store.upsertDevice(withPassword).catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('bad_payload');
    expect(err.message).toContain('password');
    expect(err.message).not.toContain('Leaky-pass');
    expect(store.getDevice('nvr-2')).toBeUndefined();
    expect(readFileSync(store.path, 'utf8')).not.toContain('Leaky-pass');
  });

  it('updates, clears and removes the vault entry with the device', async () => {
    const dir = tempDir();
    const { store, vault } = await open(dir);
    await store.upsertDevice(device('nvr-1', ['c1']), { password: 'first-pass' });
    await store.upsertDevice({ ...device('nvr-1', ['c1']), name: 'Renamed' });
    expect(store.getDevice('nvr-1')?.name).toBe('Renamed');
    expect(await vault.get('nvr-1')).toBe('first-pass');
    await store.upsertDevice(device('nvr-1', ['c1']), { password: null });
    expect(await vault.has('nvr-1')).toBe(false);
    await store.upsertDevice(device('nvr-1', ['c1']), { password: 'second-pass' });
    expect(await store.removeDevice('nvr-1')).toBe(true);
    expect(await vault.has('nvr-1')).toBe(false);
    expect(store.listDevices()).toEqual([]);
    expect(await store.removeDevice('nvr-1')).toBe(false);
  });

  it('rejects a camera id that another device already owns', async () => {
    const { store } = await open(tempDir());
    await store.upsertDevice(device('nvr-1', ['c1']));
    await expect(store.upsertDevice(device('nvr-2', ['c1']))).rejects.toMatchObject({ code: 'conflict', params: { cameraId: 'c1' } });
    expect(store.listDevices().map((d) => d.id)).toEqual(['nvr-1']);
  });

  it('rejects invalid input without changing memory or disk', async () => {
    const { store } = await open(tempDir());
    const before = readFileSync(store.path, 'utf8');
    expect(() => store.saveWall({ id: 'w', name: 'Bad', rows: 2, cols: 2, tiles: [] })).toThrow(expect.objectContaining({ code: 'bad_payload' }));
    expect(() => store.updateSettings({ locale: 'fr' } as never)).toThrow(expect.objectContaining({ code: 'bad_payload' }));
    expect(() => store.updateSettings({ theme: 'dark' } as never)).toThrow(expect.objectContaining({ code: 'bad_payload' }));
    expect(readFileSync(store.path, 'utf8')).toBe(before);
    expect(store.listWalls()).toHaveLength(1);
    expect(store.getSettings().locale).toBe('zh-CN');
  });

  it('hands out copies, so callers cannot change stored state by mutation', async () => {
    const { store } = await open(tempDir());
    store.getSettings().displayWalls.x = 'y';
    store.listWalls()[0]!.name = 'Hacked';
    expect(store.getSettings().displayWalls).toEqual({});
    expect(store.listWalls()[0]!.name).toBe('Wall 1');
  });

  it('notifies listeners per kind after the change is on disk, and survives a throwing listener', async () => {
    const dir = tempDir();
    const vault = await openKeyFileVault({ dir });
    const onListenerError = vi.fn();
    const { store } = await openSkywallStore({ dir, vault, onListenerError });
    const seen: string[] = [];
    store.onDidChange('settings', (s) => {
      seen.push(`settings:${s.locale}:${JSON.parse(readFileSync(store.path, 'utf8')).settings.locale}`);
    });
    store.onDidChange('walls', () => {
      throw new Error('listener bug');
    });
    const off = store.onDidChange('walls', (w) => seen.push(`walls:${w.length}`));
    const offDevices = store.onDidChange('devices', (d) => seen.push(`devices:${d.map((x) => x.id).join(',')}`));
    store.updateSettings({ locale: 'en', displayWalls: { host: 'w2' } });
    store.saveWall({ id: 'w2', name: 'Two', rows: 1, cols: 1, tiles: [{ cameraId: null, profile: 'main' }] });
    await store.upsertDevice(device('nvr-1', ['c1']));
    off();
    offDevices();
    await store.upsertDevice(device('nvr-2', ['c2']));
    expect(store.removeWall('w2')).toBe(true);
    expect(store.getSettings().displayWalls).toEqual({});
    expect(seen).toEqual(['settings:en:en', 'walls:2', 'devices:nvr-1', 'settings:en:en']);
    expect(onListenerError).toHaveBeenCalledTimes(2);
  });
});
