import { z } from 'zod';
import { layoutProblem, MAX_GRID } from '../model/wall-layout.js';
import { Empty, Id, Ok } from './define.js';
import { displayName } from './display-name.js';
import { WallTours } from './tours.js';

export const WallTile = z.object({
  cameraId: Id.nullable(),
  profile: z.enum(['main', 'sub']),
});

const GridSize = z.number().int().min(1).max(MAX_GRID);

/** One tile's rectangle on the wall's grid (0-based squares from the top left). */
export const LayoutCell = z.object({
  row: z.number().int().min(0).max(MAX_GRID - 1),
  col: z.number().int().min(0).max(MAX_GRID - 1),
  rowSpan: GridSize,
  colSpan: GridSize,
});

const WallFields = {
  id: Id,
  name: z.string().trim().min(1).max(64),
  rows: GridSize,
  cols: GridSize,
  /** Merged cells, one per tile; absent for a plain rows x cols grid. */
  cells: z.array(LayoutCell).min(1).max(64).optional(),
  tiles: z.array(WallTile).max(64),
  /** Cameras that did not fit the current layout, in tile order: they come back when it grows. */
  overflow: z.array(WallTile).max(256).optional(),
  /** Tile tours and the wall tour (contract/tours.ts). */
  tours: WallTours.optional(),
};

type WallShape = { rows: number; cols: number; cells?: z.infer<typeof LayoutCell>[] | undefined; tiles: unknown[] };

/** Tiles fill the layout, and merged cells cover the grid exactly once. */
function checkWall(w: WallShape, ctx: z.RefinementCtx): void {
  const count = w.cells ? w.cells.length : w.rows * w.cols;
  if (w.tiles.length !== count) ctx.addIssue({ code: 'custom', message: 'tiles must fill the layout, one per cell', path: ['tiles'] });
  const problem = w.cells ? layoutProblem({ rows: w.rows, cols: w.cols, cells: w.cells }) : undefined;
  if (problem) ctx.addIssue({ code: 'custom', message: `cells: ${problem}`, path: ['cells'] });
}

/** A wall as stored and shown (names saved before the display-name rules are still readable). */
export const Wall = z.object(WallFields).superRefine(checkWall);
export type Wall = z.infer<typeof Wall>;

/** A wall as the operator saves it: its name is checked like every display name. */
export const WallInput = z.object({ ...WallFields, name: displayName }).superRefine(checkWall);

/** A merged-cell layout the operator drew and saved by name. */
export const CustomLayout = z
  .object({ id: Id, name: displayName, rows: GridSize, cols: GridSize, cells: z.array(LayoutCell).min(1).max(64) })
  .superRefine((l, ctx) => {
    const problem = layoutProblem(l);
    if (problem) ctx.addIssue({ code: 'custom', message: `cells: ${problem}`, path: ['cells'] });
  });
export type CustomLayout = z.infer<typeof CustomLayout>;

/** Which wall each display (Electron's display id) or host-mode window ("host", "host:2") shows. */
export const DisplayWalls = z.record(z.string().min(1).max(64), Id);

/** A scene (预案): every wall with its cameras and which display showed which, saved by name. */
export const Scene = z.object({
  id: Id,
  name: displayName,
  displays: DisplayWalls,
  walls: z.array(Wall).min(1).max(256),
});
export type Scene = z.infer<typeof Scene>;

/** Walls and which display shows which: what a scene recalls, and what its recall replaced (for undo). */
export const WallsSnapshot = z.object({ displays: DisplayWalls, walls: z.array(Wall).max(256) });
export type WallsSnapshot = z.infer<typeof WallsSnapshot>;
/** A snapshot to put back; `undoesRecallOf` names the scene whose recall this undoes (it is audited). */
export const WallsRestore = WallsSnapshot.extend({ undoesRecallOf: Id.optional() });
export type WallsRestore = z.infer<typeof WallsRestore>;

/** The most custom layouts kept (the picker lists them all). */
export const MAX_CUSTOM_LAYOUTS = 64;

export const wallsChannels = {
  'sw:walls:list': { req: Empty, res: z.array(Wall) },
  'sw:walls:save': { req: WallInput, res: Wall },
  /** The wall assigned to the display the calling window sits on. */
  'sw:walls:forWindow': { req: Empty, res: Wall },
  /** Custom layouts, in the order they were first saved. */
  'sw:walls:layouts': { req: Empty, res: z.array(CustomLayout) },
  /** Saves a custom layout (a new id adds it, a known id replaces it); a name another layout has is refused (`conflict`). */
  'sw:walls:saveLayout': { req: CustomLayout, res: CustomLayout },
  'sw:walls:removeLayout': { req: z.object({ id: Id }), res: Ok },
  /** A new wall: an empty 2x2, or a copy of `copyOf` (layout and cameras) under the new name. */
  'sw:walls:create': { req: z.object({ name: displayName, copyOf: Id.optional() }), res: Wall },
  /** Removes a wall (never the last one); windows that showed it get another. Answers the wall and the displays that showed it, to put back with restore. */
  'sw:walls:remove': { req: z.object({ id: Id }), res: WallsSnapshot },
  /** The calling window shows this wall from now on (remembered per display). */
  'sw:walls:show': { req: z.object({ id: Id }), res: Wall },
  'sw:walls:scenes': { req: Empty, res: z.array(Scene) },
  /** Saves every wall and the display mapping under a name; the same name replaces that scene (answered as `replaced`, for undo). */
  'sw:walls:saveScene': { req: z.object({ name: displayName }), res: z.object({ scene: Scene, replaced: Scene.optional() }) },
  /** Puts a scene back as it was (undo of a removal or a replacement). */
  'sw:walls:putScene': { req: Scene, res: Scene },
  'sw:walls:removeScene': { req: z.object({ id: Id }), res: Scene },
  /** Shows a scene: its walls replace the walls of the same id, its displays show its walls. Answers what it replaced, for undo. */
  'sw:walls:recallScene': { req: z.object({ id: Id }), res: WallsSnapshot },
  /** Puts walls and displays back from a snapshot (undo of a recall); answers what it replaced. */
  'sw:walls:restore': { req: WallsRestore, res: WallsSnapshot },
} as const;

export const wallsEvents = {
  'sw:walls:onDidChange': z.array(Wall),
  'sw:walls:onDidChangeLayouts': z.array(CustomLayout),
  'sw:walls:onDidChangeScenes': z.array(Scene),
} as const;
