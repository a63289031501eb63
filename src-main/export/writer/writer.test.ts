// The safe writer on real file systems mounted by the test (tmpfs; see testing/export/tmpfs.ts).
import { createHash } from 'node:crypto';
import { open, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bindMount, lazyUnmount, mountTmpfs, type TestMount } from '../../testing/export/tmpfs.js';
import { pacedSource, patternBytes } from '../../testing/export/slow-source.js';
import { ExportError } from './export-error.js';
import { writeExportFolder, type ExportFolderRequest } from './export-folder.js';
import { bytesSpec, type WrittenFile } from './safe-file.js';
import { mountOf, parseProcMounts, readTargetVolume, FAT32_MAX_FILE_BYTES } from './target-volume.js';

const MiB = 1024 * 1024;
const mounts: TestMount[] = [];
afterEach(async () => {
  for (const m of mounts.splice(0).reverse()) await m.dispose();
});

async function tmpfs(size: number, readOnly = false): Promise<string> {
  const m = await mountTmpfs(size, { readOnly });
  mounts.push(m);
  return m.dir;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const manifestOf = (written: WrittenFile[]) => [bytesSpec('manifest.json', Buffer.from(JSON.stringify(written)))];

/** Runs an export and resolves with its error and how long after `faultAt()` it came. */
async function failingExport(req: ExportFolderRequest, inject: () => Promise<void>): Promise<{ error: ExportError; msAfterFault: number }> {
  const result = writeExportFolder(req).then(
    () => {
      throw new Error('export finished although a fault was injected');
    },
    (e: unknown) => ({ error: e as ExportError, at: Date.now() }),
  );
  await inject();
  const faultAt = Date.now();
  const { error, at } = await result;
  expect(error).toBeInstanceOf(ExportError);
  return { error, msAfterFault: at - faultAt };
}

/** The ExportError an export ends with (fails the test if it succeeds). */
async function failureOf(run: Promise<unknown>): Promise<ExportError> {
  const e = await run.then(
    () => new Error('export succeeded'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ExportError);
  return e as ExportError;
}

/** Everything in a folder tree, as relative paths. */
async function tree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

describe('safe export writer', () => {
  it('writes every file, hashes it, and renames the folder into place with the manifest last', async () => {
    const dir = await tmpfs(16 * MiB);
    const clip = patternBytes(3 * MiB + 123);
    const progress: number[] = [];
    let sealedWith: WrittenFile[] = [];
    const result = await writeExportFolder({
      parentDir: dir,
      folderName: 'cam1_20260101T000000Z',
      files: [{ name: 'clip.mp4', size: clip.length, content: pacedSource(clip, 70_000, 0).content }, bytesSpec('metadata.json', Buffer.from('{}'))],
      seal: (written) => {
        sealedWith = written;
        return manifestOf(written);
      },
      onProgress: (p) => progress.push(p.writtenBytes + p.verifiedBytes),
    });
    expect(result.folder).toBe(path.join(dir, 'cam1_20260101T000000Z'));
    expect(await tree(dir)).toEqual(['cam1_20260101T000000Z', 'cam1_20260101T000000Z/clip.mp4', 'cam1_20260101T000000Z/manifest.json', 'cam1_20260101T000000Z/metadata.json']);
    expect(sha(await readFile(path.join(result.folder, 'clip.mp4')))).toBe(sha(clip));
    expect(sealedWith).toEqual([
      { name: 'clip.mp4', bytes: clip.length, sha256: sha(clip) },
      { name: 'metadata.json', bytes: 2, sha256: sha(Buffer.from('{}')) },
    ]);
    expect(result.files.map((f) => f.name)).toEqual(['clip.mp4', 'metadata.json', 'manifest.json']);
    expect(result.volume.fsType).toBe('tmpfs');
    expect(progress.at(-1)).toBe(2 * (clip.length + 2));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('picks a new folder name rather than writing into an existing export', async () => {
    const dir = await tmpfs(4 * MiB);
    const req = { parentDir: dir, folderName: 'same', files: [bytesSpec('a.bin', Buffer.from('a'))], seal: manifestOf };
    await writeExportFolder(req);
    const second = await writeExportFolder(req);
    expect(second.folder).toBe(path.join(dir, 'same-2'));
  });

  it('refuses before writing anything when free space is below 1.1 x the expected size', async () => {
    const dir = await tmpfs(4 * MiB);
    const clip = patternBytes(Math.floor(3.5 * MiB));
    const err = await failureOf(writeExportFolder({ parentDir: dir, folderName: 'x', files: [bytesSpec('clip.mp4', clip)], seal: manifestOf }));
    expect((err as ExportError).code).toBe('not_enough_space');
    expect(await tree(dir)).toEqual([]);
  });

  it('disk full mid-export: disk_full within 2 s, no complete-looking file left', async () => {
    const dir = await tmpfs(8 * MiB);
    const clip = patternBytes(6 * MiB);
    const source = pacedSource(clip, 128 * 1024, 15);
    const { error, msAfterFault } = await failingExport(
      { parentDir: dir, folderName: 'full', files: [{ name: 'clip.mp4', size: clip.length, content: source.content }], seal: manifestOf },
      async () => {
        while (source.delivered < MiB) await new Promise((r) => setTimeout(r, 10));
        // Another program fills the drive after the free-space check passed.
        await writeFile(path.join(dir, 'filler.bin'), Buffer.alloc(5 * MiB)).catch(() => undefined);
      },
    );
    expect(error.code).toBe('disk_full');
    expect(error.file).toBe('clip.mp4');
    expect(msAfterFault).toBeLessThan(2000);
    expect(await tree(dir)).toEqual(['filler.bin']);
  });

  it('target unmounted mid-export (umount -l): target_gone within 2 s, what is left is named incomplete', async () => {
    const backing = await tmpfs(32 * MiB);
    const view = await bindMount(backing);
    mounts.push(view);
    const clip = patternBytes(8 * MiB);
    const source = pacedSource(clip, 64 * 1024, 10);
    const { error, msAfterFault } = await failingExport(
      { parentDir: view.dir, folderName: 'pulled', files: [{ name: 'clip.mp4', size: clip.length, content: source.content }], seal: manifestOf },
      async () => {
        while (source.delivered < MiB) await new Promise((r) => setTimeout(r, 10));
        await lazyUnmount(view.dir);
      },
    );
    expect(error.code).toBe('target_gone');
    expect(msAfterFault).toBeLessThan(2000);
    // The drive as another machine would see it: only an `.incomplete` folder with a `.partial` file.
    expect(await tree(backing)).toEqual(['pulled.incomplete', 'pulled.incomplete/clip.mp4.partial']);
  });

  it('cancel: cancelled within 2 s, the folder removed', async () => {
    const dir = await tmpfs(32 * MiB);
    const clip = patternBytes(8 * MiB);
    const source = pacedSource(clip, 64 * 1024, 10);
    const abort = new AbortController();
    const { error, msAfterFault } = await failingExport(
      { parentDir: dir, folderName: 'stop', files: [{ name: 'clip.mp4', size: clip.length, content: source.content }], seal: manifestOf, signal: abort.signal },
      async () => {
        while (source.delivered < MiB) await new Promise((r) => setTimeout(r, 10));
        abort.abort();
      },
    );
    expect(error.code).toBe('cancelled');
    expect(msAfterFault).toBeLessThan(2000);
    expect(await tree(dir)).toEqual([]);
  });

  it('a source that ends early is refused and leaves nothing', async () => {
    const dir = await tmpfs(4 * MiB);
    const clip = patternBytes(1000);
    const err = await failureOf(
      writeExportFolder({ parentDir: dir, folderName: 'short', files: [{ name: 'clip.mp4', size: 2000, content: () => [clip] }], seal: manifestOf }),
    );
    expect(err.code).toBe('source_mismatch');
    expect(await tree(dir)).toEqual([]);
  });

  it('a read-only target gives not_writable', async () => {
    const dir = await tmpfs(4 * MiB, true);
    const err = await failureOf(writeExportFolder({ parentDir: dir, folderName: 'ro', files: [bytesSpec('a.bin', Buffer.from('a'))], seal: manifestOf }));
    expect(err.code).toBe('not_writable');
  });

  // FAT32 cannot be mounted here (the kernel has no vfat), so the 4 GiB split runs with a
  // small part size on tmpfs; the FAT32 limit itself is checked through the /proc/mounts parse.
  it('splits a file larger than the part size into numbered parts, each hashed', async () => {
    const dir = await tmpfs(16 * MiB);
    const clip = patternBytes(2 * MiB + 500);
    const result = await writeExportFolder({
      parentDir: dir,
      folderName: 'split',
      files: [{ name: 'clip.mp4', size: clip.length, content: pacedSource(clip, 300_000, 0).content }],
      seal: manifestOf,
      maxFileBytes: MiB,
    });
    expect(result.files.map((f) => [f.name, f.bytes])).toEqual([
      ['clip.mp4.001', MiB],
      ['clip.mp4.002', MiB],
      ['clip.mp4.003', 500],
      ['manifest.json', expect.any(Number)],
    ]);
    const parts = await Promise.all(['001', '002', '003'].map((n) => readFile(path.join(result.folder, `clip.mp4.${n}`))));
    expect(sha(Buffer.concat(parts))).toBe(sha(clip));
    expect(result.files[1].sha256).toBe(sha(parts[1]));
  });

  it('reads every block back after its flush and compares it with what was hashed; a changed byte on the target is verify_failed and nothing looks complete', async () => {
    const dir = await tmpfs(32 * MiB);
    const clip = patternBytes(10 * MiB);
    const readBacks: Array<[number, number]> = [];
    const err = await failureOf(
      writeExportFolder({
        parentDir: dir,
        folderName: 'x',
        files: [{ name: 'clip.mp4', size: clip.length, content: pacedSource(clip, 200_000, 0).content }],
        seal: manifestOf,
        // The medium loses one bit of the second block between the write and the read-back.
        beforeReadBack: async (file, offset, length) => {
          if (!file.endsWith('clip.mp4.partial')) return;
          readBacks.push([offset, length]);
          if (offset !== 4 * MiB) return;
          const fh = await open(file, 'r+');
          const one = Buffer.alloc(1);
          await fh.read(one, 0, 1, offset + 4321);
          one[0] ^= 0x01;
          await fh.write(one, 0, 1, offset + 4321);
          await fh.close();
        },
      }),
    );
    expect(err.code).toBe('verify_failed');
    expect(err.file).toBe('clip.mp4');
    expect(err.message).toMatch(/differs/);
    // Read back in whole 4 MiB blocks at their offsets, the last one shorter (two writes in flight
    // may finish in either order, so the last block may be read back before the failure ends it).
    expect(readBacks).toContainEqual([4 * MiB, 4 * MiB]);
    for (const [offset, length] of readBacks) expect([offset % (4 * MiB), length]).toEqual([0, Math.min(4 * MiB, clip.length - offset)]);
    expect(await tree(dir)).toEqual([]);
  });

  it('a source that reuses its buffer after handing it over does not change what is hashed, written and read back', async () => {
    const dir = await tmpfs(32 * MiB);
    const clip = patternBytes(9 * MiB + 77);
    const scratch = Buffer.alloc(100_000);
    const content = function* (): Generator<Uint8Array> {
      for (let o = 0; o < clip.length; o += scratch.length) {
        const n = clip.copy(scratch, 0, o, Math.min(clip.length, o + scratch.length));
        yield scratch.subarray(0, n);
        scratch.fill(0xee); // the producer's next use of its buffer
      }
    };
    const result = await writeExportFolder({ parentDir: dir, folderName: 'reuse', files: [{ name: 'clip.mp4', size: clip.length, content }], seal: manifestOf });
    expect(result.files[0]).toEqual({ name: 'clip.mp4', bytes: clip.length, sha256: sha(clip) });
    expect(sha(await readFile(path.join(result.folder, 'clip.mp4')))).toBe(sha(clip));
  });

  it('finds the file-system type of a folder from /proc/mounts; FAT32 caps files at 4 GiB - 1', async () => {
    const mounts = parseProcMounts('/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /media/u/USB\\040DISK vfat rw 0 0\ntmpfs /tmp tmpfs rw 0 0\n');
    expect(mountOf(mounts, '/media/u/USB DISK/evidence')).toEqual({ mountPoint: '/media/u/USB DISK', fsType: 'vfat' });
    expect(mountOf(mounts, '/media/u/USB DISK2')?.fsType).toBe('ext4');
    expect(FAT32_MAX_FILE_BYTES).toBe(4294967295);
    const dir = await tmpfs(2 * MiB);
    const volume = await readTargetVolume(dir);
    expect(volume).toMatchObject({ mountPoint: dir, fsType: 'tmpfs', maxFileBytes: Number.MAX_SAFE_INTEGER });
    expect(volume.freeBytes).toBe(2 * MiB);
  });
});
