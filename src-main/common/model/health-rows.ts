// What is down, as rows sorted by area: the health view and the CSV show the same list. A device
// that is down is one row (its channels go with it); a device that is up lists its channels that
// are down.
import type { DeviceHealth, HealthState } from '../contract/health.js';

export interface HealthRow {
  area: readonly string[];
  deviceId: string;
  device: string;
  host: string;
  /** Absent on a device row. */
  channel?: { cameraId: string; name: string };
  /** Channels of the device (for "all N" on a device row). */
  channelCount: number;
  state: HealthState;
  since?: string | undefined;
  reason?: string | undefined;
}

export function isDown(state: HealthState): boolean {
  return state === 'offline' || state === 'auth_failed';
}

/** Area first (county, township, village, site), then name; a township's own before its villages', unplaced last. */
export function compareByArea(locale: string): (a: { area: readonly string[]; name: string }, b: { area: readonly string[]; name: string }) => number {
  const collator = new Intl.Collator(locale === 'zh-CN' ? 'zh-CN' : 'en', { numeric: true });
  return (a, b) => {
    if ((a.area.length === 0) !== (b.area.length === 0)) return a.area.length === 0 ? 1 : -1;
    for (let i = 0; i < Math.max(a.area.length, b.area.length); i++) {
      const x = a.area[i];
      const y = b.area[i];
      if (x === y) continue;
      if (x === undefined) return -1;
      if (y === undefined) return 1;
      return collator.compare(x, y);
    }
    return collator.compare(a.name, b.name);
  };
}

export function healthRows(devices: readonly DeviceHealth[], locale: string, all = false): HealthRow[] {
  const order = compareByArea(locale);
  const rows: HealthRow[] = [];
  for (const d of [...devices].sort(order)) {
    const base = { deviceId: d.deviceId, device: d.name, host: d.host, channelCount: d.channels.length };
    if (isDown(d.state) || all) {
      rows.push({ ...base, area: d.area, state: d.state, since: d.since, reason: d.reason });
      if (isDown(d.state)) continue;
    }
    for (const c of [...d.channels].sort(order)) {
      if (!all && !isDown(c.state)) continue;
      rows.push({ ...base, area: c.area, channel: { cameraId: c.cameraId, name: c.name }, state: c.state, since: c.since, reason: c.reason });
    }
  }
  return rows;
}
