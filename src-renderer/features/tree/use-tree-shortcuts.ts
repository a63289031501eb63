// The tree's keys in the shortcut registry: Ctrl+F goes to the search box from anywhere; the keys the
// tree handles itself while it has focus are listed for the help overlay (they never match here).
import type { RefObject } from 'react';
import { key, type Shortcut } from '../shortcuts/registry.js';
import { useShortcuts } from '../shortcuts/use-shortcuts.js';

const IN_TREE = () => false;

export function useTreeShortcuts(search: RefObject<HTMLInputElement | null>): void {
  useShortcuts(
    (): Shortcut[] => [
      {
        id: 'tree.search',
        keys: 'Ctrl+F',
        label: 'tree.shortcut.search',
        group: 'app',
        match: key('f', { ctrl: true }),
        run: () => {
          search.current?.focus();
          search.current?.select();
        },
        whileTyping: true,
      },
      { id: 'tree.move', keys: '↑ ↓ → ←', label: 'tree.shortcut.move', group: 'app', match: IN_TREE, run: () => undefined },
      { id: 'tree.play', keys: 'Enter', label: 'tree.shortcut.play', group: 'app', match: IN_TREE, run: () => undefined },
      { id: 'tree.remove', keys: 'Delete', label: 'tree.shortcut.remove', group: 'app', match: IN_TREE, run: () => undefined },
    ],
    [search],
  );
}
