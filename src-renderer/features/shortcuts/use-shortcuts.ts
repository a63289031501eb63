import { useEffect, useSyncExternalStore } from 'react';
import { listShortcuts, registerShortcuts, shortcutsVersion, watchShortcuts, type Shortcut } from './registry.js';

/** Registers shortcuts while the component is mounted; re-registers when `deps` change. */
export function useShortcuts(make: () => Shortcut[], deps: unknown[]): void {
  useEffect(() => registerShortcuts(make()), deps);
}

/** The registered shortcuts, following every change (help overlay). */
export function useShortcutList(): Shortcut[] {
  useSyncExternalStore(watchShortcuts, shortcutsVersion);
  return listShortcuts();
}
