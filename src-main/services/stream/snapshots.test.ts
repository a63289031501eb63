import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnapshotWriter, snapshotFileName } from './snapshots.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest of a picture')]);

describe('snapshot writer', () => {
  let dir: string;
  let audited: Array<{ kind: string; target: { id: string; name?: string }; details?: Record<string, unknown> }>;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sw-snap-'));
    audited = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const writer = () => createSnapshotWriter({ dataDir: dir, audit: { record: async (e) => void audited.push(e) } });

  it('joins the parts, writes the PNG into the chosen folder and records it', async () => {
    const w = writer();
    const b64 = PNG.toString('base64');
    const takenAt = new Date(2026, 11, 3, 17, 5, 9, 42).getTime();
    const folder = path.join(dir, '抓拍');
    const base = { snapshotId: 's1', parts: 2, cameraId: 'cam-1', subject: '东门 / 1号', takenAt, folder };
    expect(await w.save({ ...base, part: 0, data: b64.slice(0, 8) })).toEqual({ saved: false });
    const done = await w.save({ ...base, part: 1, data: b64.slice(8) });
    expect(done).toEqual({ saved: true, path: path.join(folder, '东门 _ 1号_20261203-170509-042.png') });
    expect(readFileSync((done as { path: string }).path).equals(PNG)).toBe(true);
    expect(readdirSync(folder)).toHaveLength(1); // no temporary file left
    expect(audited).toEqual([{ kind: 'tile.snapshot', target: { id: 'cam-1', name: '东门 / 1号' }, details: expect.objectContaining({ path: (done as { path: string }).path, bytes: PNG.length }) }]);
  });

  it('defaults to the snapshots folder in the data folder', async () => {
    const done = await writer().save({ snapshotId: 's2', part: 0, parts: 1, data: PNG.toString('base64'), subject: '墙 1', takenAt: Date.now() });
    expect(path.dirname((done as { path: string }).path)).toBe(path.join(dir, 'snapshots'));
  });

  it('refuses what is not a PNG, a relative folder and parts out of order, writing nothing', async () => {
    const w = writer();
    const one = { part: 0, parts: 1, subject: 'x', takenAt: Date.now() };
    await expect(w.save({ ...one, snapshotId: 'a', data: Buffer.from('GIF89a....').toString('base64') })).rejects.toMatchObject({ code: 'bad_payload' });
    await expect(w.save({ ...one, snapshotId: 'b', data: PNG.toString('base64'), folder: 'relative/dir' })).rejects.toMatchObject({ code: 'bad_payload' });
    await expect(w.save({ ...one, snapshotId: 'c', part: 1, parts: 2, data: '' })).rejects.toMatchObject({ code: 'bad_payload' });
    expect(audited).toHaveLength(0);
  });

  it('names files safely', () => {
    expect(snapshotFileName('a<b>:c?*', new Date(2026, 0, 2, 3, 4, 5, 6).getTime())).toBe('a_b_c__20260102-030405-006.png');
    expect(snapshotFileName('..', 0)).toMatch(/^snapshot_/);
  });
});
