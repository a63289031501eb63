import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../ipc/event-bus.js';
import { openKeyFileVault, openSkywallStore } from '../../storage/index.js';
import { createAuditService } from '../audit/service.js';
import { createWallSetService } from './scenes.js';
import { wallForDisplay } from './service.js';

async function open(dir = mkdtempSync(path.join(os.tmpdir(), 'sw-scenes-'))) {
  const vault = await openKeyFileVault({ dir });
  const { store } = await openSkywallStore({ dir, vault });
  const bus = new EventBus();
  const audit = await createAuditService({ dir, bus, onAppendFailed: (kind, e) => { throw new Error(`${kind} not recorded: ${String(e)}`); } });
  return { dir, store, audit, set: createWallSetService(store, bus, audit) };
}

const cams = (w: { tiles: { cameraId: string | null }[] }) => w.tiles.map((t) => t.cameraId);

describe('named walls and scenes', () => {
  it('creates, duplicates and shows walls per window; the last wall cannot be removed; a removed wall can be put back', async () => {
    const { store, set, audit } = await open();
    const first = store.listWalls()[0]!;
    store.saveWall({ ...first, tiles: first.tiles.map((t, i) => ({ ...t, cameraId: i === 0 ? 'cam-1' : null })) });
    const copy = set.create('大门 副本', first.id);
    expect([copy.name, cams(copy)]).toEqual(['大门 副本', ['cam-1', null, null, null]]);
    const blank = set.create('空墙');
    expect(cams(blank)).toEqual([null, null, null, null]);
    // Window 2 shows the copy, window 1 keeps the first wall.
    expect(wallForDisplay(store, 'host').id).toBe(first.id);
    set.show('host:2', copy.id);
    expect(wallForDisplay(store, 'host:2').id).toBe(copy.id);
    expect(() => set.show('host:2', 'nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
    // Removing the copy: window 2 gets another wall; the answer puts it back, on window 2 again.
    const removed = set.remove(copy.id);
    expect(removed.displays).toEqual({ 'host:2': copy.id });
    expect(wallForDisplay(store, 'host:2').id).not.toBe(copy.id);
    await set.restore(removed);
    expect(store.getWall(copy.id)?.name).toBe('大门 副本');
    // Putting a deleted wall back is no scene's undo: nothing recorded as one.
    expect((await audit.list({ kinds: ['wall.scene_recall_undo'] })).entries).toEqual([]);
    expect(wallForDisplay(store, 'host:2').id).toBe(copy.id);
    set.remove(blank.id);
    set.remove(copy.id);
    expect(() => set.remove(first.id)).toThrow(expect.objectContaining({ code: 'conflict', params: { reason: 'last_wall' } }));
  });

  it('a scene keeps every wall with its cameras and the display mapping; recalling it puts them back, undo restores what it replaced; kept across a restart', async () => {
    const { dir, store, set, audit } = await open();
    const first = store.listWalls()[0]!;
    const second = set.create('二号墙');
    store.saveWall({ ...first, tiles: first.tiles.map((t) => ({ ...t, cameraId: 'cam-a' })) });
    set.show('host', first.id);
    set.show('host:2', second.id);
    const { scene } = set.saveScene('白班');
    expect(scene.walls.map((w) => w.id)).toEqual([first.id, second.id]);
    expect(scene.displays).toEqual({ host: first.id, 'host:2': second.id });

    // The shift changes things: other cameras, window 1 on the second wall.
    store.saveWall({ ...first, tiles: first.tiles.map((t) => ({ ...t, cameraId: 'cam-b' })) });
    set.show('host', second.id);
    const before = await set.recallScene(scene.id);
    expect(cams(store.getWall(first.id)!)).toEqual(['cam-a', 'cam-a', 'cam-a', 'cam-a']);
    expect(wallForDisplay(store, 'host').id).toBe(first.id);
    // The recall is in the audit log: which scene, the walls it put back, how many windows followed.
    const recalls = await audit.list({ kinds: ['wall.scene_recall'] });
    expect(recalls.entries.map((e) => [e.targetId, e.targetName, e.details])).toEqual([[scene.id, '白班', { walls: [first.name, '二号墙'], windows: 2 }]]);
    await expect(set.recallScene('scene-nope')).rejects.toMatchObject({ code: 'not_found' });
    expect((await audit.list({ kinds: ['wall.scene_recall'] })).entries).toHaveLength(1);
    // Undo: the cameras and the mapping from before the recall; audited as the recall's undo.
    await set.restore({ ...before, undoesRecallOf: scene.id });
    expect(cams(store.getWall(first.id)!)).toEqual(['cam-b', 'cam-b', 'cam-b', 'cam-b']);
    expect(wallForDisplay(store, 'host').id).toBe(second.id);
    const undone = await audit.list({ kinds: ['wall.scene_recall_undo'] });
    expect(undone.entries.map((e) => [e.targetId, e.targetName, e.details])).toEqual([[scene.id, '白班', { walls: [first.name, '二号墙'] }]]);

    // Saving under the same name replaces it and answers the old one; put back, it is as it was.
    const again = set.saveScene('白班');
    expect([again.scene.id, again.replaced?.walls[0] && cams(again.replaced.walls[0])]).toEqual([scene.id, ['cam-a', 'cam-a', 'cam-a', 'cam-a']]);
    set.putScene(again.replaced!);
    await audit.close();
    const { set: reopened, store: store2 } = await open(dir);
    expect(reopened.scenes()).toEqual([scene]);
    expect(wallForDisplay(store2, 'host:2').id).toBe(second.id);
    const gone = reopened.removeScene(scene.id);
    expect(reopened.scenes()).toEqual([]);
    reopened.putScene(gone);
    expect(reopened.scenes()).toHaveLength(1);
  });
});
