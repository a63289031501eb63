import type { Camera, DeviceKind, Settings, Wall } from '../common/contract/index.js';

/** A device as persisted: like DeviceView but without hasPassword (the vault knows that). */
export interface DeviceRecord {
  id: string;
  name: string;
  kind: DeviceKind;
  host: string;
  port: number;
  username?: string | undefined;
  demo: boolean;
  cameras: Camera[];
}

/** What services need from persistence. src-main/storage provides it. */
export interface Repository {
  getSettings(): Settings;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  listDevices(): DeviceRecord[];
  upsertDevice(device: DeviceRecord): Promise<void>;
  removeDevice(id: string): Promise<void>;
  listWalls(): Wall[];
  saveWall(wall: Wall): Promise<Wall>;
}

export interface SecretStore {
  get(id: string): Promise<string | undefined>;
  set(id: string, secret: string): Promise<void>;
  delete(id: string): Promise<void>;
}
