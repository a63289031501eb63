// Real, small file systems for export fault tests: a tmpfs of a given size mounted by the
// test (the test machines run as root). Mounting must work: a machine where it does not is
// reported as a failure, never skipped, so the fault tests cannot silently stop running.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestMount {
  /** Where the file system is mounted. */
  dir: string;
  /** Unmounts (if still mounted) and removes the mount point. */
  dispose(): Promise<void>;
}

async function mountOrExplain(args: string[], what: string): Promise<void> {
  try {
    await run('mount', args);
  } catch (e) {
    throw new Error(
      `export fault tests need real mounts (${what}) and run as root; mount failed: ${(e as Error).message.trim()}. ` +
        'These tests are not skipped on purpose: run them where mount(8) works.',
      { cause: e },
    );
  }
}

export async function mountTmpfs(sizeBytes: number, options: { readOnly?: boolean } = {}): Promise<TestMount> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skywall-export-fs-'));
  const opts = `size=${sizeBytes}${options.readOnly ? ',ro' : ''}`;
  await mountOrExplain(['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], `tmpfs ${opts}`);
  return { dir, dispose: () => unmountAndRemove(dir) };
}

/** A second view of `source` at another path, so the test can still look inside after the view is unmounted. */
export async function bindMount(source: string): Promise<TestMount> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skywall-export-bind-'));
  await mountOrExplain(['--bind', source, dir], 'bind mount');
  return { dir, dispose: () => unmountAndRemove(dir) };
}

/** Lazy unmount (`umount -l`): the path is detached at once, open files stay open. */
export async function lazyUnmount(dir: string): Promise<void> {
  await run('umount', ['-l', dir]);
}

async function unmountAndRemove(dir: string): Promise<void> {
  await run('umount', [dir]).catch(() => run('umount', ['-l', dir]).catch(() => undefined));
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

export async function makeDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  return dir;
}
