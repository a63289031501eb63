import type { AppInfo, Problem } from '@common/contract/index.js';

export interface AppState {
  status: 'loading' | 'ready' | 'failed';
  info?: AppInfo;
  /** Storage, vault and runtime problems, shown until the operator dismisses them. */
  problems: Problem[];
  /** False while main is gone (host mode): one banner says so and the page reconnects by itself. */
  connected: boolean;
  /** How many times the page reconnected to main; the wall starts its tiles afresh on each. */
  reconnects: number;
}

export const appInitialState: AppState = { status: 'loading', problems: [], connected: true, reconnects: 0 };
