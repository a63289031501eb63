import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UNCAUGHT_MESSAGE } from '../../src-main/base/process/last-resort.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface HostApp {
  /** The first one-time page URL (the page the fixture opens spends it). */
  url: string;
  /** A further one-time page URL, for a second page or a test's own contract client. */
  newPageUrl(): Promise<string>;
  dataDir: string;
  /** The host process's id (benches read its CPU time). */
  pid: number | undefined;
  output: () => string;
  /** Stops the process; throws (failing the test) if it died on its own or logged an uncaught error. */
  stop(): Promise<void>;
  /** Kills the process outright (SIGKILL), as a crash or a power cut of the app would. */
  kill(): Promise<void>;
}

/** Starts the built host mode (dist/main/host-main.js) on a fresh data folder and waits for its URL. */
export async function startHostApp(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<HostApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'skywall-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'dist/main/host-main.js'), '--data-dir', dataDir, '--page-urls-on-stdin'], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host mode did not start:\n${out}`)), 20_000);
    const check = () => {
      const m = /SKYWALL_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host mode exited with ${code}:\n${out}`));
    });
  });
  // Page URLs are asked for one at a time: each answer is the next SKYWALL_PAGE_URL line.
  let answered = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const askOne = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const want = answered + 1;
      const timer = setTimeout(() => reject(new Error(`host mode issued no page URL:\n${out}`)), 10_000);
      const check = (): void => {
        const urls = [...out.matchAll(/SKYWALL_PAGE_URL=(\S+)/g)];
        if (urls.length < want) return;
        clearTimeout(timer);
        child.stdout?.off('data', check);
        answered = want;
        resolve(urls[want - 1]![1]!);
      };
      child.stdout?.on('data', check);
      child.stdin?.write('page-url\n');
    });
  return {
    url,
    newPageUrl() {
      const next = queue.then(askOne, askOne);
      queue = next;
      return next;
    },
    dataDir,
    pid: child.pid,
    output: () => out,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.signalCode === 'SIGKILL') return;
      const diedEarly = child.exitCode !== null || child.signalCode !== null;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
      // "No request, packet or file can end the main process": a test that made it try fails.
      if (diedEarly) throw new Error(`host mode ended during the test (exit ${child.exitCode}):\n${out}`);
      if (out.includes(UNCAUGHT_MESSAGE)) throw new Error(`host mode logged an uncaught error during the test:\n${out}`);
    },
  };
}
