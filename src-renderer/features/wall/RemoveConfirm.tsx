import { useT } from '../../i18n/use-t.js';
import { devicesSelectors, useStore, wallsSelectors } from '../../store/index.js';

/** "Remove camera X from tile N?": the safe answer has the focus, so a stray Enter removes nothing. */
export function RemoveConfirm() {
  const t = useT();
  const at = useStore(wallsSelectors.removeAsk);
  const cameraId = useStore((s) => (at === undefined ? null : (s.wall?.tiles[at]?.cameraId ?? null)));
  const camera = useStore((s) => devicesSelectors.cameraById(s, cameraId));
  const confirm = useStore((s) => s.confirmRemove);
  const cancel = useStore((s) => s.cancelRemove);
  if (at === undefined) return null;
  return (
    <div className="sw-overlay" role="alertdialog" aria-modal="true" aria-labelledby="sw-remove-title" data-testid="remove-confirm" onKeyDown={(e) => e.key === 'Escape' && cancel()}>
      <div className="sw-dialog">
        <h2 id="sw-remove-title">{t('wall.remove.title', { tile: at + 1, camera: camera?.name ?? cameraId ?? '' })}</h2>
        <p className="sw-muted">{t('wall.remove.body')}</p>
        <div className="sw-dialog-buttons">
          <button autoFocus data-testid="remove-cancel" onClick={cancel}>
            {t('wall.remove.cancel')}
          </button>
          <button className="sw-danger" data-testid="remove-confirm-yes" onClick={() => void confirm()}>
            {t('wall.remove.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
