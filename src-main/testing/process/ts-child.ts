// Test/bench support (not used at runtime): runs a TypeScript entry in a Node child process of
// its own (bundled with esbuild into a temp dir), with --expose-gc and an IPC channel, so a test
// can measure that process's memory without its own allocations in the figure.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface TsChild {
  readonly pid: number;
  /** Sends `message` and resolves with the child's next reply that carries the same `id`. */
  request<T>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export async function startTsChild(entry: string, args: string[] = []): Promise<TsChild> {
  // Inside the repository (.tmp/ is ignored) so the bundle's bare imports find node_modules.
  const parent = join(process.cwd(), '.tmp', 'children');
  await mkdir(parent, { recursive: true });
  const dir = await mkdtemp(join(parent, 'child-'));
  const outfile = join(dir, 'child.mjs');
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', outfile, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], cwd: process.cwd() });
  let nextId = 1;
  const waiting = new Map<number, (reply: unknown) => void>();
  child.on('message', (m: { id?: number }) => {
    if (typeof m?.id === 'number') waiting.get(m.id)?.(m);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve()); // the child says "ready" once it is set up
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
  });
  return {
    pid: child.pid!,
    request<T>(message: Record<string, unknown>, timeoutMs = 15_000): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child did not answer ${JSON.stringify(message)}`)), timeoutMs);
        waiting.set(id, (reply) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(reply as T);
        });
        child.send({ ...message, id });
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
