import type { DeviceInput, DeviceTestRequest, DeviceTestResult, DeviceUpdate, DeviceView, FoundDevice } from '@common/contract/index.js';
import { call, subscribe } from './bridge.js';
import type { Unsubscribe } from './sync.js';

export const devicesService = {
  list: (): Promise<DeviceView[]> => call('sw:devices:list', {}),
  /** Throws a ContractError the form words for the operator. */
  add: (input: DeviceInput): Promise<DeviceView> => call('sw:devices:add', input),
  /** Throws a ContractError (not_found, a refused name...). */
  update: (change: DeviceUpdate): Promise<DeviceView> => call('sw:devices:update', change),
  /** A connection test: the result names what failed. */
  test: (req: DeviceTestRequest): Promise<DeviceTestResult> => call('sw:devices:test', req),
  /** ONVIF devices that answer a discovery probe (a few seconds). */
  scan: (): Promise<FoundDevice[]> => call('sw:devices:scan', {}),
  remove: async (id: string): Promise<void> => {
    await call('sw:devices:remove', { id });
  },
  onChange: (listener: (devices: DeviceView[]) => void): Unsubscribe => subscribe('sw:devices:onDidChange', listener),
};
