import type { Req, Settings } from '@common/contract/index.js';
import { call, subscribe } from './bridge.js';
import type { Unsubscribe } from './sync.js';

export const settingsService = {
  get: (): Promise<Settings> => call('sw:settings:get', {}),
  update: (patch: Req<'sw:settings:update'>): Promise<Settings> => call('sw:settings:update', patch),
  onChange: (listener: (s: Settings) => void): Unsubscribe => subscribe('sw:settings:onDidChange', listener),
};
