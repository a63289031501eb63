import type { AppInfo, Problem } from '@common/contract/index.js';

export interface AppState {
  status: 'loading' | 'ready' | 'failed';
  info?: AppInfo;
  /** Storage, vault and runtime problems, shown until the operator dismisses them. */
  problems: Problem[];
}

export const appInitialState: AppState = { status: 'loading', problems: [] };
