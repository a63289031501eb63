// Tells when removable drives come and go, without native modules. Linux: /proc/mounts is read
// every interval (cheap) and the drives are listed again only when it changed, since a drive
// the desktop mounts or unmounts shows there. Elsewhere the listing itself is polled (less
// often: PowerShell is slow to start) and compared.
import { readFile } from 'node:fs/promises';
import { listRemovableDrives, type DriveListing } from './list-drives.js';

export interface DriveWatchOptions {
  /** Default 2000 ms on Linux, 5000 ms elsewhere. */
  intervalMs?: number;
  platform?: NodeJS.Platform;
  list?: () => Promise<DriveListing>;
}

/** Calls `onChange` with the new listing after each change; returns the function that stops watching. */
export function watchRemovableDrives(onChange: (listing: DriveListing) => void, options: DriveWatchOptions = {}): () => void {
  const platform = options.platform ?? process.platform;
  const list = options.list ?? (() => listRemovableDrives(platform));
  const linux = platform === 'linux';
  let lastMounts: string | undefined;
  let lastListing: string | undefined;
  let busy = false;
  let stopped = false;
  const poll = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      if (linux) {
        const mounts = await readFile('/proc/mounts', 'utf8').catch(() => '');
        const first = lastMounts === undefined;
        const changed = mounts !== lastMounts;
        lastMounts = mounts;
        if (first || !changed) return;
      }
      const listing = await list();
      const text = JSON.stringify(listing.drives.map((d) => [d.path, d.label, d.fsType, d.totalBytes]));
      const first = lastListing === undefined;
      const changed = text !== lastListing;
      lastListing = text;
      if ((linux || !first) && changed && !stopped) onChange(listing);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), options.intervalMs ?? (linux ? 2000 : 5000));
  timer.unref?.();
  void poll();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
