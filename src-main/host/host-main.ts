// Host mode entry: the same services and contract as Electron, over a loopback WebSocket,
// with the built renderer served to any browser on this machine.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { configureLog, logFolderIn, logger } from '../base/log/index.js';
import { installLastResort } from '../base/process/last-resort.js';
import type { AppCore } from '../services/app-core.js';
import { createAppCore } from '../services/app-core.js';
import { isTrustedSender } from '../ipc/sender.js';
import { startHostServer } from './host-server.js';
import { readHostMemory, writeHostMemory, type HostMemory } from './host-memory.js';

interface Args {
  open: boolean;
  /** Answer each "page-url" line on stdin with a new one-time page URL (for the process that started us). */
  pageUrlsOnStdin: boolean;
  /** Undefined: the port of the last run if it is free (open pages find us again), else any. */
  port: number | undefined;
  dataDir: string;
  demo: boolean;
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    open: argv.includes('--open'),
    pageUrlsOnStdin: argv.includes('--page-urls-on-stdin'),
    port: portArg(value('--port') ?? process.env.SKYWALL_PORT),
    dataDir: value('--data-dir') ?? process.env.SKYWALL_DATA_DIR ?? path.join(os.homedir(), '.config', 'skywall-host'),
    demo: !argv.includes('--no-demo'),
  };
}

function portArg(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function openBrowser(url: string): void {
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux') return;
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(cmd, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  configureLog({ file: { dir: logFolderIn(args.dataDir) } });
  // From here on nothing uncaught ends the process: it is logged and shown to the operator.
  let showProblem: AppCore['app']['report'] = () => undefined; // no banner before the core exists; the log has it
  installLastResort({ report: (p) => showProblem(p) });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const core = await createAppCore({ mode: 'host', dataDir: args.dataDir, version: process.env.npm_package_version ?? '0.1.0', demo: args.demo });
  showProblem = (p) => core.app.report(p);
  let origin = '';
  const router = core.router((s) => isTrustedSender(s, origin));
  const memory = readHostMemory(args.dataDir);
  const remember = (change: Partial<HostMemory>): void => {
    Object.assign(memory, change);
    try {
      writeHostMemory(args.dataDir, memory);
    } catch (e) {
      logger('host').warn('could not remember the port and sessions for the next run', e);
    }
  };
  const serverOptions = { router, bus: core.bus, rendererDir: path.resolve(here, '..', 'renderer'), sessions: { sessions: memory.sessions, onSessionsChange: (sessions: string[]) => remember({ sessions }) } };
  const server = await startHostServer({ ...serverOptions, port: args.port ?? memory.port ?? 0 }).catch((e: unknown) => {
    // The last run's port is taken by now: any free one (open pages must then be opened anew).
    if (args.port === undefined && memory.port !== undefined) return startHostServer({ ...serverOptions, port: 0 });
    throw e;
  });
  remember({ port: server.port });
  origin = server.origin;
  console.log(`Skywall host mode: open ${server.url}`);
  console.log(`SKYWALL_URL=${server.url}`);
  // The file copy: the token in the URL is masked there like any secret.
  logger('host').info(`host mode on ${server.url} (data in ${args.dataDir})`);
  if (args.open) openBrowser(server.url);
  if (args.pageUrlsOnStdin) {
    // Only the parent holds our stdin, so only it can ask for more page URLs.
    createInterface({ input: process.stdin }).on('line', (line) => {
      if (line.trim() === 'page-url') console.log(`SKYWALL_PAGE_URL=${server.issuePageUrl()}`);
    });
  }

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  logger('host').error('Skywall could not start', e);
  process.exit(1);
});
