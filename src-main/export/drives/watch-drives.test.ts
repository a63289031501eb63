// The drive watch on a real mount table: a file system mounted and unmounted by the test shows
// up in /proc/mounts, and the watch lists the drives again and reports each change.
import { describe, expect, it } from 'vitest';
import { mountTmpfs } from '../../testing/export/tmpfs.js';
import type { DriveListing } from './list-drives.js';
import { watchRemovableDrives } from './watch-drives.js';

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('removable drive watch', () => {
  it('reports a mount and an unmount within the interval, and nothing while the mount table stays the same', async () => {
    let listed = 0;
    const drives: string[] = [];
    const list = async (): Promise<DriveListing> => {
      listed++;
      return { drives: drives.map((p) => ({ path: p, label: 'USB', fsType: 'vfat', freeBytes: 1, totalBytes: 2 })) };
    };
    const changes: DriveListing[] = [];
    const stop = watchRemovableDrives((l) => changes.push(l), { platform: 'linux', intervalMs: 100, list });
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect(changes).toEqual([]);
      expect(listed).toBe(0); // the mount table did not change: no listing at all
      const m = await mountTmpfs(1024 * 1024);
      drives.push(m.dir);
      await until(() => changes.length === 1, 3000);
      expect(changes[0]!.drives.map((d) => d.path)).toEqual([m.dir]);
      drives.pop();
      await m.dispose();
      await until(() => changes.length === 2, 3000);
      expect(changes[1]!.drives).toEqual([]);
    } finally {
      stop();
    }
  });

  it('elsewhere compares the listings and reports only a change', async () => {
    const listings = [['E:\\'], ['E:\\'], ['E:\\', 'F:\\'], ['E:\\', 'F:\\']];
    let i = 0;
    const list = async (): Promise<DriveListing> => ({ drives: (listings[Math.min(i++, listings.length - 1)] ?? []).map((p) => ({ path: p, label: '', fsType: 'exFAT', freeBytes: 1, totalBytes: 2 })) });
    const changes: DriveListing[] = [];
    const stop = watchRemovableDrives((l) => changes.push(l), { platform: 'win32', intervalMs: 50, list });
    try {
      await until(() => i >= 4, 3000);
      expect(changes.map((c) => c.drives.map((d) => d.path))).toEqual([['E:\\', 'F:\\']]);
    } finally {
      stop();
    }
  });
});
