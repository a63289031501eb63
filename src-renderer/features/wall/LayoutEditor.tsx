import { useEffect, useRef, useState, type RefObject } from 'react';
import type { CustomLayout } from '@common/contract/index.js';
import { displayNameProblem } from '@common/contract/display-name.js';
import { cellAt, mergeRect, rectBetween, resizeGrid, splitCell } from '@common/model/wall-layout-edit.js';
import { extendSelection, stepCursor, type Direction } from '@common/model/wall-layout-keys.js';
import { layoutOf, MAX_GRID, uniformLayout, type Layout, type LayoutCell } from '@common/model/wall-layout.js';
import type { MessageKey } from '../../i18n/translate.js';
import { useT, useTError } from '../../i18n/use-t.js';
import { ContractError } from '../../services/bridge.js';
import { useStore, wallsSelectors } from '../../store/index.js';
import { SavedLayouts } from './SavedLayouts.js';
import { EDITOR_GRID_CLASS, useLayoutEditorKeys, type LayoutEditorKeys } from './use-layout-editor-keys.js';

type Square = { row: number; col: number };
type Note = { key: MessageKey; params?: Record<string, string | number>; bad?: boolean };

const NAME_PROBLEMS: Record<string, MessageKey> = { blank: 'layoutEditor.nameBlank', too_long: 'layoutEditor.nameTooLong' };

/**
 * The custom layout editor: a grid up to 8x8 on which the operator drags a rectangle and merges it
 * into one tile (or splits a merged tile back), names the layout and saves it. It starts from the
 * layout the wall shows.
 */
export function LayoutEditor() {
  const open = useStore(wallsSelectors.layoutEditorOpen);
  const setOpen = useStore((s) => s.setLayoutEditorOpen);
  const keys = useRef<LayoutEditorKeys | null>(null);
  useLayoutEditorKeys(keys);
  if (!open) return null;
  return <EditorDialog keys={keys} onClose={() => setOpen(false)} />;
}

function EditorDialog({ keys, onClose }: { keys: RefObject<LayoutEditorKeys | null>; onClose(): void }) {
  const t = useT();
  const tError = useTError();
  const wall = useStore(wallsSelectors.wall);
  const shown = useStore(wallsSelectors.customLayout);
  const saveLayout = useStore((s) => s.saveCustomLayout);
  const setLayout = useStore((s) => s.setLayout);
  const [layout, setDrawn] = useState<Layout>(() => (wall ? layoutOf(wall) : uniformLayout(2)));
  const [editing, setEditing] = useState<CustomLayout | undefined>(shown);
  const [name, setName] = useState(shown?.name ?? '');
  const [anchor, setAnchor] = useState<Square>();
  const [focus, setFocus] = useState<Square>();
  const [dragging, setDragging] = useState(false);
  const [note, setNote] = useState<Note>();
  const grid = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const up = () => setDragging(false);
    window.addEventListener('pointerup', up);
    return () => window.removeEventListener('pointerup', up);
  }, []);

  // A press on a merged tile without a drag selects all of it, so Split applies to it.
  const pressed = anchor && focus && anchor.row === focus.row && anchor.col === focus.col ? layout.cells[cellAt(layout, anchor.row, anchor.col)] : undefined;
  const selection: LayoutCell | undefined = pressed ?? (anchor && focus ? rectBetween(anchor, focus) : undefined);
  const selectedTile = selection ? cellAt(layout, selection.row, selection.col) : -1;
  const selectedCell = layout.cells[selectedTile];
  const selectionIsOneMergedTile = !!selection && !!selectedCell && (selectedCell.rowSpan > 1 || selectedCell.colSpan > 1) && sameRect(selectedCell, selection);

  const draw = (next: Layout) => {
    setDrawn(next);
    setAnchor(undefined);
    setFocus(undefined);
  };
  const pick = (sq: Square) => {
    setAnchor(sq);
    setFocus(sq);
    setNote(undefined);
  };
  /** Merges the selection; answers the merged tile's rectangle, or nothing when refused. */
  const merge = (): LayoutCell | undefined => {
    if (!selection) return undefined;
    const next = mergeRect(layout, selection);
    if (typeof next === 'string') {
      setNote({ key: next === 'cuts_merged_cell' ? 'layoutEditor.cutsMerged' : 'layoutEditor.singleSquare', bad: true });
      return undefined;
    }
    draw(next);
    return selection;
  };
  const split = () => draw(splitCell(layout, selectedTile));

  // The keyboard's way to draw: the cursor is the selection's moving corner (see wall-layout-keys).
  const cursor = focus ?? { row: 0, col: 0 };
  useEffect(() => {
    keys.current = {
      move: (dir: Direction) => pick(focus ? stepCursor(layout, focus, dir) : cursor),
      extend: (dir: Direction) => {
        const next = extendSelection(layout, { anchor: anchor ?? cursor, focus: cursor }, dir);
        setAnchor(next.anchor);
        setFocus(next.focus);
        setNote(undefined);
      },
      merge: () => {
        if (selectionIsOneMergedTile) return;
        const merged = merge();
        // The cursor stays on the new tile, so Delete splits it again.
        if (merged) pick({ row: merged.row, col: merged.col });
      },
      split: () => {
        if (!selectionIsOneMergedTile || !selection) return;
        split();
        pick({ row: selection.row, col: selection.col });
      },
    };
    return () => {
      keys.current = null;
    };
  });
  const save = async (use: boolean) => {
    const trimmed = name.trim();
    const problem = displayNameProblem(trimmed);
    if (problem) return setNote({ key: NAME_PROBLEMS[problem] ?? 'error.name_invalid_chars', bad: true });
    // Saving under the name being edited replaces that layout; another name makes a new one.
    const id = editing && editing.name === trimmed ? editing.id : `layout-${crypto.randomUUID()}`;
    try {
      const saved = await saveLayout({ id, name: trimmed, ...layout });
      setEditing(saved);
      setNote({ key: 'layoutEditor.saved', params: { name: saved.name } });
      if (use) {
        await setLayout(saved);
        onClose();
      }
    } catch (e) {
      setNote(saveFailure(e, trimmed, tError));
    }
  };

  return (
    <div className="sw-overlay" role="dialog" aria-modal="true" aria-labelledby="sw-layout-editor-title" data-testid="layout-editor" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="sw-dialog sw-layout-editor">
        <h2 id="sw-layout-editor-title">{t('layoutEditor.title')}</h2>
        <p className="sw-muted">{t('layoutEditor.hint')}</p>
        <div className="sw-layout-editor-row">
          <GridSize label={t('layoutEditor.rows')} testId="layout-editor-rows" value={layout.rows} onChange={(rows) => draw(resizeGrid(layout, rows, layout.cols))} />
          <GridSize label={t('layoutEditor.cols')} testId="layout-editor-cols" value={layout.cols} onChange={(cols) => draw(resizeGrid(layout, layout.rows, cols))} />
          <button data-testid="layout-editor-merge" disabled={!selection || selectionIsOneMergedTile} onClick={() => void merge()}>
            {t('layoutEditor.merge')}
          </button>
          <button data-testid="layout-editor-split" disabled={!selectionIsOneMergedTile} onClick={split}>
            {t('layoutEditor.split')}
          </button>
          {selection && <span className="sw-muted">{t('layoutEditor.selection', { rows: selection.rowSpan, cols: selection.colSpan })}</span>}
        </div>
        <p className="sw-muted" id="sw-layout-editor-keys">
          {t('layoutEditor.keysHint')}
        </p>
        <div
          ref={grid}
          className={EDITOR_GRID_CLASS}
          data-testid="layout-editor-grid"
          role="application"
          tabIndex={0}
          aria-label={t('layoutEditor.grid', { rows: layout.rows, cols: layout.cols, count: layout.cells.length })}
          aria-describedby="sw-layout-editor-keys"
          style={{ gridTemplateColumns: `repeat(${layout.cols}, 1fr)`, gridTemplateRows: `repeat(${layout.rows}, 1fr)` }}
        >
          {uniformLayout(layout.rows, layout.cols).cells.map((sq) => (
            <div
              key={`s${sq.row}-${sq.col}`}
              className={`sw-layout-square${selection && inRect(sq, selection) ? ' selected' : ''}`}
              style={{ gridRow: sq.row + 1, gridColumn: sq.col + 1 }}
              data-testid="layout-editor-square"
              data-row={sq.row}
              data-col={sq.col}
              onPointerDown={(e) => {
                e.preventDefault();
                // The press keeps the page from selecting text, so the grid takes the focus itself: the keys carry on from here.
                grid.current?.focus({ preventScroll: true });
                setDragging(true);
                pick(sq);
              }}
              onPointerEnter={() => dragging && setFocus(sq)}
            />
          ))}
          {layout.cells.map((c, i) => (
            <div key={`c${i}`} className={`sw-layout-tile${c.rowSpan * c.colSpan > 1 ? ' merged' : ''}${selection && inRect(c, selection) ? ' selected' : ''}`} data-testid="layout-editor-tile" style={{ gridRow: `${c.row + 1} / span ${c.rowSpan}`, gridColumn: `${c.col + 1} / span ${c.colSpan}` }}>
              {i + 1}
            </div>
          ))}
          {focus && <Cursor at={focus} tile={pressed} />}
        </div>
        <div className="sw-layout-editor-row">
          <label>
            {t('layoutEditor.name')}{' '}
            <input data-testid="layout-editor-name" value={name} maxLength={80} placeholder={t('layoutEditor.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
          </label>
          <span className="sw-muted">{t('layoutEditor.tiles', { count: layout.cells.length })}</span>
        </div>
        {note && (
          <p className={note.bad ? 'sw-danger' : 'sw-muted'} role={note.bad ? 'alert' : 'status'} data-testid="layout-editor-note">
            {t(note.key, note.params)}
          </p>
        )}
        <SavedLayouts
          onEdit={(l) => {
            draw(l);
            setEditing(l);
            setName(l.name);
          }}
        />
        <div className="sw-dialog-buttons">
          <button data-testid="layout-editor-close" onClick={onClose}>
            {t('layoutEditor.close')}
          </button>
          <button data-testid="layout-editor-save" onClick={() => void save(false)}>
            {t('layoutEditor.save')}
          </button>
          <button data-testid="layout-editor-save-use" onClick={() => void save(true)}>
            {t('layoutEditor.saveAndUse')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The keyboard cursor: its square, or the whole merged tile it sits on. */
function Cursor({ at, tile }: { at: Square; tile: LayoutCell | undefined }) {
  const area = tile ?? { ...at, rowSpan: 1, colSpan: 1 };
  return <div className="sw-layout-cursor" data-testid="layout-editor-cursor" data-row={at.row} data-col={at.col} style={{ gridRow: `${area.row + 1} / span ${area.rowSpan}`, gridColumn: `${area.col + 1} / span ${area.colSpan}` }} />;
}

function GridSize({ label, testId, value, onChange }: { label: string; testId: string; value: number; onChange(n: number): void }) {
  return (
    <label>
      {label}{' '}
      <select data-testid={testId} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {Array.from({ length: MAX_GRID }, (_, i) => i + 1).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

function saveFailure(e: unknown, name: string, tError: (e: { code: string; params?: Record<string, string | number> }) => string): Note {
  if (e instanceof ContractError && e.code === 'conflict') {
    return e.params?.max !== undefined ? { key: 'layoutEditor.tooMany', params: { max: e.params.max }, bad: true } : { key: 'layoutEditor.nameTaken', params: { name }, bad: true };
  }
  const reason = e instanceof ContractError ? tError(e) : tError({ code: 'internal' });
  return { key: 'layoutEditor.saveFailed', params: { reason }, bad: true };
}

const inRect = (sq: Square, r: LayoutCell) => sq.row >= r.row && sq.row < r.row + r.rowSpan && sq.col >= r.col && sq.col < r.col + r.colSpan;
const sameRect = (a: LayoutCell, b: LayoutCell) => a.row === b.row && a.col === b.col && a.rowSpan === b.rowSpan && a.colSpan === b.colSpan;
