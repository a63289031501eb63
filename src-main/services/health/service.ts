// Device health: checks spread over the interval with a concurrency cap (devices/health), what
// the streams say folded in, changes pushed to every window, and the list written as CSV.
import { existsSync } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { HealthExportRequest, HealthSnapshot } from '../../common/contract/index.js';
import { SkywallError } from '../../common/model/errors.js';
import { parseSourceKey } from '../../common/model/source-key.js';
import { HealthMonitor, HealthScheduler, healthCsv, type Endpoint, type ProbeResult } from '../../devices/health/index.js';
import type { EventBus } from '../../ipc/event-bus.js';
import type { HubStatus } from '../../media/hub/index.js';
import type { DevicesService } from '../devices/service.js';

export interface HealthService {
  snapshot(): HealthSnapshot;
  checkNow(deviceId?: string): Promise<void>;
  exportCsv(req: HealthExportRequest): Promise<{ path: string; rows: number }>;
  /** Stored devices changed: re-read them (an edited device is checked again at once). */
  devicesChanged(): Promise<void>;
  monitor: HealthMonitor;
  scheduler: HealthScheduler;
  close(): void;
}

export interface HealthServiceOptions {
  devices: Pick<DevicesService, 'list'>;
  hub: { onStatus(cb: (s: HubStatus) => void): unknown };
  bus: EventBus;
  dataDir: string;
  /** Every device once per interval (default 5 minutes). */
  intervalMs?: number;
  /** Checks at once (default 4). */
  concurrency?: number;
  timeoutMs?: number;
  probe?: (e: Endpoint) => Promise<ProbeResult>;
}

export const DEFAULT_HEALTH_INTERVAL_MS = 5 * 60_000;
export const DEFAULT_HEALTH_CONCURRENCY = 4;

function defaultFolder(dataDir: string): string {
  const downloads = path.join(homedir(), 'Downloads');
  return existsSync(downloads) ? downloads : dataDir;
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export async function createHealthService(opts: HealthServiceOptions): Promise<HealthService> {
  const intervalMs = opts.intervalMs ?? DEFAULT_HEALTH_INTERVAL_MS;
  const concurrency = opts.concurrency ?? DEFAULT_HEALTH_CONCURRENCY;
  const monitor = new HealthMonitor({
    devices: async () => (await opts.devices.list()).map(({ hasPassword: _hasPassword, ...record }) => record),
    ...(opts.probe ? { probe: opts.probe } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  });
  monitor.onChange((changed) => opts.bus.emit('sw:health:onDidChange', changed));
  opts.hub.onStatus((s) => {
    const key = parseSourceKey(s.key);
    if (key && key.variant === 'direct') monitor.observe(key.cameraId, s.state);
  });
  await monitor.refresh();
  const scheduler = new HealthScheduler({ intervalMs, concurrency, ids: () => monitor.ids(), check: (id) => monitor.check(id) });
  scheduler.start();

  return {
    monitor,
    scheduler,
    snapshot: () => ({ devices: monitor.list(), intervalMs, concurrency }),
    async checkNow(deviceId) {
      if (deviceId !== undefined && !monitor.ids().includes(deviceId)) throw new SkywallError('not_found', 'no such device', { id: deviceId });
      scheduler.checkNow(deviceId);
    },
    async exportCsv(req) {
      const folder = req.folder ?? defaultFolder(opts.dataDir);
      const info = await stat(folder).catch(() => undefined);
      if (!info?.isDirectory()) throw new SkywallError('not_found', 'the folder does not exist', { path: folder });
      const csv = healthCsv(monitor.list(), req.locale, req.all === true);
      const name = `${req.locale === 'zh-CN' ? '设备健康' : 'device-health'}-${stamp(new Date())}.csv`;
      const file = path.join(folder, name);
      try {
        await writeFile(file, csv.text, { encoding: 'utf8', flag: 'wx' });
      } catch (e) {
        throw new SkywallError('storage', `cannot write ${file}: ${(e as Error).message}`, { path: file });
      }
      return { path: file, rows: csv.rows };
    },
    async devicesChanged() {
      const before = new Map(monitor.list().map((d) => [d.deviceId, d]));
      await monitor.refresh();
      // A new or edited device (address, credentials) is checked now rather than in its turn.
      for (const d of monitor.list()) {
        const old = before.get(d.deviceId);
        if (!old || old.host !== d.host || old.state === 'auth_failed') scheduler.checkNow(d.deviceId);
      }
    },
    close: () => scheduler.stop(),
  };
}
