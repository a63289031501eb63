// Recently viewed: every camera that comes onto this window's wall, however it got there
// (tree, drop, keyboard number entry, a scene), goes first in the list.
import { useEffect, useRef } from 'react';
import { useStore } from '../../store/index.js';

export function useNoteViewed(): void {
  const wall = useStore((s) => s.wall);
  const before = useRef<Set<string>>(undefined);
  useEffect(() => {
    if (!wall) return;
    const now = new Set(wall.tiles.flatMap((t) => (t.cameraId ? [t.cameraId] : [])));
    const previous = before.current;
    before.current = now;
    // The wall as it was loaded is not something the operator just viewed.
    if (!previous) return;
    const arrived = [...now].filter((id) => !previous.has(id));
    if (arrived.length > 0) void useStore.getState().noteViewed(arrived);
  }, [wall]);
}
