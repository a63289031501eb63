import type { AppInfo, Problem } from '@common/contract/index.js';
import { call, subscribe, watchConnection } from './bridge.js';
import type { Unsubscribe } from './sync.js';

/** Who the app is and what went wrong at start-up or since. */
export const appService = {
  getInfo: (): Promise<AppInfo> => call('sw:app:getInfo', {}),
  onProblem: (listener: (p: Problem) => void): Unsubscribe => subscribe('sw:app:onDidReportProblem', listener),
  /** False when main goes away, true when this page is connected to it again (host mode). */
  onConnection: (watcher: (up: boolean) => void): Unsubscribe => watchConnection(watcher),
};
