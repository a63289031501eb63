// The wall slice against a fake bridge: layout changes, removal and swaps keep every camera
// recoverable, and undo puts the saved wall back.
import { beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { CustomLayout, Wall } from '@common/contract/index.js';
import { presetLayout, uniformLayout } from '@common/model/wall-layout.js';
import { FakeBridge } from '../../../src-main/testing/renderer/fake-bridge.js';
import { installBridge } from '../../services/bridge.js';
import { createStore, wallsSelectors, type Store } from '../index.js';

let saved: Wall;
let layouts: CustomLayout[];
let bridge: FakeBridge;
let store: StoreApi<Store>;
const cams = () => store.getState().wall!.tiles.map((t) => t.cameraId);

beforeEach(async () => {
  saved = { id: 'w1', name: 'Wall 1', rows: 3, cols: 3, tiles: Array.from({ length: 9 }, (_, i) => ({ cameraId: `c${i + 1}`, profile: 'sub' as const })) };
  layouts = [];
  bridge = new FakeBridge()
    .handle('sw:walls:forWindow', () => saved)
    // Main validates like the contract does: a wall the slice builds must pass.
    .handle('sw:walls:save', (w) => (saved = Wall.parse(w)))
    .handle('sw:walls:layouts', () => layouts)
    .handle('sw:walls:saveLayout', (l) => {
      const layout = CustomLayout.parse(l);
      layouts = [...layouts.filter((x) => x.id !== layout.id), layout];
      return layout;
    })
    .handle('sw:walls:removeLayout', (req) => {
      const { id } = req as { id: string };
      layouts = layouts.filter((x) => x.id !== id);
      return { ok: true as const };
    });
  installBridge(bridge);
  store = createStore();
  await store.getState().followWall();
});

describe('the wall slice', () => {
  it('3x3 → 1x1 → 4x4 keeps all nine cameras, and undo goes back step by step', async () => {
    await store.getState().setLayout(uniformLayout(1));
    expect(cams()).toEqual(['c1']);
    expect(store.getState().undoNotice).toEqual({ kind: 'layout', n: 1 });
    await store.getState().setLayout(uniformLayout(4));
    expect(cams().slice(0, 9)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    await store.getState().undo();
    expect(saved.tiles).toHaveLength(1);
    await store.getState().undo();
    expect(saved.tiles.map((t) => t.cameraId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
    expect(store.getState().undoStack).toHaveLength(0);
  });

  it('asks before removing a camera, removes nothing when cancelled, and undo puts it back', async () => {
    store.getState().askRemove(4);
    expect(store.getState().removeAsk).toBe(4);
    store.getState().cancelRemove();
    expect(cams()[4]).toBe('c5');
    store.getState().askRemove(4);
    await store.getState().confirmRemove();
    expect(cams()[4]).toBeNull();
    expect(store.getState().undoNotice).toEqual({ kind: 'remove', n: 5 });
    await store.getState().undo();
    expect(saved.tiles[4]!.cameraId).toBe('c5');
  });

  it('two quick assignments both land: each change edits the wall the previous one saved', async () => {
    store.getState().selectTile(0);
    const first = store.getState().assignCamera('x');
    const second = store.getState().assignCamera('y');
    await Promise.all([first, second]);
    expect(saved.tiles.slice(0, 3).map((t) => t.cameraId)).toEqual(['x', 'y', 'c3']);
  });

  it('does not ask about an empty tile', async () => {
    await store.getState().assignCamera(null, 0);
    store.getState().askRemove(0);
    expect(store.getState().removeAsk).toBeUndefined();
  });

  it('swaps tiles by drag, and places dropped cameras in one undoable change', async () => {
    await store.getState().swapTiles(0, 8);
    expect([cams()[0], cams()[8]]).toEqual(['c9', 'c1']);
    await store.getState().setLayout(uniformLayout(4));
    await store.getState().placeCameras([[9, 'x'], [10, 'y']], 9);
    expect([cams().slice(9, 12), store.getState().selectedTile]).toEqual([['x', 'y', null], 9]);
    await store.getState().undo();
    expect(cams()[9]).toBeNull();
  });

  it('moves the selection with the arrows over merged cells, and maximise/restore keeps the layout', async () => {
    await store.getState().setLayout(presetLayout(6));
    store.getState().moveSelection('right');
    expect(store.getState().selectedTile).toBe(1);
    store.getState().moveSelection('left');
    expect(store.getState().selectedTile).toBe(0);
    store.getState().toggleMaximise(3);
    expect([store.getState().maximisedTile, store.getState().selectedTile]).toEqual([3, 3]);
    store.getState().moveSelection('up'); // no moving behind a maximised tile
    expect(store.getState().selectedTile).toBe(3);
    store.getState().restore();
    expect(store.getState().maximisedTile).toBeUndefined();
    expect(saved.cells).toHaveLength(6);
  });
});

describe('custom layouts in the wall slice', () => {
  it('saves a drawn layout, shows it as the wall layout by name, follows changes from other windows, removes and puts it back', async () => {
    const drawn = { id: 'layout-1', name: '门口', ...presetLayout(10) };
    await store.getState().saveCustomLayout(drawn);
    expect(store.getState().customLayouts.map((l) => l.name)).toEqual(['门口']);
    await store.getState().setLayout(drawn);
    expect(wallsSelectors.customLayout(store.getState())?.name).toBe('门口');
    expect(cams()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', null]);
    bridge.emit('sw:walls:onDidChangeLayouts', [...layouts, { id: 'layout-2', name: '另一个窗口画的', ...presetLayout(13) }]);
    expect(store.getState().customLayouts).toHaveLength(2);
    const gone = await store.getState().removeCustomLayout('layout-1');
    expect(store.getState().customLayouts.map((l) => l.id)).toEqual(['layout-2']);
    await store.getState().saveCustomLayout(gone!);
    expect(layouts.map((l) => l.id)).toContain('layout-1');
  });
});
