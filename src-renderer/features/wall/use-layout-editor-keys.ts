import type { RefObject } from 'react';
import type { Direction } from '@common/model/wall-layout-keys.js';
import { key, type Shortcut } from '../shortcuts/registry.js';
import { useShortcuts } from '../shortcuts/use-shortcuts.js';

/** What the open editor does for each key; absent while the editor is closed. */
export interface LayoutEditorKeys {
  move(dir: Direction): void;
  extend(dir: Direction): void;
  merge(): void;
  split(): void;
}

/** The editor's grid (the keys act only while it has the focus). */
export const EDITOR_GRID_CLASS = 'sw-layout-editor-grid';

const ARROWS: [Direction, string][] = [
  ['up', 'ArrowUp'],
  ['down', 'ArrowDown'],
  ['left', 'ArrowLeft'],
  ['right', 'ArrowRight'],
];

const onGrid = (e: KeyboardEvent) => e.target instanceof HTMLElement && e.target.classList.contains(EDITOR_GRID_CLASS);

/**
 * The layout editor's keys, registered for as long as the app runs so the help overlay always
 * lists them; they act only on the open editor's focused grid (a dialog, hence `inDialogs`).
 */
export function useLayoutEditorKeys(editor: RefObject<LayoutEditorKeys | null>): void {
  useShortcuts(() => {
    const base = { group: 'layoutEditor', inDialogs: true, priority: 40, enabled: () => editor.current !== null } as const;
    const arrows = (shift: boolean): Shortcut[] =>
      ARROWS.map(([dir, name], i) => ({
        ...base,
        id: `layoutEditor.${shift ? 'extend' : 'move'}.${dir}`,
        keys: i > 0 ? '' : shift ? 'Shift+↑ ↓ ← →' : '↑ ↓ ← →',
        label: shift ? 'shortcuts.layoutEditor.extend' : 'shortcuts.layoutEditor.move',
        match: (e: KeyboardEvent) => onGrid(e) && key(name, { shift })(e),
        run: () => (shift ? editor.current?.extend(dir) : editor.current?.move(dir)),
      }));
    return [
      ...arrows(false),
      ...arrows(true),
      { ...base, id: 'layoutEditor.merge', keys: 'Enter', label: 'shortcuts.layoutEditor.merge', match: (e) => onGrid(e) && key('Enter')(e), run: () => editor.current?.merge() },
      { ...base, id: 'layoutEditor.split', keys: 'Delete', label: 'shortcuts.layoutEditor.split', match: (e) => onGrid(e) && key('Delete')(e), run: () => editor.current?.split() },
    ];
  }, [editor]);
}
