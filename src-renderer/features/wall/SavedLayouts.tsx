import { useState } from 'react';
import type { CustomLayout } from '@common/contract/index.js';
import { useT, useTError } from '../../i18n/use-t.js';
import { ContractError } from '../../services/bridge.js';
import { useStore, wallsSelectors } from '../../store/index.js';

/** The saved custom layouts in the editor: edit one, or remove it (and put it back with 撤销). */
export function SavedLayouts({ onEdit }: { onEdit(layout: CustomLayout): void }) {
  const t = useT();
  const tError = useTError();
  const layouts = useStore(wallsSelectors.customLayouts);
  const remove = useStore((s) => s.removeCustomLayout);
  const save = useStore((s) => s.saveCustomLayout);
  const [removed, setRemoved] = useState<CustomLayout>();
  const [error, setError] = useState<string>();
  const fail = (e: unknown) => setError(tError(e instanceof ContractError ? e : { code: 'internal' }));
  return (
    <section className="sw-saved-layouts" data-testid="saved-layouts">
      <h3>{t('layoutEditor.saved.list')}</h3>
      {layouts.length === 0 && <p className="sw-muted">{t('layoutEditor.none')}</p>}
      <ul>
        {layouts.map((l) => (
          <li key={l.id} data-testid="saved-layout">
            <span>{l.name}</span> <span className="sw-muted">{t('layoutEditor.tiles', { count: l.cells.length })}</span>
            <button onClick={() => onEdit(l)}>{t('layoutEditor.load')}</button>
            <button
              className="sw-danger"
              onClick={() => {
                setError(undefined);
                remove(l.id).then(setRemoved, fail);
              }}
            >
              {t('layoutEditor.remove')}
            </button>
          </li>
        ))}
      </ul>
      {removed && (
        <p role="status" data-testid="layout-removed">
          {t('layoutEditor.removed', { name: removed.name })}{' '}
          <button
            onClick={() => {
              save(removed).then(() => setRemoved(undefined), fail);
            }}
          >
            {t('wall.undo.button')}
          </button>
        </p>
      )}
      {error && (
        <p className="sw-danger" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
