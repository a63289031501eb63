import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION, SkywallDoc } from './schema.js';
import { openStoreDir, storageFixture } from '../testing/storage/open-store-dir.js';
import { useTempDirs } from '../testing/storage/temp-dir.js';

const tempDir = useTempDirs();
const FIXTURE = storageFixture('v0-skywall.json');
const AT = new Date('2025-06-01T00:00:00Z');

const openDir = (dir: string) => openStoreDir(dir, AT);

describe('migration v0 -> current', () => {
  it('migrates the v0 fixture: valid current document, credentials in the vault, URLs stripped', async () => {
    const dir = tempDir();
    copyFileSync(FIXTURE, path.join(dir, 'skywall.json'));
    const { store, vault, problems } = await openDir(dir);
    expect(problems).toEqual([]);

    const onDisk = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(onDisk.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(() => SkywallDoc.parse(onDisk)).not.toThrow();
    const text = readFileSync(store.path, 'utf8');
    for (const secret of ['Hik12345', 'g@te!2019', 'g%40te', 's;cret%x', 's%3Bcret']) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/rtsp:\/\/[^/"]*@/);

    expect(store.getSettings()).toEqual({ locale: 'zh-CN', displayWalls: {}, showTileStats: true });
    const devices = store.listDevices();
    expect(devices.map((d) => d.id)).toEqual(['dev-cam-lobby', 'dev-cam-gate', 'dev-cam-yard', 'dev-cam-dock--4']);
    expect(devices[0]).toEqual({
      id: 'dev-cam-lobby',
      name: '大堂 Lobby',
      kind: 'rtsp',
      category: 'camera',
      area: [],
      host: '192.168.1.64',
      port: 554,
      username: 'admin',
      demo: false,
      cameras: [
        {
          id: 'cam-lobby',
          name: '大堂 Lobby',
          ptz: true,
          sources: [
            { profile: 'main', url: 'rtsp://192.168.1.64:554/Streaming/Channels/101' },
            { profile: 'sub', url: 'rtsp://192.168.1.64:554/Streaming/Channels/102' },
          ],
        },
      ],
    });
    expect(devices[1]).toMatchObject({ host: '10.0.0.7', port: 554, username: 'operator' });
    expect(devices[1]!.cameras[0]!.sources[0]!.url).toBe('rtsp://10.0.0.7/cam/realmonitor?channel=1&subtype=0');
    expect(devices[2]).toMatchObject({ host: '10.0.0.8', port: 8554 });
    expect(devices[2]!.username).toBeUndefined();
    expect(devices[3]).toMatchObject({ host: 'dock4.site.local', username: 'viewer' });
    expect(devices[3]!.cameras[0]!.id).toBe('cam-dock--4');

    expect(await vault.get('dev-cam-lobby')).toBe('Hik12345');
    expect(await vault.get('dev-cam-gate')).toBe('g@te!2019');
    expect(await vault.get('dev-cam-dock--4')).toBe('s;cret%x');
    expect(await vault.has('dev-cam-yard')).toBe(false);
    const credentials = readFileSync(path.join(dir, 'credentials.json'), 'utf8');
    expect(credentials).not.toContain('Hik12345');

    const walls = store.listWalls();
    expect(walls.map((w) => [w.id, w.name, w.rows, w.cols])).toEqual([
      ['main', '主墙', 2, 2],
      ['ops', 'Ops', 1, 1],
      ['docks', 'Docks', 2, 3],
    ]);
    expect(walls[0]!.tiles.map((t) => t.cameraId)).toEqual(['cam-lobby', 'cam-gate', 'cam-yard', null]);
    expect(walls[0]!.tiles.every((t) => t.profile === 'sub')).toBe(true);
    expect(walls[1]!.tiles).toEqual([{ cameraId: 'cam-gate', profile: 'main' }]);
    // Renamed camera id followed; a reference to a camera that never existed becomes empty.
    expect(walls[2]!.tiles.map((t) => t.cameraId)).toEqual(['cam-dock--4', null, null, null, null, null]);
  });

  it('is a no-op on the next open (the migrated file is current)', async () => {
    const dir = tempDir();
    copyFileSync(FIXTURE, path.join(dir, 'skywall.json'));
    await openDir(dir);
    const after = readFileSync(path.join(dir, 'skywall.json'), 'utf8');
    const again = await openDir(dir);
    expect(again.problems).toEqual([]);
    expect(readFileSync(path.join(dir, 'skywall.json'), 'utf8')).toBe(after);
    expect(await again.vault.get('dev-cam-lobby')).toBe('Hik12345');
  });

  it('reports conflicting sub-stream credentials and cameras it cannot migrate', async () => {
    const dir = tempDir();
    const v0 = {
      schemaVersion: 0,
      language: 'en',
      cameras: [
        { id: 'a', name: 'A', rtspUrl: 'rtsp://u:main-pass@h1/main', subRtspUrl: 'rtsp://u:other-pass@h1/sub' },
        { id: 'b', name: 'B', rtspUrl: 'http://h2/not-rtsp' },
        { id: 'c', name: '', rtspUrl: 'not a url' },
      ],
      walls: [],
    };
    writeFileSync(path.join(dir, 'skywall.json'), JSON.stringify(v0));
    const { store, vault, problems } = await openDir(dir);
    expect(problems.map((p) => [p.code, p.params?.item])).toEqual([
      ['storage_migration_credentials_conflict', 'a'],
      ['storage_migration_dropped', 'b'],
      ['storage_migration_dropped', 'c'],
    ]);
    expect(await vault.get('dev-a')).toBe('main-pass');
    expect(readFileSync(store.path, 'utf8')).not.toContain('other-pass');
    expect(store.getSettings().locale).toBe('en');
    expect(store.listWalls().map((w) => w.id)).toEqual(['wall-1']);
  });

  it('moves aside a v0-looking file that fails the v0 schema', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'skywall.json'), JSON.stringify({ language: 'de', cameras: [], walls: [] }));
    const { problems } = await openDir(dir);
    expect(problems).toMatchObject([{ code: 'storage_corrupt', params: { reason: 'schema' } }]);
  });
});
