import { useT } from '../../i18n/use-t.js';
import { useStore, wallsSelectors } from '../../store/index.js';

/** A scene recalled from the keyboard, with the way back to the walls it replaced. */
export function SceneNotice() {
  const t = useT();
  const undo = useStore(wallsSelectors.sceneUndo);
  const undoRecall = useStore((s) => s.undoSceneRecall);
  const dismiss = useStore((s) => s.dismissSceneUndo);
  if (!undo) return null;
  return (
    <div className="sw-undo" role="status" data-testid="scene-notice">
      <span>{t('scenes.recalledByKey', { name: undo.name })}</span>
      <button data-testid="scene-undo" onClick={() => void undoRecall().catch(() => undefined)}>
        {t('wall.undo.button')}
      </button>
      <button className="sw-link" aria-label={t('wall.undo.dismiss')} onClick={dismiss}>
        ×
      </button>
    </div>
  );
}
