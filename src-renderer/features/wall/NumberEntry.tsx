import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useStore, wallsSelectors } from '../../store/index.js';
import { key } from '../shortcuts/registry.js';
import { useShortcuts } from '../shortcuts/use-shortcuts.js';

/** An unfinished number is dropped after this long without a key, as on a network keyboard. */
const ENTRY_TIMEOUT_MS = 5000;

/**
 * Number entry as on a CCTV network keyboard: type a number, then T to select that tile, or
 * C to call that camera (its number in the camera list) onto the selected tile.
 */
export function NumberEntry() {
  const t = useT();
  const [digits, setDigits] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!digits && !error) return;
    const timer = setTimeout(() => {
      setDigits('');
      setError(undefined);
    }, ENTRY_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [digits, error]);

  useShortcuts(
    () => [
      {
        id: 'wall.number.digit',
        keys: '0-9',
        label: 'shortcuts.wall.number',
        group: 'wall',
        match: (e) => /^[0-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey,
        run: (e) => {
          setError(undefined);
          setDigits((d) => (d + e.key).slice(-3));
        },
      },
      {
        id: 'wall.number.tile',
        keys: 'T',
        label: 'shortcuts.wall.numberTile',
        group: 'wall',
        match: key('t'),
        enabled: () => digits !== '',
        run: () => {
          const n = Number(digits);
          setDigits('');
          const tiles = useStore.getState().wall?.tiles.length ?? 0;
          if (n >= 1 && n <= tiles) useStore.getState().selectTile(n - 1);
          else setError(t('wall.number.noTile', { n, count: tiles }));
        },
      },
      {
        id: 'wall.number.camera',
        keys: 'C',
        label: 'shortcuts.wall.numberCamera',
        group: 'wall',
        match: key('c'),
        enabled: () => digits !== '',
        run: () => {
          const n = Number(digits);
          setDigits('');
          const cameraId = wallsSelectors.cameraNumbered(useStore.getState(), n);
          if (cameraId) void useStore.getState().placeCameras([[useStore.getState().selectedTile, cameraId]], useStore.getState().selectedTile);
          else setError(t('wall.number.noCamera', { n }));
        },
      },
      { id: 'wall.number.clear', keys: 'Esc', label: 'shortcuts.wall.numberClear', group: 'wall', match: key('Escape'), enabled: () => digits !== '' || !!error, run: () => (setDigits(''), setError(undefined)), priority: 20 },
    ],
    [digits, error, t],
  );

  if (!digits && !error) return null;
  return (
    <div className={`sw-number-entry${error ? ' bad' : ''}`} role="status" data-testid="number-entry">
      {error ?? t('wall.number.typed', { digits })}
    </div>
  );
}
