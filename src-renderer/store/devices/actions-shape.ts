// What the slice offers, apart from its implementation, so the store type can name it without importing the slice.
import type { DeviceInput } from '@common/contract/index.js';
import type { Unsubscribe } from '../../services/sync.js';

export interface DevicesActions {
  followDevices(): Promise<Unsubscribe>;
  /** Throws a ContractError the form words for the operator. */
  addDevice(input: DeviceInput): Promise<void>;
  removeDevice(id: string): Promise<void>;
}
