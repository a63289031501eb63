import type { Store } from '../types.js';

export const appSelectors = {
  status: (s: Store) => s.status,
  mode: (s: Store) => s.info?.mode ?? 'host',
  problems: (s: Store) => s.problems,
  connected: (s: Store) => s.connected,
  reconnects: (s: Store) => s.reconnects,
};
