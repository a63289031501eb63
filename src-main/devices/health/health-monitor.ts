// Health per device and channel: the result of the last check of each endpoint, what the streams
// that play say (a live stream proves its channel online; a refused login is auth_failed), and
// since when each state holds. A device whose credentials were refused (the lockout guard) is
// not dialled at all until they are edited: its state is auth_failed from the refusal's time.
import type { ChannelHealth, DeviceHealth, HealthState } from '../../common/contract/health.js';
import { cameraArea, type DeviceRecord } from '../../common/model/device.js';
import { deviceEndpoints } from './endpoints.js';
import { endpointKey, probeEndpoint, type Endpoint, type ProbeResult } from './probe.js';

export interface HealthMonitorOptions {
  /** The devices as stored now (with the demo ones while nothing is configured). */
  devices(): Promise<DeviceRecord[]>;
  /** Per endpoint check (default: probeEndpoint with timeoutMs). */
  probe?: (e: Endpoint) => Promise<ProbeResult>;
  timeoutMs?: number;
  now?: () => number;
}

type Observed = 'live' | 'auth_failed';

export interface HealthChange {
  changed: DeviceHealth[];
  removed: string[];
}

interface Held {
  state: HealthState;
  since: number;
  reason?: string | undefined;
}

export class HealthMonitor {
  private readonly results = new Map<string, ProbeResult & { at: number }>(); // by endpoint key
  private readonly observed = new Map<string, Observed>(); // by camera id
  private readonly held = new Map<string, Held>(); // by device id and `deviceId/cameraId`
  private readonly checked = new Map<string, number>(); // device id -> last check end
  private records = new Map<string, DeviceRecord>();
  private views = new Map<string, DeviceHealth>();
  private readonly listeners = new Set<(change: HealthChange) => void>();
  private readonly probe: (e: Endpoint) => Promise<ProbeResult>;
  private readonly now: () => number;

  constructor(private readonly opts: HealthMonitorOptions) {
    const timeoutMs = opts.timeoutMs ?? 3000;
    this.probe = opts.probe ?? ((e) => probeEndpoint(e, timeoutMs));
    this.now = opts.now ?? Date.now;
  }

  onChange(listener: (change: HealthChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ids(): string[] {
    return [...this.records.keys()];
  }

  list(): DeviceHealth[] {
    return [...this.views.values()];
  }

  /** Re-reads the devices: new ones start unknown, removed ones go, edited ones are recomputed. */
  async refresh(): Promise<void> {
    const next = new Map((await this.opts.devices()).map((d) => [d.id, d]));
    const removed: string[] = [];
    for (const id of this.records.keys()) {
      if (next.has(id)) continue;
      removed.push(id);
      this.views.delete(id);
      this.checked.delete(id);
      for (const k of [...this.held.keys()]) if (k === id || k.startsWith(`${id}/`)) this.held.delete(k);
    }
    this.records = next;
    this.recompute([...next.keys()], removed);
  }

  /** One check of one device; never logs in, and skips a device whose credentials were refused. */
  async check(deviceId: string): Promise<void> {
    const d = this.records.get(deviceId);
    if (!d) return;
    if (!d.loginRefused) {
      for (const e of deviceEndpoints(d).all) {
        const r = await this.probe(e);
        this.results.set(endpointKey(e), { ...r, at: this.now() });
      }
    }
    this.checked.set(deviceId, this.now());
    this.recompute([deviceId]);
  }

  /** What a stream of a camera said: live proves it online, auth_failed holds; anything else forgets. */
  observe(cameraId: string, state: string): void {
    const before = this.observed.get(cameraId);
    if (state === 'live' || state === 'auth_failed') this.observed.set(cameraId, state);
    else this.observed.delete(cameraId);
    if (before === this.observed.get(cameraId)) return;
    const owner = [...this.records.values()].find((d) => d.cameras.some((c) => c.id === cameraId));
    if (owner) this.recompute([owner.id]);
  }

  private recompute(ids: string[], removed: string[] = []): void {
    const changed: DeviceHealth[] = [];
    for (const id of ids) {
      const d = this.records.get(id);
      if (!d) continue;
      const view = this.viewOf(d);
      const before = this.views.get(id);
      this.views.set(id, view);
      // A check that changed nothing but its time is not news for the windows.
      if (!before || JSON.stringify({ ...before, checkedAt: undefined }) !== JSON.stringify({ ...view, checkedAt: undefined })) changed.push(view);
    }
    if (changed.length > 0 || removed.length > 0) for (const l of this.listeners) l({ changed, removed });
  }

  private viewOf(d: DeviceRecord): DeviceHealth {
    const endpoints = deviceEndpoints(d);
    const refusedAt = d.loginRefused ? Date.parse(d.loginRefused.at) : undefined;
    const channels: ChannelHealth[] = d.cameras.map((c) => {
      const e = endpoints.channels.get(c.id);
      const r = e ? this.results.get(endpointKey(e)) : undefined;
      const seen = this.observed.get(c.id);
      let next: Omit<Held, 'since'> & { since?: number };
      if (refusedAt !== undefined || seen === 'auth_failed') next = { state: 'auth_failed', reason: 'auth_failed', ...(refusedAt !== undefined ? { since: refusedAt } : {}) };
      else if (seen === 'live' || r?.ok) next = { state: 'online' };
      else if (r) next = { state: 'offline', reason: r.ok ? undefined : r.reason };
      else next = { state: 'unknown' };
      const held = this.hold(`${d.id}/${c.id}`, next);
      return { cameraId: c.id, name: c.name, area: cameraArea(d, c), state: held.state, ...times(held), ...(held.reason ? { reason: held.reason } : {}) };
    });
    let device: Omit<Held, 'since'> & { since?: number };
    if (refusedAt !== undefined) device = { state: 'auth_failed', reason: 'auth_failed', since: refusedAt };
    else if (channels.length === 0) {
      const r = endpoints.all[0] ? this.results.get(endpointKey(endpoints.all[0])) : undefined;
      device = !r ? { state: 'unknown' } : r.ok ? { state: 'online' } : { state: 'offline', reason: r.reason };
    } else if (channels.some((c) => c.state === 'online')) device = { state: 'online' };
    else if (channels.some((c) => c.state === 'auth_failed')) device = { state: 'auth_failed', reason: 'auth_failed' };
    else if (channels.every((c) => c.state === 'offline')) device = { state: 'offline', reason: channels[0]!.reason };
    else device = { state: 'unknown' };
    const held = this.hold(d.id, device);
    const checkedAt = this.checked.get(d.id);
    return {
      deviceId: d.id,
      name: d.name,
      kind: d.kind,
      host: d.host,
      area: d.area ?? [],
      state: held.state,
      ...times(held),
      ...(held.reason ? { reason: held.reason } : {}),
      ...(checkedAt !== undefined ? { checkedAt: new Date(checkedAt).toISOString() } : {}),
      channels,
    };
  }

  /** Keeps the time a state began: the same state keeps its `since`, a new one starts now (or at the given time). */
  private hold(key: string, next: Omit<Held, 'since'> & { since?: number }): Held {
    const before = this.held.get(key);
    const held: Held = before && before.state === next.state ? { ...before, reason: next.reason } : { state: next.state, since: next.since ?? this.now(), reason: next.reason };
    this.held.set(key, held);
    return held;
  }
}

function times(h: Held): { since?: string } {
  return h.state === 'unknown' ? {} : { since: new Date(h.since).toISOString() };
}
