import { useState } from 'react';
import { displayNameProblem } from '@common/contract/display-name.js';
import type { MessageKey } from '../../i18n/translate.js';
import { useT, useTError } from '../../i18n/use-t.js';
import { ContractError } from '../../services/bridge.js';
import { useStore, wallsSelectors } from '../../store/index.js';
import { wallLabel } from './wall-label.js';

type Done = { key: MessageKey; name: string; undo?: () => Promise<void> } | { error: string };

/**
 * Walls and scenes (墙与预案): every wall (show here, duplicate, delete), a new wall, renaming this
 * window's wall; scenes saved from every wall and recalled. Whatever a step replaced or deleted can
 * be put back with 撤销 until the next step.
 */
export function WallsDialog() {
  const open = useStore(wallsSelectors.wallsDialogOpen);
  const setOpen = useStore((s) => s.setWallsDialogOpen);
  if (!open) return null;
  return <Dialog onClose={() => setOpen(false)} />;
}

function Dialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const tError = useTError();
  const wall = useStore(wallsSelectors.wall);
  const walls = useStore(wallsSelectors.walls);
  const scenes = useStore(wallsSelectors.scenes);
  const s = useStore.getState;
  const [newName, setNewName] = useState('');
  const [rename, setRename] = useState(wall ? wallLabel(t, wall) : '');
  const [sceneName, setSceneName] = useState('');
  const [done, setDone] = useState<Done>();

  const run = (step: () => Promise<Done | undefined>) => {
    step().then(setDone, (e: unknown) => {
      const lastWall = e instanceof ContractError && e.params?.reason === 'last_wall';
      setDone({ error: lastWall ? t('walls.lastWall') : t('walls.failed', { reason: tError(e instanceof ContractError ? e : { code: 'internal' }) }) });
    });
  };
  /** A name the operator typed, or the reason it cannot be used. */
  const named = (raw: string): string | undefined => {
    const name = raw.trim();
    const problem = displayNameProblem(name);
    if (!problem) return name;
    setDone({ error: problem === 'blank' ? t('walls.nameBlank') : tError({ code: problem === 'too_long' ? 'name_too_long' : 'name_invalid_chars' }) });
    return undefined;
  };

  return (
    <div className="sw-overlay" role="dialog" aria-modal="true" aria-labelledby="sw-walls-title" data-testid="walls-dialog" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="sw-dialog sw-walls-dialog">
        <h2 id="sw-walls-title">{t('walls.title')}</h2>
        <h3>{t('walls.section')}</h3>
        <ul className="sw-walls-list">
          {walls.map((w) => (
            <li key={w.id} data-testid="walls-item">
              <span>
                {wallLabel(t, w)} {w.id === wall?.id && <em className="sw-muted">（{t('walls.here')}）</em>}
              </span>
              <span className="sw-muted">{t('walls.tiles', { count: w.tiles.length })}</span>
              <button disabled={w.id === wall?.id} onClick={() => run(async () => (await s().showWall(w.id), undefined))}>
                {t('walls.show')}
              </button>
              <button onClick={() => run(async () => (await s().createWall(t('walls.copyName', { name: wallLabel(t, w) }), w.id), undefined))}>{t('walls.duplicate')}</button>
              <button
                className="sw-danger"
                onClick={() =>
                  run(async () => {
                    const gone = await s().removeWall(w.id);
                    return { key: 'walls.removed', name: wallLabel(t, w), undo: () => s().restoreWalls(gone) };
                  })
                }
              >
                {t('walls.remove')}
              </button>
            </li>
          ))}
        </ul>
        <div className="sw-layout-editor-row">
          <input data-testid="walls-new-name" aria-label={t('walls.newName')} placeholder={t('walls.newName')} value={newName} onChange={(e) => setNewName(e.target.value)} />
          <button
            data-testid="walls-create"
            onClick={() => {
              const name = named(newName);
              if (name) run(async () => (await s().createWall(name), setNewName(''), undefined));
            }}
          >
            {t('walls.create')}
          </button>
          <input data-testid="walls-rename-name" aria-label={t('walls.rename')} value={rename} onChange={(e) => setRename(e.target.value)} />
          <button
            data-testid="walls-rename"
            onClick={() => {
              const name = named(rename);
              if (name) run(async () => (await s().renameWall(name), undefined));
            }}
          >
            {t('walls.renameButton')}
          </button>
        </div>

        <h3>{t('scenes.section')}</h3>
        <p className="sw-muted">{t('scenes.hint')}</p>
        {scenes.length === 0 && <p className="sw-muted">{t('scenes.none')}</p>}
        <ul className="sw-walls-list">
          {scenes.map((sc) => (
            <li key={sc.id} data-testid="scene-item">
              <span>{sc.name}</span>
              <span className="sw-muted">{t('scenes.walls', { count: sc.walls.length })}</span>
              <button
                data-testid="scene-recall"
                onClick={() =>
                  run(async () => {
                    const before = await s().recallScene(sc.id);
                    return { key: 'scenes.recalled', name: sc.name, undo: () => s().restoreWalls(before, sc.id) };
                  })
                }
              >
                {t('scenes.recall')}
              </button>
              <button
                className="sw-danger"
                onClick={() =>
                  run(async () => {
                    const gone = await s().removeScene(sc.id);
                    return { key: 'scenes.removed', name: gone.name, undo: () => s().putScene(gone) };
                  })
                }
              >
                {t('scenes.remove')}
              </button>
            </li>
          ))}
        </ul>
        <div className="sw-layout-editor-row">
          <input data-testid="scene-name" aria-label={t('scenes.name')} placeholder={t('scenes.name')} value={sceneName} onChange={(e) => setSceneName(e.target.value)} />
          <button
            data-testid="scene-save"
            onClick={() => {
              const name = named(sceneName);
              if (!name) return;
              run(async () => {
                const { scene, replaced } = await s().saveScene(name);
                setSceneName('');
                return replaced ? { key: 'scenes.replaced', name: scene.name, undo: () => s().putScene(replaced) } : { key: 'scenes.saved', name: scene.name };
              });
            }}
          >
            {t('scenes.save')}
          </button>
        </div>

        {done && 'error' in done && (
          <p className="sw-danger" role="alert" data-testid="walls-note">
            {done.error}
          </p>
        )}
        {done && 'key' in done && (
          <p role="status" data-testid="walls-note">
            {t(done.key, { name: done.name })}{' '}
            {done.undo && (
              <button data-testid="walls-undo" onClick={() => run(async () => (await done.undo!(), { key: 'scenes.undone', name: '' }))}>
                {t('wall.undo.button')}
              </button>
            )}
          </p>
        )}
        <div className="sw-dialog-buttons">
          <button data-testid="walls-close" onClick={onClose}>
            {t('layoutEditor.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
