// One line of the camera tree: a group (device or area) or a camera.
import type { DragEvent, MouseEvent } from 'react';
import { useT } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';
import { useStore } from '../../store/index.js';
import type { CameraStatus } from '../../store/tree/tree-types.js';
import { writeCameraDrag } from './drag-data.js';
import type { CameraRow, GroupRow, TreeRow } from './tree-model.js';

const STATUS_TEXT: Record<CameraStatus, MessageKey> = {
  online: 'tree.status.online',
  offline: 'tree.status.offline',
  auth_failed: 'tree.status.auth_failed',
  unknown: 'tree.status.unknown',
};

const INDENT_PX = 14;

export interface RowContext {
  activeKey?: string;
  /** Mode lists (favourites, recent, areas) name the device beside the camera. */
  showDevice: boolean;
  statusOf(cameraId: string): CameraStatus;
  onWall: ReadonlySet<string>;
  favourites: ReadonlySet<string>;
  demoDevices: ReadonlySet<string>;
  activate(key: string): void;
  toggleGroup(key: string): void;
  play(cameraId: string): void;
  toggleFavourite(cameraId: string): void;
  askRemove(row: TreeRow): void;
}

export function rowDomId(key: string): string {
  return `tree-row-${key.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

/** Keeps a click on a row's button from also activating or toggling the row. */
function own(handler: () => void) {
  return (e: MouseEvent) => {
    e.stopPropagation();
    handler();
  };
}

export function TreeRowView({ row, ctx }: { row: TreeRow; ctx: RowContext }) {
  return row.type === 'group' ? <GroupLine row={row} ctx={ctx} /> : <CameraLine row={row} ctx={ctx} />;
}

function GroupLine({ row, ctx }: { row: GroupRow; ctx: RowContext }) {
  const t = useT();
  const offline = row.cameraIds.filter((id) => ctx.statusOf(id) === 'offline' || ctx.statusOf(id) === 'auth_failed').length;
  const onDragStart = (e: DragEvent) => writeCameraDrag(e.dataTransfer, row.cameraIds, row.group === 'device' ? 'device' : 'group');
  return (
    <div
      id={rowDomId(row.key)}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={row.expanded}
      aria-selected={ctx.activeKey === row.key}
      className={`sw-tree-row sw-tree-group${ctx.activeKey === row.key ? ' active' : ''}`}
      data-testid={row.group === 'device' ? 'device-item' : 'area-item'}
      title={t('tree.drag.group')}
      draggable={row.cameraIds.length > 0}
      onDragStart={onDragStart}
      onClick={() => {
        ctx.activate(row.key);
        ctx.toggleGroup(row.key);
      }}
    >
      <span style={{ width: row.depth * INDENT_PX }} className="sw-tree-indent" />
      <span className="sw-tree-caret" aria-hidden>
        {row.expanded ? '▾' : '▸'}
      </span>
      <span className="sw-tree-name">{row.unplaced ? t('tree.unplaced') : row.label}</span>
      {row.demo && <span className="sw-badge">{t('tree.demo')}</span>}
      {offline > 0 && (
        <span className="sw-tree-offline" data-testid="group-offline">
          {t('tree.offlineCount', { count: offline })}
        </span>
      )}
      <span className="sw-tree-count" title={t('tree.count.title', { count: row.cameraIds.length })}>
        {t('tree.count', { count: row.cameraIds.length })}
      </span>
      {row.group === 'device' && row.deviceId && !row.demo && (
        <button tabIndex={-1} className="sw-tree-act" data-testid="edit-device" title={t('devices.edit')} aria-label={t('devices.edit')} onClick={own(() => useStore.getState().openDeviceEditor(row.deviceId!))}>
          ✎
        </button>
      )}
      {row.group === 'device' && row.deviceId && !row.demo && (
        <button tabIndex={-1} className="sw-tree-act sw-tree-remove" data-testid="remove-device" title={t('tree.remove.device')} aria-label={t('tree.remove.device')} onClick={own(() => ctx.askRemove(row))}>
          ×
        </button>
      )}
    </div>
  );
}

function CameraLine({ row, ctx }: { row: CameraRow; ctx: RowContext }) {
  const t = useT();
  const status = ctx.statusOf(row.cameraId);
  const fav = ctx.favourites.has(row.cameraId);
  const onWall = ctx.onWall.has(row.cameraId);
  return (
    <div
      id={rowDomId(row.key)}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-selected={ctx.activeKey === row.key}
      className={`sw-tree-row sw-tree-camera${ctx.activeKey === row.key ? ' active' : ''}`}
      data-testid="camera-item"
      data-camera-id={row.cameraId}
      data-status={status}
      title={t('tree.drag.hint')}
      draggable
      onDragStart={(e) => writeCameraDrag(e.dataTransfer, [row.cameraId], 'camera')}
      onClick={() => ctx.activate(row.key)}
      onDoubleClick={() => ctx.play(row.cameraId)}
    >
      <span style={{ width: row.depth * INDENT_PX }} className="sw-tree-indent" />
      <span className={`sw-tree-dot ${status}`} role="img" aria-label={t(STATUS_TEXT[status])} title={t(STATUS_TEXT[status])} data-testid="camera-status" />
      <span className="sw-tree-name">{row.name}</span>
      {ctx.showDevice && <span className="sw-tree-device">{row.deviceName}</span>}
      {row.ptz && <span className="sw-tree-tag">{t('tree.ptz')}</span>}
      {onWall && (
        <span className="sw-tree-onwall" data-testid="on-wall-mark" title={t('tree.onWall.title')}>
          {t('tree.onWall')}
        </span>
      )}
      <button
        tabIndex={-1}
        className={`sw-tree-act sw-tree-fav${fav ? ' on' : ''}`}
        data-testid="favourite-toggle"
        aria-pressed={fav}
        title={t(fav ? 'tree.favourite.remove' : 'tree.favourite.add')}
        aria-label={t(fav ? 'tree.favourite.remove' : 'tree.favourite.add')}
        onClick={own(() => ctx.toggleFavourite(row.cameraId))}
      >
        {fav ? '★' : '☆'}
      </button>
      {!ctx.demoDevices.has(row.deviceId) && (
        <button tabIndex={-1} className="sw-tree-act sw-tree-remove" data-testid="remove-camera" title={t('tree.remove.camera')} aria-label={t('tree.remove.camera')} onClick={own(() => ctx.askRemove(row))}>
          ×
        </button>
      )}
    </div>
  );
}
