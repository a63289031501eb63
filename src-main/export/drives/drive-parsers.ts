// Parsers for what the operating system says about drives: `lsblk --json` on Linux and
// PowerShell's Get-Volume as JSON on Windows. Pure functions, so both are tested anywhere.

export interface RemovableDrive {
  /** Where to write: a mount point (Linux) or `E:\` (Windows). */
  path: string;
  label: string;
  fsType: string;
  /** Filled in by statfs when listing; 0 when unknown. */
  freeBytes: number;
  totalBytes: number;
}

interface LsblkDevice {
  name?: string;
  rm?: boolean | string | null;
  hotplug?: boolean | string | null;
  tran?: string | null;
  label?: string | null;
  fstype?: string | null;
  mountpoint?: string | null;
  mountpoints?: Array<string | null> | null;
  size?: number | string | null;
  children?: LsblkDevice[];
}

const truthy = (v: boolean | string | null | undefined) => v === true || v === '1' || v === 'true';

/** Mounted file systems on removable or USB/hot-plug devices (a partition inherits from its disk). */
export function parseLsblk(json: string): RemovableDrive[] {
  const doc = JSON.parse(json) as { blockdevices?: LsblkDevice[] };
  const out: RemovableDrive[] = [];
  const walk = (d: LsblkDevice, parentRemovable: boolean): void => {
    const removable = parentRemovable || truthy(d.rm) || truthy(d.hotplug) || d.tran === 'usb';
    const mounts = [d.mountpoint, ...(d.mountpoints ?? [])].filter((m): m is string => typeof m === 'string' && m.startsWith('/'));
    if (removable && d.fstype) {
      for (const m of new Set(mounts)) out.push({ path: m, label: d.label ?? d.name ?? '', fsType: d.fstype, freeBytes: 0, totalBytes: Number(d.size ?? 0) || 0 });
    }
    for (const c of d.children ?? []) walk(c, removable);
  };
  for (const d of doc.blockdevices ?? []) walk(d, false);
  return out;
}

interface WindowsVolume {
  DriveLetter?: string | null;
  FileSystemLabel?: string | null;
  FileSystem?: string | null;
  FileSystemType?: string | null;
  SizeRemaining?: number | null;
  Size?: number | null;
}

/** `Get-Volume | Where-Object DriveType -eq 'Removable' | ConvertTo-Json`: one object or an array. */
export function parseWindowsVolumes(json: string): RemovableDrive[] {
  if (!json.trim()) return [];
  const doc = JSON.parse(json) as WindowsVolume | WindowsVolume[];
  const list = Array.isArray(doc) ? doc : [doc];
  return list
    .filter((v) => typeof v.DriveLetter === 'string' && /^[A-Za-z]$/.test(v.DriveLetter))
    .map((v) => ({
      path: `${v.DriveLetter!.toUpperCase()}:\\`,
      label: v.FileSystemLabel ?? '',
      fsType: (v.FileSystem ?? v.FileSystemType ?? 'unknown').toLowerCase() === 'fat32' ? 'vfat' : (v.FileSystem ?? v.FileSystemType ?? 'unknown').toLowerCase(),
      freeBytes: Number(v.SizeRemaining ?? 0),
      totalBytes: Number(v.Size ?? 0),
    }));
}
