// In-memory copy of skywall.json with validated mutations. Every change is validated against the
// whole-document schema, written atomically, then applied in memory and announced. A write that
// fails (disk full, read-only, removed) does not lose the change: it is applied in memory all the
// same, the failure is reported once, and the next change writes the whole document again.
import { z } from 'zod';
import type { DeviceView } from '../common/contract/devices.js';
import { Settings, SettingsPatch } from '../common/contract/settings.js';
import { CustomLayout, MAX_CUSTOM_LAYOUTS, Scene, Wall, WallsSnapshot } from '../common/contract/walls.js';
import { SkywallError } from '../common/model/errors.js';
import { ChangeListeners } from './change-listeners.js';
import type { DocumentStore } from './document-store.js';
import { DeviceRecord, DeviceRecordInput, SkywallDoc } from './schema.js';
import type { CredentialVault } from './vault/credential-vault.js';

export type ChangeKind = 'settings' | 'devices' | 'walls' | 'layouts' | 'scenes';
export interface ChangePayloads extends Record<string, unknown> {
  settings: Settings;
  devices: DeviceRecord[];
  walls: Wall[];
  layouts: CustomLayout[];
  scenes: Scene[];
}

export interface UpsertDeviceOptions {
  /** A string stores/replaces the password in the vault; null removes it; undefined leaves it. */
  password?: string | null;
}

function badPayload(what: string, error: z.ZodError): SkywallError {
  // zod messages name paths and expectations, not the offending values.
  return new SkywallError('bad_payload', `invalid ${what}: ${z.prettifyError(error)}`);
}

export class SkywallStore {
  readonly #docs: DocumentStore;
  readonly #vault: CredentialVault;
  readonly #listeners: ChangeListeners<ChangePayloads>;
  readonly #onSaveFailed: (e: unknown) => void;
  #doc: SkywallDoc;
  /** True from a failed write until a write succeeds: one report per episode, not per change. */
  #saveFailing = false;

  constructor(docs: DocumentStore, vault: CredentialVault, doc: SkywallDoc, onListenerError: (e: unknown) => void, onSaveFailed: (e: unknown) => void = () => undefined) {
    this.#docs = docs;
    this.#vault = vault;
    this.#doc = doc;
    this.#listeners = new ChangeListeners(onListenerError);
    this.#onSaveFailed = onSaveFailed;
  }

  /** True while the last write of skywall.json failed: what is shown lives in memory only. */
  get unsaved(): boolean {
    return this.#saveFailing;
  }

  /** Absolute path of skywall.json. */
  get path(): string {
    return this.#docs.path;
  }

  getSettings(): Settings {
    return structuredClone(this.#doc.settings);
  }

  updateSettings(patch: z.input<typeof SettingsPatch>): Settings {
    const parsed = SettingsPatch.safeParse(patch);
    if (!parsed.success) throw badPayload('settings patch', parsed.error);
    const merged = Settings.safeParse({ ...this.#doc.settings, ...stripUndefined(parsed.data) });
    if (!merged.success) throw badPayload('settings', merged.error);
    this.#commit({ ...this.#doc, settings: merged.data }, ['settings']);
    return this.getSettings();
  }

  listDevices(): DeviceRecord[] {
    return structuredClone(this.#doc.devices);
  }

  getDevice(id: string): DeviceRecord | undefined {
    const d = this.#doc.devices.find((x) => x.id === id);
    return d ? structuredClone(d) : undefined;
  }

  /** Inserts or replaces by id. A record carrying `password` (or any unknown key) is refused. */
  async upsertDevice(record: DeviceRecord, options: UpsertDeviceOptions = {}): Promise<DeviceRecord> {
    const parsed = DeviceRecordInput.safeParse(record);
    if (!parsed.success) throw badPayload('device record', parsed.error);
    const device = parsed.data;
    const taken = new Set(this.#doc.devices.filter((d) => d.id !== device.id).flatMap((d) => d.cameras.map((c) => c.id)));
    const clash = device.cameras.find((c) => taken.has(c.id));
    if (clash) throw new SkywallError('conflict', `camera id ${clash.id} already belongs to another device`, { cameraId: clash.id });
    // Vault first: a device must never be saved pointing at a password that failed to store.
    if (typeof options.password === 'string') await this.#vault.set(device.id, options.password);
    else if (options.password === null) await this.#vault.delete(device.id);
    const devices = this.#doc.devices.some((d) => d.id === device.id)
      ? this.#doc.devices.map((d) => (d.id === device.id ? device : d))
      : [...this.#doc.devices, device];
    this.#commit({ ...this.#doc, devices }, ['devices']);
    return structuredClone(device);
  }

  /**
   * Adds new devices in one change (a bulk import): one write of skywall.json and one of the
   * vault, however many there are. An id already stored, or a camera id taken, refuses them all.
   */
  async addDevices(records: DeviceRecord[], passwords: ReadonlyMap<string, string> = new Map()): Promise<DeviceRecord[]> {
    const devices: DeviceRecord[] = [];
    for (const record of records) {
      const parsed = DeviceRecordInput.safeParse(record);
      if (!parsed.success) throw badPayload('device record', parsed.error);
      devices.push(parsed.data);
    }
    const ids = new Set(this.#doc.devices.map((d) => d.id));
    const taken = new Set(this.#doc.devices.flatMap((d) => d.cameras.map((c) => c.id)));
    for (const device of devices) {
      if (ids.has(device.id)) throw new SkywallError('conflict', `device id ${device.id} is taken`, { id: device.id });
      ids.add(device.id);
      for (const c of device.cameras) {
        if (taken.has(c.id)) throw new SkywallError('conflict', `camera id ${c.id} already belongs to another device`, { cameraId: c.id });
        taken.add(c.id);
      }
    }
    const added = new Set(devices.map((d) => d.id));
    await this.#vault.setMany([...passwords].filter(([id]) => added.has(id)));
    this.#commit({ ...this.#doc, devices: [...this.#doc.devices, ...devices] }, ['devices']);
    return structuredClone(devices);
  }

  /** Removes the device and its vault entry. Returns false if there was no such device. */
  async removeDevice(id: string): Promise<boolean> {
    if (!this.#doc.devices.some((d) => d.id === id)) return false;
    this.#commit({ ...this.#doc, devices: this.#doc.devices.filter((d) => d.id !== id) }, ['devices']);
    await this.#vault.delete(id);
    return true;
  }

  /** The renderer-facing view of a device (`hasPassword` from the vault; never the password). */
  async toDeviceView(record: DeviceRecord): Promise<DeviceView> {
    return { ...structuredClone(record), hasPassword: await this.#vault.has(record.id) };
  }

  async listDeviceViews(): Promise<DeviceView[]> {
    return Promise.all(this.#doc.devices.map((d) => this.toDeviceView(d)));
  }

  listWalls(): Wall[] {
    return structuredClone(this.#doc.walls);
  }

  getWall(id: string): Wall | undefined {
    const w = this.#doc.walls.find((x) => x.id === id);
    return w ? structuredClone(w) : undefined;
  }

  /** Inserts or replaces by id. */
  saveWall(wall: z.input<typeof Wall>): Wall {
    const parsed = Wall.safeParse(wall);
    if (!parsed.success) throw badPayload('wall', parsed.error);
    const w = parsed.data;
    const walls = this.#doc.walls.some((x) => x.id === w.id) ? this.#doc.walls.map((x) => (x.id === w.id ? w : x)) : [...this.#doc.walls, w];
    this.#commit({ ...this.#doc, walls }, ['walls']);
    return structuredClone(w);
  }

  /** Removes a wall and any display assignment pointing at it. Returns false if absent. */
  removeWall(id: string): boolean {
    if (!this.#doc.walls.some((w) => w.id === id)) return false;
    const displayWalls = Object.fromEntries(Object.entries(this.#doc.settings.displayWalls).filter(([, wallId]) => wallId !== id));
    const settingsChanged = Object.keys(displayWalls).length !== Object.keys(this.#doc.settings.displayWalls).length;
    this.#commit(
      { ...this.#doc, walls: this.#doc.walls.filter((w) => w.id !== id), settings: { ...this.#doc.settings, displayWalls } },
      settingsChanged ? ['walls', 'settings'] : ['walls'],
    );
    return true;
  }

  listLayouts(): CustomLayout[] {
    return structuredClone(this.#doc.layouts ?? []);
  }

  /** Inserts or replaces a custom layout by id; a name another layout already has is refused. */
  saveLayout(layout: z.input<typeof CustomLayout>): CustomLayout {
    const parsed = CustomLayout.safeParse(layout);
    if (!parsed.success) throw badPayload('layout', parsed.error);
    const l = parsed.data;
    const layouts = this.#doc.layouts ?? [];
    const clash = layouts.find((x) => x.id !== l.id && x.name === l.name);
    if (clash) throw new SkywallError('conflict', 'another layout has this name', { name: l.name });
    const known = layouts.some((x) => x.id === l.id);
    if (!known && layouts.length >= MAX_CUSTOM_LAYOUTS) throw new SkywallError('conflict', 'too many custom layouts', { max: MAX_CUSTOM_LAYOUTS });
    const next = known ? layouts.map((x) => (x.id === l.id ? l : x)) : [...layouts, l];
    this.#commit({ ...this.#doc, layouts: next }, ['layouts']);
    return structuredClone(l);
  }

  /** Removes a custom layout. Returns false if absent. Walls showing it keep their cells. */
  removeLayout(id: string): boolean {
    const layouts = this.#doc.layouts ?? [];
    if (!layouts.some((l) => l.id === id)) return false;
    this.#commit({ ...this.#doc, layouts: layouts.filter((l) => l.id !== id) }, ['layouts']);
    return true;
  }

  listScenes(): Scene[] {
    return structuredClone(this.#doc.scenes ?? []);
  }

  /** Inserts or replaces a scene by id. */
  saveScene(scene: z.input<typeof Scene>): Scene {
    const parsed = Scene.safeParse(scene);
    if (!parsed.success) throw badPayload('scene', parsed.error);
    const sc = parsed.data;
    const scenes = this.#doc.scenes ?? [];
    const known = scenes.some((x) => x.id === sc.id);
    if (!known && scenes.length >= MAX_SCENES) throw new SkywallError('conflict', 'too many scenes', { max: MAX_SCENES });
    this.#commit({ ...this.#doc, scenes: known ? scenes.map((x) => (x.id === sc.id ? sc : x)) : [...scenes, sc] }, ['scenes']);
    return structuredClone(sc);
  }

  removeScene(id: string): Scene | undefined {
    const gone = (this.#doc.scenes ?? []).find((s) => s.id === id);
    if (!gone) return undefined;
    this.#commit({ ...this.#doc, scenes: (this.#doc.scenes ?? []).filter((s) => s.id !== id) }, ['scenes']);
    return structuredClone(gone);
  }

  /**
   * Walls of the snapshot replace the walls of the same id (or are added), and its displays show
   * its walls, in one atomic write. Walls it does not name stay. Answers what was there before.
   */
  applyWallsSnapshot(snapshot: z.input<typeof WallsSnapshot>): WallsSnapshot {
    const parsed = WallsSnapshot.safeParse(snapshot);
    if (!parsed.success) throw badPayload('walls snapshot', parsed.error);
    const { walls: incoming, displays } = parsed.data;
    const current = this.#doc.walls;
    const before: WallsSnapshot = { displays: structuredClone(this.#doc.settings.displayWalls), walls: structuredClone(current.filter((w) => incoming.some((x) => x.id === w.id))) };
    const walls = [...current.map((w) => incoming.find((x) => x.id === w.id) ?? w), ...incoming.filter((x) => !current.some((w) => w.id === x.id))];
    this.#commit({ ...this.#doc, walls, settings: { ...this.#doc.settings, displayWalls: { ...this.#doc.settings.displayWalls, ...displays } } }, ['walls', 'settings']);
    return before;
  }

  onDidChange<K extends ChangeKind>(kind: K, cb: (value: ChangePayloads[K]) => void): () => void {
    return this.#listeners.add(kind, cb);
  }

  #commit(next: SkywallDoc, changed: ChangeKind[]): void {
    const checked = SkywallDoc.safeParse(next);
    if (!checked.success) throw badPayload('change', checked.error);
    this.#save(checked.data);
    this.#doc = checked.data;
    for (const kind of changed) this.#listeners.emit(kind, () => structuredClone(this.#doc[kind] ?? []) as ChangePayloads[typeof kind]);
  }

  #save(doc: SkywallDoc): void {
    try {
      this.#docs.set(doc);
      this.#saveFailing = false;
    } catch (e) {
      if (!this.#saveFailing) this.#onSaveFailed(e);
      this.#saveFailing = true;
    }
  }
}

/** The most scenes kept. */
export const MAX_SCENES = 64;

function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
