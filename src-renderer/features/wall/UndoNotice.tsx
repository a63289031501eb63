import { useT } from '../../i18n/use-t.js';
import { useStore, wallsSelectors } from '../../store/index.js';

/** What just changed on the wall, with the way back (also Ctrl+Z). */
export function UndoNotice() {
  const t = useT();
  const notice = useStore(wallsSelectors.undoNotice);
  const overflow = useStore(wallsSelectors.overflowCount);
  const undo = useStore((s) => s.undo);
  const dismiss = useStore((s) => s.dismissUndo);
  if (!notice) return null;
  const what =
    notice.kind === 'layout'
      ? (notice.name ? t('wall.undo.layoutNamed', { name: notice.name }) : t('wall.undo.layout', { n: notice.n ?? 0 })) + (overflow > 0 ? ` ${t('wall.overflow', { count: overflow })}` : '')
      : notice.kind === 'remove'
        ? t('wall.undo.remove', { tile: notice.n ?? 0 })
        : t('wall.undo.swap');
  return (
    <div className="sw-undo" role="status" data-testid="undo-notice">
      <span>{what}</span>
      <button data-testid="undo" onClick={() => void undo()}>
        {t('wall.undo.button')}
      </button>
      <button className="sw-link" aria-label={t('wall.undo.dismiss')} onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
