import { useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import { key, SHORTCUT_GROUPS, type ShortcutGroup } from './registry.js';
import { useShortcutList, useShortcuts } from './use-shortcuts.js';

const GROUP_NAMES = { wall: 'shortcuts.group.wall', tile: 'shortcuts.group.tile', ptz: 'shortcuts.group.ptz', layoutEditor: 'shortcuts.group.layoutEditor', app: 'shortcuts.group.app' } as const satisfies Record<ShortcutGroup, string>;

/** Every registered shortcut, grouped; opened with "?" or F1, closed with Esc or the same key. */
export function HelpOverlay() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const list = useShortcutList();
  useShortcuts(
    () => [
      { id: 'app.help', keys: '? / F1', label: 'shortcuts.help', group: 'app', match: (e) => e.key === '?' || key('F1')(e), run: () => setOpen((o) => !o), inDialogs: true },
      { id: 'app.help.close', keys: 'Esc', label: 'shortcuts.help.close', group: 'app', match: key('Escape'), enabled: () => open, run: () => setOpen(false), whileTyping: true, inDialogs: true, priority: 30 },
    ],
    [open],
  );
  if (!open) return null;
  return (
    <div className="sw-overlay" role="dialog" aria-modal="true" aria-labelledby="sw-help-title" data-testid="shortcut-help" onClick={() => setOpen(false)}>
      <div className="sw-dialog sw-help" onClick={(e) => e.stopPropagation()}>
        <h2 id="sw-help-title">{t('shortcuts.title')}</h2>
        {SHORTCUT_GROUPS.map((g) => {
          const rows = list.filter((s) => s.group === g && s.keys !== '' && s.id !== 'app.help.close');
          if (rows.length === 0) return null;
          return (
            <section key={g}>
              <h3>{t(GROUP_NAMES[g])}</h3>
              <dl>
                {rows.map((s) => (
                  <div key={s.id} className="sw-help-row" data-testid="shortcut-row">
                    <dt>
                      <kbd>{s.keys}</kbd>
                    </dt>
                    <dd>{t(s.label)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
        <button autoFocus onClick={() => setOpen(false)}>
          {t('shortcuts.help.close')}
        </button>
      </div>
    </div>
  );
}
