import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, SkywallDoc } from './schema.js';
import { openStoreDir, storageFixture } from '../testing/storage/open-store-dir.js';
import { useTempDirs } from '../testing/storage/temp-dir.js';
import { openKeyFileVault } from './vault/open-vault.js';

const tempDir = useTempDirs();
const FIXTURE = storageFixture('v1-skywall.json');
const AT = new Date('2026-06-01T00:00:00Z');

const openDir = (dir: string) => openStoreDir(dir, AT);

describe('migration v1 -> v2 (the device model)', () => {
  it('keeps every device id, camera id, URL and wall tile, and adds category and area', async () => {
    const dir = tempDir();
    copyFileSync(FIXTURE, path.join(dir, 'skywall.json'));
    // The vault is keyed by device id; the migration must leave it alone.
    const before = await openKeyFileVault({ dir, now: () => AT });
    await before.set('dev-nvr-east', 'Hik12345');
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8'));

    const { store, vault, problems } = await openDir(dir);
    expect(problems).toEqual([]);
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(onDisk.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(() => SkywallDoc.parse(onDisk)).not.toThrow();

    const devices = store.listDevices();
    expect(devices.map((d) => [d.id, d.category, d.area])).toEqual([
      ['dev-nvr-east', 'nvr', []],
      ['dev-gate', 'camera', []],
      ['dev-county', 'platform', []],
    ]);
    const ids = (doc: { devices: { cameras: { id: string }[] }[] }) => doc.devices.flatMap((d) => d.cameras.map((c) => c.id));
    expect(ids({ devices })).toEqual(ids(fixture));
    expect(devices[0]!.cameras[0]).toEqual(fixture.devices[0].cameras[0]);
    expect(devices[0]!.username).toBe('admin');
    // A name with markup is data, kept as typed.
    expect(devices[1]!.name).toBe('Gate <b>cam</b>');
    // v1 tolerated two sources for one profile; the first is kept.
    expect(devices[1]!.cameras[0]!.sources).toEqual([{ profile: 'main', url: 'rtsp://10.1.2.9/main' }]);

    expect(store.listWalls()).toEqual(fixture.walls);
    expect(store.getSettings()).toEqual(fixture.settings);
    expect(await vault.get('dev-nvr-east')).toBe('Hik12345');
  });

  it('is a no-op on the next open', async () => {
    const dir = tempDir();
    copyFileSync(FIXTURE, path.join(dir, 'skywall.json'));
    await openDir(dir);
    const after = readFileSync(path.join(dir, 'skywall.json'), 'utf8');
    const again = await openDir(dir);
    expect(again.problems).toEqual([]);
    expect(readFileSync(path.join(dir, 'skywall.json'), 'utf8')).toBe(after);
  });

  it('moves aside a v1 file that fails the v1 schema instead of guessing', async () => {
    const dir = tempDir();
    const broken = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    delete broken.devices[0].cameras[1].sources;
    writeFileSync(path.join(dir, 'skywall.json'), JSON.stringify(broken));
    const { problems, store } = await openDir(dir);
    expect(problems).toMatchObject([{ code: 'storage_corrupt', params: { reason: 'schema' } }]);
    expect(store.listDevices()).toEqual([]);
  });
});
