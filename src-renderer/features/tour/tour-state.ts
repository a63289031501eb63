// Running tours of this window's wall: one TourRunner per tour, its position in a small store the
// tiles read. The wall tour, while set, runs instead of the tile tours (both would fight over
// the same tiles).
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Wall } from '@common/contract/index.js';
import { useStore, wallsSelectors } from '../../store/index.js';
import { tileTourOf, tourKey, wallTourCamera, wallTourPages } from './tour-plan.js';
import { TourRunner, type TourPosition } from './tour-runner.js';

const WALL = 'wall';
const tileId = (tile: number) => `tile:${tile}`;

export const useTourPositions = create<Record<string, TourPosition>>(() => ({}));

const runners = new Map<string, { key: string; runner: TourRunner }>();

function wanted(wall: Wall | undefined): Map<string, { key: string; steps: number; dwellMs: number }> {
  const out = new Map<string, { key: string; steps: number; dwellMs: number }>();
  const tours = wall?.tours;
  if (!wall || !tours) return out;
  if (tours.wall) {
    const steps = wallTourPages(tours.wall, wall.tiles.length);
    out.set(WALL, { key: `${tourKey(tours.wall)}|${wall.tiles.length}`, steps, dwellMs: tours.wall.dwellSec * 1000 });
    return out;
  }
  for (const tour of tours.tiles) {
    if (tour.tile < wall.tiles.length) out.set(tileId(tour.tile), { key: tourKey(tour), steps: tour.cameraIds.length, dwellMs: tour.dwellSec * 1000 });
  }
  return out;
}

/** Starts, restarts and stops the runners as the wall's tours change (mounted once, by the wall view). */
export function useTourDriver(): void {
  const wall = useStore(wallsSelectors.wall);
  useEffect(() => {
    const want = wanted(wall);
    for (const [id, { key, runner }] of runners) {
      if (want.get(id)?.key === key) continue;
      runner.dispose();
      runners.delete(id);
      useTourPositions.setState((s) => {
        const { [id]: _gone, ...rest } = s;
        return rest;
      }, true);
    }
    for (const [id, w] of want) {
      if (runners.has(id)) continue;
      const runner = new TourRunner(w.steps, w.dwellMs, (p) => useTourPositions.setState({ [id]: p }));
      runners.set(id, { key: w.key, runner });
    }
  }, [wall]);
  useEffect(
    () => () => {
      for (const { runner } of runners.values()) runner.dispose();
      runners.clear();
      useTourPositions.setState({}, true);
    },
    [],
  );
}

function runnerFor(tile: number): TourRunner | undefined {
  return (runners.get(WALL) ?? runners.get(tileId(tile)))?.runner;
}

/** The operator acted on a tile: its tour (or the wall tour) holds, and resumes after a quiet spell. */
export function tourInteract(tile: number): void {
  runnerFor(tile)?.interact();
}

export function tourResume(tile: number): void {
  runnerFor(tile)?.resume();
}

export interface TileTourView {
  kind: 'tile' | 'wall';
  /** The camera the tour puts on the tile now (null: an empty place on the wall tour's last page). */
  cameraId: string | null;
  /** The camera of the next step, started underneath while `preparing`. */
  nextCameraId: string | null;
  preparing: boolean;
  paused: boolean;
  step: number;
  steps: number;
}

/** What a running tour shows on this tile, or undefined when no tour runs on it. */
export function useTileTour(tile: number): TileTourView | undefined {
  const wall = useStore(wallsSelectors.wall);
  const wallPos = useTourPositions((s) => s[WALL]);
  const tilePos = useTourPositions((s) => s[tileId(tile)]);
  const tours = wall?.tours;
  if (!wall || !tours) return undefined;
  if (tours.wall && wallPos) {
    const steps = wallTourPages(tours.wall, wall.tiles.length);
    const at = (step: number) => wallTourCamera(tours.wall!, wall.tiles.length, tile, step);
    return { kind: 'wall', cameraId: at(wallPos.step), nextCameraId: at(wallPos.step + 1), preparing: wallPos.preparing, paused: wallPos.paused, step: wallPos.step, steps };
  }
  const tour = tileTourOf(tours, tile);
  if (!tour || !tilePos || tours.wall) return undefined;
  const steps = tour.cameraIds.length;
  return {
    kind: 'tile',
    cameraId: tour.cameraIds[tilePos.step % steps]!,
    nextCameraId: tour.cameraIds[(tilePos.step + 1) % steps]!,
    preparing: tilePos.preparing,
    paused: tilePos.paused,
    step: tilePos.step,
    steps,
  };
}
