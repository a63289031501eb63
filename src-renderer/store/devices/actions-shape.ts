// What the slice offers, apart from its implementation, so the store type can name it without importing the slice.
import type { DeviceInput, DeviceUpdate } from '@common/contract/index.js';
import type { Unsubscribe } from '../../services/sync.js';

export interface DevicesActions {
  followDevices(): Promise<Unsubscribe>;
  /** Throws a ContractError the form words for the operator. */
  addDevice(input: DeviceInput): Promise<void>;
  removeDevice(id: string): Promise<void>;
  /** Throws a ContractError the edit form words for the operator; camera ids stay. */
  updateDevice(change: DeviceUpdate): Promise<void>;
  /** Opens the edit form of a device (from the tree or a tile that says authentication failed). */
  openDeviceEditor(id: string): void;
  closeDeviceEditor(): void;
}
