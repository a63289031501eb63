export { listRemovableDrives, type DriveListing } from './list-drives.js';
export { parseLsblk, parseWindowsVolumes, type RemovableDrive } from './drive-parsers.js';
export { watchRemovableDrives, type DriveWatchOptions } from './watch-drives.js';
