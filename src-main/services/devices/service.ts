import { randomUUID } from 'node:crypto';
import type { DeviceInput, DeviceTestRequest, DeviceTestResult, DeviceUpdate, DeviceView, FoundDevice } from '../../common/contract/index.js';
import { guessCategory } from '../../common/model/device.js';
import { SkywallError } from '../../common/model/errors.js';
import type { EventBus } from '../../ipc/event-bus.js';
import type { CredentialVault, DeviceRecord, SkywallStore } from '../../storage/index.js';
import type { AuditRecorder } from '../audit/service.js';
import { camerasFromIsapi, camerasFromProbe, createConnectionCheck, type ConnectionCheck } from './connection-check.js';

export interface ResolvedCamera {
  device: DeviceRecord;
  cameraIndex: number;
  password?: string;
}

export interface DevicesService {
  list(): Promise<DeviceView[]>;
  add(input: DeviceInput): Promise<DeviceView>;
  /**
   * Adds devices that need no connection (by URL or vendor rules) in one change: a bulk import.
   * ONVIF inputs are refused here (they go through add, which asks the device). Not audited per
   * device: the import records one entry.
   */
  addMany(inputs: DeviceInput[]): Promise<DeviceRecord[]>;
  update(change: DeviceUpdate): Promise<DeviceView>;
  remove(id: string): Promise<void>;
  /** For the stream and PTZ services: a camera with its device and secret. Never sent to the renderer. */
  resolveCamera(cameraId: string): Promise<ResolvedCamera | undefined>;
  /** A stored device with its secret, for the platforms service. Never sent to the renderer. */
  resolveDevice(deviceId: string): Promise<{ device: DeviceRecord; password?: string } | undefined>;
  /**
   * The lockout guard: the device refused its stored credentials. Kept in the device record (so it
   * survives a restart) until the operator edits its credentials or address. No-op for the demo.
   */
  noteLoginRefused(deviceId: string, at?: Date): Promise<void>;
  /** The add dialog's connection test: names what failed, or lists what the device has. */
  test(req: DeviceTestRequest): Promise<DeviceTestResult>;
  /** ONVIF devices that answer a WS-Discovery probe, marked when added already. */
  scan(): Promise<FoundDevice[]>;
}

export interface DemoDevices {
  records(): DeviceRecord[];
  password(deviceId: string): string | undefined;
}

/** Fields of a device an edit can change, other than its credentials. */
const PLAIN_FIELDS = ['name', 'category', 'host', 'port', 'rtspPort', 'area', 'cameras', 'maxStreams', 'maxBitrateKbps', 'https', 'tlsPinSha256'] as const;

/** Fields an edit clears with null. */
const CLEARABLE = ['rtspPort', 'maxStreams', 'maxBitrateKbps', 'tlsPinSha256'] as const;

function cameraIds(d: DeviceRecord): string[] {
  return d.cameras.map((c) => c.id);
}

/**
 * Configured devices, and the demo devices while the demo runs (it starts while nothing is
 * configured or a wall still shows a demo camera): adding the first camera neither removes the
 * demo nor blanks the wall. Every change is recorded in the audit log, credentials without their value.
 */
export function createDevicesService(
  store: SkywallStore,
  vault: CredentialVault,
  demo: DemoDevices,
  audit: AuditRecorder,
  check: ConnectionCheck = createConnectionCheck(),
): DevicesService {
  /** Stored and built-in devices, for "added already" in a scan. */
  const known = (): DeviceRecord[] => [...store.listDevices(), ...demo.records()];

  /** An ONVIF device added by address: its channels, information and clock come from the device, or it is not added. */
  const importOnvif = async (record: DeviceRecord, password: string | undefined): Promise<DeviceRecord> => {
    const { result, device } = await check.test({ kind: 'onvif', host: record.host, port: record.port, ...(record.username ? { username: record.username } : {}), ...(password ? { password } : {}) });
    if (!result.ok || !device) {
      const code = result.ok ? 'protocol' : result.failure === 'wrong_password' ? 'auth_failed' : result.failure === 'unreachable' || result.failure === 'timeout' ? result.failure : 'protocol';
      throw new SkywallError(code, 'the device could not be added', { failure: result.ok ? 'not_onvif' : result.failure, host: record.host, port: record.port });
    }
    const cameras = camerasFromProbe(record.id, device);
    return {
      ...record,
      cameras,
      category: record.category ?? (cameras.length > 1 ? 'nvr' : 'camera'),
      ...(Object.keys(result.info).length > 0 ? { info: result.info } : {}),
      clock: { offsetMs: result.clockOffsetMs ?? 0, checkedAt: new Date().toISOString() },
    };
  };
  /** A Hikvision device added by address: its channels and information listed over ISAPI, or it is not added. */
  const importHikvision = async (record: DeviceRecord, password: string | undefined): Promise<DeviceRecord> => {
    const { result, isapi } = await check.test({ kind: 'hikvision', host: record.host, port: record.port, ...(record.username ? { username: record.username } : {}), ...(password ? { password } : {}) });
    if (!result.ok || !isapi) {
      const failure = result.ok ? 'not_isapi' : result.failure;
      const code = failure === 'wrong_password' ? 'auth_failed' : failure === 'unreachable' || failure === 'timeout' ? failure : 'protocol';
      throw new SkywallError(code, 'the device could not be added', { failure, host: record.host, port: record.port });
    }
    const cameras = camerasFromIsapi(record.id, isapi);
    return { ...record, cameras, category: record.category ?? (cameras.length > 1 ? 'nvr' : 'camera'), info: isapi.info };
  };
  const demoView = (d: DeviceRecord): DeviceView => ({ ...d, hasPassword: demo.password(d.id) !== undefined });

  /** A new stored record for an input (ids made here, password left out). */
  const newRecord = (input: DeviceInput): DeviceRecord => {
    const { password: _password, category, area, ...rest } = input;
    return { ...rest, id: `dev-${randomUUID()}`, demo: false, ...(category ? { category } : {}), area: area ?? [] };
  };

  return {
    list: async () => [...(await store.listDeviceViews()), ...demo.records().map(demoView)],
    async add(input) {
      const { password } = input;
      let record = newRecord(input);
      if (input.kind === 'onvif' && input.cameras.length === 0) record = await importOnvif(record, password);
      if (input.kind === 'hikvision' && input.cameras.length === 0) record = await importHikvision(record, password);
      record.category ??= guessCategory(input.kind, record.cameras.length);
      const saved = await store.upsertDevice(record, password ? { password } : {});
      const view = await store.toDeviceView(saved);
      await audit.record({
        kind: 'device.add',
        target: { id: saved.id, name: saved.name },
        details: { deviceKind: saved.kind, host: saved.host, port: saved.port, username: saved.username ?? null, hasPassword: view.hasPassword, cameras: cameraIds(saved) },
      });
      return view;
    },
    async addMany(inputs) {
      const passwords = new Map<string, string>();
      const records = inputs.map((input) => {
        if ((input.kind === 'onvif' || input.kind === 'hikvision') && input.cameras.length === 0) throw new SkywallError('bad_payload', 'a device whose channels are asked of it is added one at a time');
        const record = newRecord(input);
        record.category ??= guessCategory(input.kind, record.cameras.length);
        if (input.password) passwords.set(record.id, input.password);
        return record;
      });
      return store.addDevices(records, passwords);
    },
    async update(change) {
      const before = store.getDevice(change.id);
      if (!before) throw new SkywallError('not_found', 'no such device', { id: change.id });
      const { id, password, username, ...plain } = change;
      const next: DeviceRecord = { ...before, ...Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined && v !== null)) };
      for (const field of CLEARABLE) if (plain[field] === null) delete next[field];
      if (username !== undefined) {
        if (username === '') delete next.username;
        else next.username = username;
      }
      // New credentials (or a new address) end the lockout for this device alone: its next login may try them.
      const credentialsChanged = password !== undefined || (next.username ?? '') !== (before.username ?? '');
      if (credentialsChanged || next.host !== before.host || next.port !== before.port) delete next.loginRefused;
      const hadPassword = await vault.has(id);
      const saved = await store.upsertDevice(next, password !== undefined ? { password } : {});
      const target = { id, name: saved.name };
      const changed = PLAIN_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(saved[f]));
      if (changed.length > 0) {
        await audit.record({
          kind: 'device.update',
          target,
          details: { changed: [...changed], ...(changed.includes('name') ? { previousName: before.name } : {}), host: saved.host, port: saved.port, cameras: cameraIds(saved) },
        });
      }
      const usernameChanged = (before.username ?? '') !== (saved.username ?? '');
      if (usernameChanged || password !== undefined) {
        const passwordChange = password === null ? (hadPassword ? 'removed' : 'unchanged') : password === undefined ? 'unchanged' : hadPassword ? 'replaced' : 'set';
        await audit.record({
          kind: 'device.credentials',
          target,
          details: { previousUsername: before.username ?? null, username: saved.username ?? null, passwordChange },
        });
      }
      return store.toDeviceView(saved);
    },
    async remove(id) {
      const before = store.getDevice(id);
      if (!before || !(await store.removeDevice(id))) throw new SkywallError('not_found', 'no such device', { id });
      await audit.record({ kind: 'device.remove', target: { id, name: before.name }, details: { host: before.host, port: before.port, cameras: cameraIds(before) } });
    },
    async noteLoginRefused(deviceId, at = new Date()) {
      const device = store.getDevice(deviceId);
      if (!device || device.loginRefused) return;
      await store.upsertDevice({ ...device, loginRefused: { at: at.toISOString() } });
    },
    async test(req) {
      const stored = req.id ? store.getDevice(req.id) : undefined;
      // An edit that keeps the stored password, of a device that refused it: do not ask again.
      if (stored?.loginRefused && req.password === undefined && (req.username ?? stored.username ?? '') === (stored.username ?? '') && req.host === stored.host && req.port === stored.port) {
        return { ok: false, failure: 'refused_before' };
      }
      const password = req.password ?? (stored ? await vault.get(stored.id) : undefined);
      return (await check.test({ ...req, ...(password !== undefined ? { password } : {}) })).result;
    },
    scan: () => check.scan(known()),
    async resolveDevice(deviceId) {
      const device = store.getDevice(deviceId);
      if (!device) return undefined;
      const password = await vault.get(device.id);
      return password === undefined ? { device } : { device, password };
    },
    async resolveCamera(cameraId) {
      const devices = [...store.listDevices(), ...demo.records()];
      for (const device of devices) {
        const cameraIndex = device.cameras.findIndex((c) => c.id === cameraId);
        if (cameraIndex < 0) continue;
        const password = device.demo ? demo.password(device.id) : await vault.get(device.id);
        return password === undefined ? { device, cameraIndex } : { device, cameraIndex, password };
      }
      return undefined;
    },
  };
}

/** Every stored device change goes to all windows as the list the operator sees. */
export function publishDeviceChanges(store: SkywallStore, devices: DevicesService, bus: EventBus): void {
  store.onDidChange('devices', () => void devices.list().then((d) => bus.emit('sw:devices:onDidChange', d)));
}
