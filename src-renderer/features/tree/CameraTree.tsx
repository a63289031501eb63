// The side panel's camera directory: by device, by area, favourites, recently viewed; search by
// name, pinyin or initials; drag a camera or a group onto the wall. Replaces the flat device list.
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t.js';
import { treeSelectors, useStore } from '../../store/index.js';
import { TREE_MODES, type TreeMode } from '../../store/tree/tree-types.js';
import type { MessageKey } from '../../i18n/translate.js';
import { AddCameraForm } from '../devices/AddCameraForm.js';
import { AddPlatform } from '../platforms/AddPlatform.js';
import { TreeRemoveConfirm, TreeRemoveNotices } from './TreeRemoval.js';
import { rowDomId, TreeRowView, type RowContext } from './TreeRowView.js';
import { removeTarget } from './remove-target.js';
import type { TreeRow } from './tree-model.js';
import { useCameraStatuses, useOnWall, useTreeRows } from './use-tree-rows.js';
import { useNoteViewed } from './use-note-viewed.js';
import { useTreeShortcuts } from './use-tree-shortcuts.js';
import { VirtualList } from './VirtualList.js';
import './tree.css';

/** One line per row: 300 cameras are a few screens, not nineteen. */
export const TREE_ROW_PX = 26;

const MODE_TEXT: Record<TreeMode, MessageKey> = {
  device: 'tree.mode.device',
  area: 'tree.mode.area',
  favourites: 'tree.mode.favourites',
  recent: 'tree.mode.recent',
};

/** Enter or Space on a button of the panel presses it; the wall's shortcuts must not take the key. */
function keepButtonKeys(e: KeyboardEvent<HTMLElement>): void {
  if ((e.key === 'Enter' || e.key === ' ') && (e.target as HTMLElement).tagName === 'BUTTON') e.stopPropagation();
}

export function CameraTree() {
  const t = useT();
  const mode = useStore(treeSelectors.mode);
  const query = useStore(treeSelectors.query);
  const favouriteList = useStore(treeSelectors.favourites);
  const { rows, devices, found } = useTreeRows();
  const statuses = useCameraStatuses();
  const onWall = useOnWall();
  const [adding, setAdding] = useState(false);
  const [activeKey, setActiveKey] = useState<string>();
  const searchRef = useRef<HTMLInputElement>(null);
  useNoteViewed();
  useTreeShortcuts(searchRef);

  const store = useStore.getState;
  const favourites = useMemo(() => new Set(favouriteList), [favouriteList]);
  const demoDevices = useMemo(() => new Set(devices.filter((d) => d.demo).map((d) => d.id)), [devices]);
  const activeIndex = rows.findIndex((r) => r.key === activeKey);

  const askRemove = useCallback((row: TreeRow) => {
    const target = removeTarget(row, devices);
    if (target) store().askTreeRemove(target);
  }, [devices, store]);

  const ctx: RowContext = {
    activeKey,
    showDevice: mode !== 'device',
    statusOf: (id) => statuses.get(id) ?? 'unknown',
    onWall,
    favourites,
    demoDevices,
    activate: setActiveKey,
    toggleGroup: (key) => store().toggleTreeGroup(key),
    play: (id) => void store().assignCamera(id),
    toggleFavourite: (id) => void store().toggleFavourite(id),
    askRemove,
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = activeIndex;
    const row = rows[at];
    const move = (i: number) => {
      const next = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (next) setActiveKey(next.key);
    };
    let handled = true;
    if (e.key === 'ArrowDown') move(at + 1);
    else if (e.key === 'ArrowUp') move(at < 0 ? 0 : at - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(rows.length - 1);
    else if (e.key === 'ArrowRight' && row?.type === 'group' && !row.expanded) ctx.toggleGroup(row.key);
    else if (e.key === 'ArrowLeft' && row?.type === 'group' && row.expanded) ctx.toggleGroup(row.key);
    else if (e.key === 'Enter' && row?.type === 'camera') ctx.play(row.cameraId);
    else if (e.key === 'Enter' && row?.type === 'group') ctx.toggleGroup(row.key);
    else if (e.key === 'Delete' && row) askRemove(row);
    else handled = false;
    // The wall's own keys (arrows move its selection) must not act while the tree has them.
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const empty = rows.length > 0 ? undefined : found ? t('tree.search.none', { query }) : mode === 'favourites' ? t('tree.empty.favourites') : mode === 'recent' ? t('tree.empty.recent') : t('tree.empty.devices');

  return (
    <aside className="sw-devices sw-tree" data-testid="device-list" onKeyDown={keepButtonKeys}>
      <div className="sw-devices-bar">
        <h2>{t('tree.title')}</h2>
        {!adding && (
          <button data-testid="add-camera" onClick={() => setAdding(true)}>
            {t('devices.add')}
          </button>
        )}
      </div>
      {adding && <AddCameraForm onDone={() => setAdding(false)} />}
      <AddPlatform />
      <div className="sw-tree-modes" role="group" aria-label={t('tree.modes')}>
        {TREE_MODES.map((m) => (
          <button key={m} aria-pressed={mode === m} className={mode === m ? 'on' : ''} data-testid={`tree-mode-${m}`} onClick={() => store().setTreeMode(m)}>
            {t(MODE_TEXT[m])}
          </button>
        ))}
      </div>
      <div className="sw-tree-search">
        <input
          ref={searchRef}
          type="search"
          value={query}
          maxLength={64}
          placeholder={t('tree.search')}
          aria-label={t('tree.search')}
          data-testid="tree-search"
          onChange={(e) => store().setTreeQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query) {
              e.stopPropagation();
              store().setTreeQuery('');
            }
          }}
        />
        {found && (
          <span className="sw-muted" data-testid="tree-found" role="status">
            {t('tree.search.count', { count: found.size })}
          </span>
        )}
      </div>
      <TreeRemoveConfirm />
      {empty ? (
        <p className="sw-muted sw-tree-empty" data-testid="tree-empty">
          {empty}
        </p>
      ) : (
        <VirtualList
          rows={rows}
          rowHeight={TREE_ROW_PX}
          rowKey={(r) => r.key}
          renderRow={(r) => <TreeRowView row={r} ctx={ctx} />}
          activeIndex={activeIndex}
          activeId={activeKey && activeIndex >= 0 ? rowDomId(activeKey) : undefined}
          onKeyDown={onKeyDown}
          label={t('tree.label')}
          testId="camera-tree"
          resetKey={`${mode}|${query}`}
        />
      )}
      <TreeRemoveNotices />
    </aside>
  );
}
