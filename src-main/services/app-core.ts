// Composition root shared by Electron and host mode: opens storage, starts the demo while
// nothing is configured, creates one service per domain and merges their handlers for the
// router. Nothing here imports electron; safeStorage is passed in.
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { createDeviceAdapters } from '../devices/index.js';
import { EventBus } from '../ipc/event-bus.js';
import { createRouter, type Router } from '../ipc/router.js';
import type { SenderInfo } from '../ipc/sender.js';
import { logger } from '../base/log/index.js';
import type { Problem } from '../common/contract/index.js';
import { openKeyFileVault, openSafeStorageVault, openSkywallStore, type SafeStorageLike } from '../storage/index.js';
import { appHandlers } from './app/handlers.js';
import { auditHandlers } from './audit/handlers.js';
import { createAuditService, type AuditService } from './audit/service.js';
import { createAppService, type AppService } from './app/service.js';
import { composeHandlers } from './compose.js';
import { demoWanted, fillFirstWallWithDemo, startDemoDevices, type RunningDemo } from './devices/demo-devices.js';
import { devicesHandlers } from './devices/handlers.js';
import { exportHandlers } from './export/handlers.js';
import { healthHandlers } from './health/handlers.js';
import { importHandlers } from './import/handlers.js';
import { createImportService } from './import/import-service.js';
import { createHealthService } from './health/service.js';
import { createExportService } from './export/service.js';
import { recorderSources } from './export/recorder-source.js';
import { describeFromDevices, streamsWithReplayBuffers } from './export/stream-watch.js';
import { createDevicesService, publishDeviceChanges, type DemoDevices } from './devices/service.js';
import { platformsHandlers } from './platforms/handlers.js';
import { createPlatformsService } from './platforms/service.js';
import { ptzHandlers } from './ptz/handlers.js';
import { ptzRoutes } from './ptz/route.js';
import { createPtzService, type PtzService } from './ptz/service.js';
import { settingsHandlers } from './settings/handlers.js';
import { createSettingsService } from './settings/service.js';
import { streamHandlers } from './stream/handlers.js';
import { auditLoginLockouts } from './stream/lockout-audit.js';
import { keepLoginRefusals } from './devices/login-refusals.js';
import { createConnectionCheck } from './devices/connection-check.js';
import { createStreamService, type StreamService } from './stream/service.js';
import { createSnapshotWriter } from './stream/snapshots.js';
import { wallsHandlers } from './walls/handlers.js';
import { createWallSetService } from './walls/scenes.js';
import { createWallsService } from './walls/service.js';

export interface AppCoreOptions {
  mode: 'electron' | 'host';
  dataDir: string;
  version: string;
  /** Electron's safeStorage; host mode uses a key file. */
  safeStorage?: SafeStorageLike;
  /** The system's folder picker (Electron's dialog); host mode has none and the folder is typed. */
  pickFolder?: (title: string) => Promise<string | undefined>;
  /** Start the built-in demo camera when nothing is configured (default true). */
  demo?: boolean;
}

export interface AppCore {
  bus: EventBus;
  app: AppService;
  audit: AuditService;
  streams: StreamService;
  ptz: PtzService;
  router(isTrusted: (s: SenderInfo) => boolean): Router;
  close(): Promise<void>;
}

const ipcLog = logger('ipc');
const exportLog = logger('export');
const auditLog = logger('audit');
const storageLog = logger('storage');
const NO_DEMO: DemoDevices = { records: () => [], password: () => undefined };

export async function createAppCore(opts: AppCoreOptions): Promise<AppCore> {
  mkdirSync(opts.dataDir, { recursive: true });
  const vault = opts.safeStorage
    ? await openSafeStorageVault({ dir: opts.dataDir, safeStorage: opts.safeStorage })
    : await openKeyFileVault({ dir: opts.dataDir });
  // A failed save (disk full, read-only) is told to the operator once; the wall keeps working from memory.
  let report: ((problem: Omit<Problem, 'at'>) => void) | undefined = undefined;
  const savesFailedEarly: Problem[] = [];
  const onSaveFailed = (e: unknown): void => {
    storageLog.error('settings, devices and walls could not be saved; working from memory', e);
    const problem = { code: 'storage_save_failed', params: { dir: opts.dataDir } };
    if (report) report(problem);
    else savesFailedEarly.push({ ...problem, at: new Date().toISOString() });
  };
  const { store, problems } = await openSkywallStore({ dir: opts.dataDir, vault, backend: opts.mode === 'electron' ? 'electron-store' : 'conf', onSaveFailed });
  const bus = new EventBus();

  let demo: RunningDemo | undefined;
  if (opts.demo !== false && demoWanted(store)) {
    demo = await startDemoDevices();
    fillFirstWallWithDemo(store);
  }
  const app = createAppService({ mode: opts.mode, version: opts.version, problems: [...problems, ...savesFailedEarly], bus });
  report = (problem) => app.report(problem);
  const audit = await createAuditService({
    dir: opts.dataDir,
    bus,
    onAppendFailed: (kind, e) => {
      auditLog.error(`${kind} not recorded: ${e instanceof Error ? e.message : String(e)}`);
      app.report({ code: 'audit_append_failed', params: { kind } });
    },
  });
  const settings = createSettingsService(store, bus);
  // Host mode serves tests and development: its scans stay on loopback (the demo devices).
  const check = createConnectionCheck({ discoveryTargets: () => demo?.discoveryTargets ?? [], multicast: opts.mode === 'electron' });
  const devices = createDevicesService(store, vault, demo ?? NO_DEMO, audit, check);
  publishDeviceChanges(store, devices, bus);
  const walls = createWallsService(store, bus, audit);
  // Services reach devices only through their adapters; the demo's adapter needs its ports.
  const adapters = createDeviceAdapters(demo ? { demo: demo.ports } : {});
  const streams = await createStreamService({ devices, adapters, bus });
  // A device whose credentials changed reconnects its streams now (lifting an auth refusal).
  store.onDidChange('devices', () => void streams.refreshCredentials());
  // Evidence export: a replay buffer per watched camera stream.
  const exports = await createExportService({
    audit,
    hub: streams.hub,
    dataDir: opts.dataDir,
    vault,
    appVersion: opts.version,
    operator: () => userInfo().username,
    describe: describeFromDevices(devices),
    recorder: recorderSources(devices, adapters),
    ...(opts.pickFolder ? { pickFolder: opts.pickFolder } : {}),
  });
  exports.onProgress((p) => bus.emit('sw:export:onDidProgress', p));
  exports.onHistory((e) => bus.emit('sw:export:onDidChangeHistory', e));
  exports.onDrives((listing) => bus.emit('sw:export:onDidChangeDrives', listing));
  const watchedStreams = streamsWithReplayBuffers(streams, exports, (e) => exportLog.error('replay buffer', e));
  auditLoginLockouts(streams.hub, devices, audit);
  keepLoginRefusals(streams.hub, devices);
  // PTZ: a restarted host first stops cameras a killed one left moving.
  const ptzRouting = ptzRoutes(devices, adapters);
  store.onDidChange('devices', () => ptzRouting.forget());
  const ptz = await createPtzService({ dataDir: opts.dataDir, route: ptzRouting.route, audit, emit: (s) => bus.emit('sw:ptz:onDidChangeState', s) });
  // Device health: periodic checks spread over the interval, never a login.
  const health = await createHealthService({ devices, hub: streams.hub, bus, dataDir: opts.dataDir });
  store.onDidChange('devices', () => void health.devicesChanged());

  // Bulk import: rows read in main, progress to every window.
  const imports = createImportService({ devices, stored: () => store.listDevices(), audit, emit: (p) => bus.emit('sw:import:onDidProgress', p) });

  const handlers = composeHandlers({
    app: appHandlers(app),
    settings: settingsHandlers(settings),
    devices: devicesHandlers(devices),
    walls: wallsHandlers(walls, createWallSetService(store, bus, audit)),
    stream: streamHandlers(watchedStreams, createSnapshotWriter({ dataDir: opts.dataDir, audit })),
    export: exportHandlers(exports),
    audit: auditHandlers(audit),
    ptz: ptzHandlers(ptz),
    platforms: platformsHandlers(createPlatformsService(devices, adapters)),
    health: healthHandlers(health),
    import: importHandlers(imports),
  });

  return {
    bus,
    app,
    audit,
    streams,
    ptz,
    router: (isTrusted) =>
      createRouter(handlers, {
        isTrusted,
        onInternalError: (channel, e) => ipcLog.error(channel, e),
      }),
    async close() {
      // Every moving camera is stopped before anything else goes away.
      await ptz.dispose();
      health.close();
      imports.close();
      await exports.dispose();
      await streams.dispose();
      await demo?.close();
      await audit.close();
    },
  };
}
