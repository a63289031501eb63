import { describe, expect, it } from 'vitest';
import { parseLsblk, parseWindowsVolumes } from './drive-parsers.js';
import { listRemovableDrives } from './list-drives.js';

describe('removable drives', () => {
  it('lsblk: mounted partitions of removable, hot-plug or USB disks; fixed disks and unmounted ones left out', () => {
    const json = JSON.stringify({
      blockdevices: [
        { name: 'vda', rm: false, hotplug: false, tran: null, fstype: null, mountpoint: null, size: 100, children: [{ name: 'vda1', rm: false, hotplug: false, fstype: 'ext4', mountpoint: '/', size: 99 }] },
        { name: 'sdb', rm: true, hotplug: true, tran: 'usb', fstype: null, mountpoint: null, size: 32e9, children: [{ name: 'sdb1', rm: true, fstype: 'vfat', label: '证据盘', mountpoint: '/media/op/证据盘', size: 31e9 }] },
        { name: 'sdc', rm: '0', hotplug: '1', fstype: 'exfat', label: null, mountpoints: ['/run/media/op/X', null], size: 64e9 },
        { name: 'sdd', rm: true, tran: 'usb', fstype: 'vfat', label: 'OFF', mountpoint: null, size: 8e9 },
      ],
    });
    expect(parseLsblk(json)).toEqual([
      { path: '/media/op/证据盘', label: '证据盘', fsType: 'vfat', freeBytes: 0, totalBytes: 31e9 },
      { path: '/run/media/op/X', label: 'sdc', fsType: 'exfat', freeBytes: 0, totalBytes: 64e9 },
    ]);
  });

  it('Windows Get-Volume JSON: one object or an array; FAT32 named as Linux does', () => {
    expect(parseWindowsVolumes('{"DriveLetter":"e","FileSystemLabel":"USB","FileSystem":"FAT32","SizeRemaining":100,"Size":200}')).toEqual([
      { path: 'E:\\', label: 'USB', fsType: 'vfat', freeBytes: 100, totalBytes: 200 },
    ]);
    expect(parseWindowsVolumes('[{"DriveLetter":"F","FileSystemLabel":"","FileSystem":"exFAT","SizeRemaining":1,"Size":2},{"DriveLetter":null}]')).toHaveLength(1);
    expect(parseWindowsVolumes('')).toEqual([]);
  });

  it('lists this machine without throwing (its only disk is fixed, so nothing is removable)', async () => {
    const listing = await listRemovableDrives('linux');
    expect(listing.problem).toBeUndefined();
    expect(listing.drives.every((d) => d.path.startsWith('/') && d.fsType.length > 0)).toBe(true);
    expect(await listRemovableDrives('aix')).toMatchObject({ drives: [], problem: expect.stringContaining('choose a folder') });
  });
});
