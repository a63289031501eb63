// Lists mounted removable drives with label, file system and free space, using what the OS
// ships (lsblk, PowerShell); no native modules. A failure to list is an empty list plus a
// reason, never an exception: the operator can still choose any folder.
import { execFile } from 'node:child_process';
import { statfs } from 'node:fs/promises';
import { promisify } from 'node:util';
import { parseLsblk, parseWindowsVolumes, type RemovableDrive } from './drive-parsers.js';

const run = promisify(execFile);

export interface DriveListing {
  drives: RemovableDrive[];
  /** Why the list may be incomplete (tool missing, timed out), in English for logs. */
  problem?: string;
}

const WINDOWS_SCRIPT =
  "Get-Volume | Where-Object { $_.DriveType -eq 'Removable' -and $_.DriveLetter } | Select-Object DriveLetter,FileSystemLabel,FileSystem,SizeRemaining,Size | ConvertTo-Json -Compress";

async function withFreeSpace(d: RemovableDrive): Promise<RemovableDrive> {
  const s = await statfs(d.path).catch(() => undefined);
  return s ? { ...d, freeBytes: Number(s.bavail) * Number(s.bsize), totalBytes: Number(s.blocks) * Number(s.bsize) } : d;
}

export async function listRemovableDrives(platform: NodeJS.Platform = process.platform): Promise<DriveListing> {
  try {
    if (platform === 'win32') {
      const { stdout } = await run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_SCRIPT], { timeout: 10_000, windowsHide: true });
      return { drives: parseWindowsVolumes(stdout) };
    }
    if (platform === 'linux') {
      const { stdout } = await run('lsblk', ['-J', '-b', '-o', 'NAME,RM,HOTPLUG,TRAN,LABEL,FSTYPE,MOUNTPOINT,SIZE'], { timeout: 5000 });
      return { drives: await Promise.all(parseLsblk(stdout).map(withFreeSpace)) };
    }
    return { drives: [], problem: `removable drives are not listed on ${platform}; choose a folder` };
  } catch (e) {
    return { drives: [], problem: `cannot list removable drives: ${(e as Error).message}` };
  }
}
