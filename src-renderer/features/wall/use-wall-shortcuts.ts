import { presetLayout, PRESET_COUNTS } from '@common/model/wall-layout.js';
import { useStore, type Store } from '../../store/index.js';
import { key } from '../shortcuts/registry.js';
import { useShortcuts } from '../shortcuts/use-shortcuts.js';

const state = (): Store => useStore.getState();

/** Steps through the presets from the current layout (L forward, Shift+L back). */
function stepPreset(by: 1 | -1): void {
  const wall = state().wall;
  if (!wall) return;
  const count = wall.tiles.length;
  const at = PRESET_COUNTS.findIndex((n) => (by > 0 ? n > count : n >= count));
  const next = by > 0 ? PRESET_COUNTS[at === -1 ? 0 : at] : PRESET_COUNTS[at <= 0 ? PRESET_COUNTS.length - 1 : at - 1];
  void state().setLayout(presetLayout(next!));
}

/** The wall's keys: arrows, Enter/Esc to maximise and restore, F11, Delete, Ctrl+Z, layout keys. */
export function useWallShortcuts(toggleFullScreen: () => void): void {
  useShortcuts(
    () => [
      { id: 'wall.up', keys: '↑ ↓ ← →', label: 'shortcuts.wall.arrows', group: 'wall', match: key('ArrowUp'), run: () => state().moveSelection('up') },
      { id: 'wall.down', keys: '', label: 'shortcuts.wall.arrows', group: 'wall', match: key('ArrowDown'), run: () => state().moveSelection('down') },
      { id: 'wall.left', keys: '', label: 'shortcuts.wall.arrows', group: 'wall', match: key('ArrowLeft'), run: () => state().moveSelection('left') },
      { id: 'wall.right', keys: '', label: 'shortcuts.wall.arrows', group: 'wall', match: key('ArrowRight'), run: () => state().moveSelection('right') },
      { id: 'wall.maximise', keys: 'Enter', label: 'shortcuts.wall.maximise', group: 'wall', match: key('Enter'), enabled: () => state().maximisedTile === undefined, run: () => state().toggleMaximise() },
      { id: 'wall.restore', keys: 'Esc', label: 'shortcuts.wall.restore', group: 'wall', match: key('Escape'), enabled: () => state().maximisedTile !== undefined, run: () => state().restore(), priority: 10 },
      { id: 'wall.fullscreen', keys: 'F11', label: 'shortcuts.wall.fullscreen', group: 'wall', match: key('F11'), run: toggleFullScreen, whileTyping: true },
      { id: 'wall.fullscreen.leave', keys: 'Esc', label: 'shortcuts.wall.fullscreenLeave', group: 'wall', match: key('Escape'), enabled: () => state().wallFullScreen && state().maximisedTile === undefined, run: toggleFullScreen },
      { id: 'wall.layout.next', keys: 'L / Shift+L', label: 'shortcuts.wall.layout', group: 'wall', match: key('l'), run: () => stepPreset(1) },
      { id: 'wall.layout.prev', keys: '', label: 'shortcuts.wall.layout', group: 'wall', match: key('l', { shift: true }), run: () => stepPreset(-1) },
      { id: 'wall.remove', keys: 'Delete', label: 'shortcuts.wall.remove', group: 'wall', match: key('Delete'), run: () => state().askRemove() },
      {
        id: 'wall.scene',
        keys: 'Alt+1 … Alt+9',
        label: 'shortcuts.wall.scene',
        group: 'wall',
        match: (e) => e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && /^Digit[1-9]$/.test(e.code),
        run: (e) => void state().recallSceneNumbered(Number(e.code.slice(5))).catch(() => undefined),
      },
      { id: 'wall.undo', keys: 'Ctrl+Z', label: 'shortcuts.wall.undo', group: 'wall', match: key('z', { ctrl: true }), enabled: () => state().undoStack.length > 0, run: () => void state().undo() },
    ],
    [toggleFullScreen],
  );
}
