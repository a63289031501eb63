// Composition root shared by Electron and host mode: storage, demo, streams, and the handlers
// the router dispatches to. Nothing here imports electron; safeStorage is passed in.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import type { Problem } from '../common/contract/index.js';
import { EventBus } from '../ipc/event-bus.js';
import { createRouter, type Handlers, type Router } from '../ipc/router.js';
import type { SenderInfo } from '../ipc/sender.js';
import { openKeyFileVault, openSafeStorageVault, openSkywallStore, redactSecrets, type SafeStorageLike, type SkywallStore } from '../storage/index.js';
import { createDevicesService, type DemoDevices } from './devices-service.js';
import { DEMO_CAMERA_IDS, startDemoDevices, type RunningDemo } from './demo-devices.js';
import { createStreamService, type StreamService } from './stream-service.js';
import { wallForDisplay } from './walls-service.js';

export interface AppCoreOptions {
  mode: 'electron' | 'host';
  dataDir: string;
  version: string;
  /** Electron's safeStorage; host mode uses a key file. */
  safeStorage?: SafeStorageLike;
  /** Start the built-in demo camera when nothing is configured (default true). */
  demo?: boolean;
}

export interface AppCore {
  bus: EventBus;
  problems: Problem[];
  streams: StreamService;
  router(isTrusted: (s: SenderInfo) => boolean): Router;
  close(): Promise<void>;
}

const NO_DEMO: DemoDevices = { records: () => [], password: () => undefined };

/** On first run with only the demo, the first wall shows the demo cameras instead of black tiles. */
function fillFirstWallWithDemo(store: SkywallStore): void {
  const wall = store.listWalls()[0];
  if (!wall || store.listDevices().length > 0 || wall.tiles.some((t) => t.cameraId !== null)) return;
  const plan = [DEMO_CAMERA_IDS[0], DEMO_CAMERA_IDS[1], DEMO_CAMERA_IDS[0], DEMO_CAMERA_IDS[1]];
  const tiles = wall.tiles.map((t, i) => ({ ...t, cameraId: plan[i] ?? null, profile: i >= 2 ? ('sub' as const) : ('main' as const) }));
  store.saveWall({ ...wall, tiles });
}

export async function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  mkdirSync(opts.dataDir, { recursive: true });
  const vault = opts.safeStorage
    ? await openSafeStorageVault({ dir: opts.dataDir, safeStorage: opts.safeStorage })
    : await openKeyFileVault({ dir: opts.dataDir });
  const { store, problems } = await openSkywallStore({ dir: opts.dataDir, vault, backend: opts.mode === 'electron' ? 'electron-store' : 'conf' });
  const bus = new EventBus();

  let demo: RunningDemo | undefined;
  if (opts.demo !== false && store.listDevices().length === 0) {
    demo = await startDemoDevices();
    fillFirstWallWithDemo(store);
  }
  const devices = createDevicesService(store, vault, demo ?? NO_DEMO);
  const streams = await createStreamService({ devices, bus });

  store.onDidChange('settings', (s) => bus.emit('sw:settings:onDidChange', s));
  store.onDidChange('walls', (w) => bus.emit('sw:walls:onDidChange', w));
  store.onDidChange('devices', () => void devices.list().then((d) => bus.emit('sw:devices:onDidChange', d)));

  const handlers: Handlers = {
    'sw:app:getInfo': () => ({ name: 'Skywall', version: opts.version, mode: opts.mode, platform: `${os.platform()}-${os.arch()}`, problems }),
    'sw:settings:get': () => store.getSettings(),
    'sw:settings:update': (patch) => store.updateSettings(patch),
    'sw:devices:list': () => devices.list(),
    'sw:devices:add': (input) => devices.add(input),
    'sw:devices:remove': async ({ id }) => {
      await devices.remove(id);
      return { ok: true as const };
    },
    'sw:walls:list': () => store.listWalls(),
    'sw:walls:save': (wall) => store.saveWall(wall),
    'sw:walls:forWindow': (_req, ctx) => wallForDisplay(store, ctx.sender.displayKey),
    'sw:stream:open': (req) => streams.open(req.cameraId, req.profile, req.transcode ? { transcode: true } : {}),
    'sw:stream:close': ({ streamId }) => {
      streams.close(streamId);
      return { ok: true as const };
    },
  };

  return {
    bus,
    problems,
    streams,
    router: (isTrusted) =>
      createRouter(handlers, {
        isTrusted,
        onInternalError: (channel, e) => console.error(redactSecrets(`[ipc] ${channel}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)),
      }),
    async close() {
      await streams.dispose();
      await demo?.close();
    },
  };
}
