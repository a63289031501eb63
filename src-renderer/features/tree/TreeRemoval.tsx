// Removing from the tree asks first and can be undone: the confirmation opens on 取消 (cancel),
// and a notice offers 撤销 (undo) until the removal is sent to main.
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/use-t.js';
import { treeSelectors, useStore } from '../../store/index.js';
import { TREE_UNDO_MS } from '../../store/tree/action.js';

export function TreeRemoveConfirm() {
  const t = useT();
  const ask = useStore(treeSelectors.removeAsk);
  const wall = useStore((s) => s.wall);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (ask) cancel.current?.focus();
  }, [ask]);
  if (!ask) return null;
  const leaving = new Set(ask.cameraIds);
  const tiles = (wall?.tiles ?? []).filter((tile) => tile.cameraId && leaving.has(tile.cameraId)).length;
  const { cancelTreeRemove, confirmTreeRemove } = useStore.getState();
  return (
    <div
      className="sw-tree-confirm"
      role="alertdialog"
      aria-labelledby="sw-tree-confirm-text"
      data-testid="tree-remove-confirm"
      onKeyDown={(e) => {
        // The question owns the keys while it has focus: Enter answers the focused button, never
        // a wall shortcut (maximise, remove).
        e.stopPropagation();
        if (e.key === 'Escape') cancelTreeRemove();
      }}
    >
      <p id="sw-tree-confirm-text">
        {ask.kind === 'device' ? t('tree.confirm.device', { name: ask.name, count: ask.cameraIds.length }) : t('tree.confirm.camera', { name: ask.name })}
      </p>
      {tiles > 0 && <p className="sw-muted">{t('tree.confirm.tiles', { tiles })}</p>}
      <p className="sw-muted">{t('tree.confirm.undo', { seconds: TREE_UNDO_MS / 1000 })}</p>
      <div className="sw-form-buttons">
        <button ref={cancel} data-testid="tree-remove-cancel" onClick={cancelTreeRemove}>
          {t('tree.confirm.cancel')}
        </button>
        <button className="sw-danger" data-testid="tree-remove-ok" onClick={() => void confirmTreeRemove()}>
          {t('tree.confirm.ok')}
        </button>
      </div>
    </div>
  );
}

export function TreeRemoveNotices() {
  const t = useT();
  const removed = useStore(treeSelectors.removed);
  const failed = useStore(treeSelectors.removeFailed);
  const { undoTreeRemove, finishTreeRemove, dismissTreeRemoveFailed } = useStore.getState();
  return (
    <>
      {removed && (
        <div className="sw-tree-notice" role="status" data-testid="tree-undo-notice">
          <span>{t('tree.removed', { name: removed.target.name })}</span>
          <button data-testid="tree-undo" onClick={() => void undoTreeRemove()}>
            {t('tree.undo')}
          </button>
          <button className="sw-link" data-testid="tree-undo-close" onClick={() => void finishTreeRemove()}>
            {t('tree.undo.close')}
          </button>
        </div>
      )}
      {failed && (
        <div className="sw-tree-notice bad" role="alert" data-testid="tree-remove-failed">
          <span>{t('tree.removeFailed', { name: failed.name })}</span>
          <button className="sw-link" onClick={dismissTreeRemoveFailed}>
            {t('tree.removeFailed.close')}
          </button>
        </div>
      )}
    </>
  );
}
