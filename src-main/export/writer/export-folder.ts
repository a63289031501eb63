// Writes a whole export folder safely: checks free space first (at least 1.1 x the expected
// size), writes everything into `<name>.incomplete/`, each file through safe-file.ts, then the
// files built from what was written (manifest and signature) last, and only then renames the
// folder to its final name. A failure removes the incomplete folder; if the target is gone and
// it cannot be removed, its name still says incomplete. Nothing half-written looks complete.
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { ExportError, exportErrorFrom } from './export-error.js';
import { ExportGuard } from './export-guard.js';
import { writeSafeFile, type ExportFileSpec, type WrittenFile } from './safe-file.js';
import { readTargetVolume, type TargetVolume } from './target-volume.js';

export const INCOMPLETE_SUFFIX = '.incomplete';
/** Free space must be at least this times the expected size. */
export const FREE_SPACE_FACTOR = 1.1;
/** Room reserved for the files written last (manifest, signature). */
const SEAL_RESERVE_BYTES = 256 * 1024;
const CLEANUP_WAIT_MS = 1000;

export interface ExportProgress {
  writtenBytes: number;
  verifiedBytes: number;
  /** Bytes of the content files (the sealing files are small and not counted). */
  totalBytes: number;
  file: string;
}

export interface ExportFolderRequest {
  /** Folder the export folder is created in (a drive's root or any folder). */
  parentDir: string;
  /** Name of the export folder; `-2`, `-3`... is appended if it exists. */
  folderName: string;
  files: ExportFileSpec[];
  /** Builds the files written last from what was written (manifest, signature). */
  seal(written: WrittenFile[]): Promise<ExportFileSpec[]> | ExportFileSpec[];
  signal?: AbortSignal;
  onProgress?(progress: ExportProgress): void;
  /** Largest file before splitting into numbered parts; default: the file system's limit. */
  maxFileBytes?: number;
  /** How often the target folder is checked for removal (default 250 ms). */
  watchIntervalMs?: number;
  /** Runs before each block is read back (tests change the file here to stand for a failing medium). */
  beforeReadBack?(file: string, offset: number, length: number): Promise<void>;
}

export interface ExportFolderResult {
  folder: string;
  files: WrittenFile[];
  volume: TargetVolume;
}

function nameIsSafe(name: string): boolean {
  const forbidden = [...'/\\:*?"<>|'];
  const control = [...name].some((c) => c.charCodeAt(0) < 0x20);
  return name.length > 0 && name.length <= 200 && !control && !forbidden.some((c) => name.includes(c)) && !name.startsWith('.') && !name.endsWith('.');
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function reserveFolder(parentDir: string, folderName: string): Promise<{ incomplete: string; final: string }> {
  for (let n = 1; n < 1000; n++) {
    const name = n === 1 ? folderName : `${folderName}-${n}`;
    const final = path.join(parentDir, name);
    const incomplete = final + INCOMPLETE_SUFFIX;
    if (await exists(final)) continue;
    try {
      await mkdir(incomplete);
      return { incomplete, final };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new ExportError('not_writable', `no free folder name for ${folderName} in ${parentDir}`);
}

async function syncDir(dir: string): Promise<void> {
  // Makes the renames durable; Windows cannot open a folder for fsync, which is fine there.
  const fh = await open(dir, 'r').catch(() => undefined);
  if (!fh) return;
  await fh.sync().catch(() => undefined);
  await fh.close().catch(() => undefined);
}

export async function writeExportFolder(req: ExportFolderRequest): Promise<ExportFolderResult> {
  if (!nameIsSafe(req.folderName)) throw new Error(`invalid export folder name ${req.folderName}`);
  const guard = new ExportGuard({ signal: req.signal, intervalMs: req.watchIntervalMs });
  let incomplete: string | undefined;
  try {
    guard.check();
    const volume = await guard.race(readTargetVolume(req.parentDir));
    const totalBytes = req.files.reduce((n, f) => n + f.size, 0);
    const needed = Math.ceil((totalBytes + SEAL_RESERVE_BYTES) * FREE_SPACE_FACTOR);
    if (volume.freeBytes < needed) {
      throw new ExportError('not_enough_space', `need ${needed} bytes free on ${volume.mountPoint ?? req.parentDir}, have ${volume.freeBytes}`);
    }
    const folders = await guard.race(reserveFolder(req.parentDir, req.folderName));
    incomplete = folders.incomplete;
    const s = await stat(incomplete);
    guard.watchFolder(incomplete, s.dev, s.ino);

    const progress: ExportProgress = { writtenBytes: 0, verifiedBytes: 0, totalBytes, file: '' };
    let sealing = false;
    const ctx = {
      folder: incomplete,
      guard,
      maxFileBytes: req.maxFileBytes ?? volume.maxFileBytes,
      beforeReadBack: req.beforeReadBack,
      onBytes: (phase: 'write' | 'verify', n: number, file: string) => {
        if (sealing) return;
        if (phase === 'write') progress.writtenBytes += n;
        else progress.verifiedBytes += n;
        progress.file = file;
        req.onProgress?.({ ...progress });
      },
    };
    const written: WrittenFile[] = [];
    for (const spec of req.files) written.push(...(await writeSafeFile(ctx, spec)));
    sealing = true;
    const sealFiles = await guard.race(Promise.resolve(req.seal(written.map((w) => ({ ...w })))));
    for (const spec of sealFiles) written.push(...(await writeSafeFile(ctx, spec)));
    await guard.race(syncDir(incomplete));
    guard.check();
    guard.stopWatching();
    await guard.race(rename(incomplete, folders.final));
    incomplete = undefined;
    await syncDir(req.parentDir);
    return { folder: folders.final, files: written, volume };
  } catch (e) {
    const error = exportErrorFrom(guard.error ?? e);
    if (incomplete) await removeIncomplete(incomplete);
    throw error;
  } finally {
    guard.dispose();
  }
}

/** Best effort, bounded in time: a removed drive may never answer. */
async function removeIncomplete(folder: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    rm(folder, { recursive: true, force: true }).catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, CLEANUP_WAIT_MS))),
  ]);
  clearTimeout(timer);
}
