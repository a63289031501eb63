// Keeps ffmpeg children from outliving us. ffmpeg treats its first SIGTERM/SIGINT as "finish
// after the current packet" (it then sends TEARDOWN to the camera) and only a second signal
// aborts blocking I/O, so a child waiting on a silent camera needs two. stop() sends SIGTERM,
// a second SIGTERM after 500 ms, SIGKILL after 2 s. When this process exits, every child still
// running gets SIGTERM + SIGINT from an 'exit' hook (two distinct signals are not merged). If we
// die without running hooks (SIGKILL, crash), ffmpeg dies on its next write to the closed pipe.
import type { ChildProcess } from 'node:child_process';

export const KILL_GRACE_MS = 2000;
const SECOND_SIGNAL_MS = 500;

const running = new Set<ChildProcess>();
let hooked = false;

function killAllOnExit(): void {
  for (const child of running) {
    try {
      child.kill('SIGTERM');
      child.kill('SIGINT');
    } catch {
      // already gone
    }
  }
}

/** Tracks a spawned child until it exits. */
export function track(child: ChildProcess): void {
  if (!hooked) {
    hooked = true;
    process.once('exit', killAllOnExit);
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
}

/** SIGTERM now, again after 500 ms, SIGKILL after `graceMs`; resolves once the child has exited (or never started). */
export function terminate(child: ChildProcess, graceMs = KILL_GRACE_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  return new Promise((resolve) => {
    const again = setTimeout(() => alive() && child.kill('SIGTERM'), Math.min(SECOND_SIGNAL_MS, graceMs));
    const kill = setTimeout(() => alive() && child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(again);
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** How many children are running (tests, diagnostics). */
export function runningChildren(): number {
  return running.size;
}
