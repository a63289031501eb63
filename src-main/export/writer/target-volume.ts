// Facts about the file system an export goes to: its type (from /proc/mounts on Linux), free
// space (statfs) and the largest file it can hold. FAT32 stops at 4 GiB - 1 byte per file.
import { readFile, realpath, statfs } from 'node:fs/promises';
import path from 'node:path';

export const FAT32_MAX_FILE_BYTES = 4 * 1024 ** 3 - 1;

export interface TargetVolume {
  /** Mount point holding the target (Linux), or undefined when unknown. */
  mountPoint?: string;
  /** File-system type as the kernel names it (vfat, exfat, ext4, tmpfs...), or 'unknown'. */
  fsType: string;
  freeBytes: number;
  /** Largest single file the file system takes. */
  maxFileBytes: number;
}

interface MountEntry {
  mountPoint: string;
  fsType: string;
}

/** /proc/mounts escapes space, tab, newline and backslash as octal (\040...). */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

export function parseProcMounts(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.split(' ');
    if (fields.length < 3) continue;
    out.push({ mountPoint: unescapeMountField(fields[1]), fsType: fields[2] });
  }
  return out;
}

/** The mount that holds `dir`: the longest mount point that is a prefix of it (the last one wins on ties). */
export function mountOf(mounts: MountEntry[], dir: string): MountEntry | undefined {
  let best: MountEntry | undefined;
  for (const m of mounts) {
    const inside = dir === m.mountPoint || m.mountPoint === '/' || dir.startsWith(m.mountPoint + path.sep);
    if (inside && (!best || m.mountPoint.length >= best.mountPoint.length)) best = m;
  }
  return best;
}

export function maxFileBytesFor(fsType: string): number {
  return fsType === 'vfat' || fsType === 'msdos' || fsType === 'fat' || fsType === 'FAT32' ? FAT32_MAX_FILE_BYTES : Number.MAX_SAFE_INTEGER;
}

export async function readTargetVolume(dir: string): Promise<TargetVolume> {
  const real = await realpath(dir);
  const fs = await statfs(real);
  const freeBytes = Number(fs.bavail) * Number(fs.bsize);
  let mount: MountEntry | undefined;
  if (process.platform === 'linux') {
    const text = await readFile('/proc/mounts', 'utf8').catch(() => '');
    mount = mountOf(parseProcMounts(text), real);
  }
  const fsType = mount?.fsType ?? 'unknown';
  return { mountPoint: mount?.mountPoint, fsType, freeBytes, maxFileBytes: maxFileBytesFor(fsType) };
}
