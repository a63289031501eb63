import { describe, expect, it } from 'vitest';
import { isUniform, layoutProblem, neighbourCell, presetLayout, presetOf, PRESET_COUNTS, uniformLayout, type Layout, type LayoutCell } from './wall-layout.js';

const cell = (row: number, col: number, rowSpan = 1, colSpan = 1): LayoutCell => ({ row, col, rowSpan, colSpan });

describe('preset layouts', () => {
  it('has one tile per cell and covers its grid exactly, for every preset', () => {
    for (const n of PRESET_COUNTS) {
      const l = presetLayout(n);
      expect(l.cells, `preset ${n}`).toHaveLength(n);
      expect(layoutProblem(l), `preset ${n}`).toBeUndefined();
      expect(presetOf(l)).toBe(n);
    }
  });
  it('squares are plain grids: 1, 4, 9 ... 64', () => {
    expect([1, 4, 9, 16, 25, 36, 49, 64].map((n) => [presetLayout(n as 1).rows, isUniform(presetLayout(n as 1))])).toEqual([
      [1, true], [2, true], [3, true], [4, true], [5, true], [6, true], [7, true], [8, true],
    ]);
  });
  it('6 is one 2x2 tile and five small ones on a 3x3 grid, the large one first', () => {
    expect(presetLayout(6)).toEqual({ rows: 3, cols: 3, cells: [cell(0, 0, 2, 2), cell(0, 2), cell(1, 2), cell(2, 0), cell(2, 1), cell(2, 2)] });
  });
  it('8 is one 3x3 tile and seven small ones on a 4x4 grid', () => {
    const l = presetLayout(8);
    expect([l.rows, l.cols, l.cells[0]]).toEqual([4, 4, cell(0, 0, 3, 3)]);
    expect(l.cells.slice(1)).toEqual([cell(0, 3), cell(1, 3), cell(2, 3), cell(3, 0), cell(3, 1), cell(3, 2), cell(3, 3)]);
  });
  it('10 is two 2x2 tiles side by side above eight small ones', () => {
    const l = presetLayout(10);
    expect(l.cells.slice(0, 2)).toEqual([cell(0, 0, 2, 2), cell(0, 2, 2, 2)]);
    expect(l.cells.slice(2).every((c) => c.row >= 2 && c.rowSpan === 1)).toBe(true);
  });
  it('13 is one 2x2 tile in the centre of a 4x4 grid with twelve around it', () => {
    const l = presetLayout(13);
    expect(l.cells[0]).toEqual(cell(1, 1, 2, 2));
    expect(l.cells.slice(1).map((c) => `${c.row}${c.col}`)).toEqual(['00', '01', '02', '03', '10', '13', '20', '23', '30', '31', '32', '33']);
  });
});

describe('layout checks', () => {
  it('names what is wrong with a drawn layout', () => {
    expect(layoutProblem({ rows: 9, cols: 1, cells: uniformLayout(9, 1).cells })).toBe('grid_too_large');
    expect(layoutProblem({ rows: 2, cols: 2, cells: [cell(0, 0, 2, 2), cell(1, 1)] })).toBe('cells_overlap');
    expect(layoutProblem({ rows: 2, cols: 2, cells: [cell(0, 0, 1, 2), cell(1, 0)] })).toBe('squares_uncovered');
    expect(layoutProblem({ rows: 2, cols: 2, cells: [cell(0, 0, 1, 3), cell(1, 0, 1, 2)] })).toBe('cell_outside');
    expect(layoutProblem({ rows: 2, cols: 2, cells: [cell(0, 0, 2, 1), cell(0, 1), cell(1, 1)] })).toBeUndefined();
  });
});

describe('moving the selection with the arrows', () => {
  const l: Layout = presetLayout(6);
  it('goes to the cell beside, below or above, and stays at an edge', () => {
    expect(neighbourCell(l, 0, 'right')).toBe(1); // large tile → the small one beside its top half
    expect(neighbourCell(l, 0, 'down')).toBe(3);
    expect(neighbourCell(l, 2, 'left')).toBe(0);
    expect(neighbourCell(l, 5, 'up')).toBe(2);
    expect(neighbourCell(l, 1, 'up')).toBe(1);
    expect(neighbourCell(uniformLayout(3), 4, 'left')).toBe(3);
  });
});
