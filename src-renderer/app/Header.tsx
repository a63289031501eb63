import type { Locale } from '@common/contract/settings.js';
import { useT } from '../i18n/use-t.js';
import { LOCALES } from '../i18n/translate.js';
import { auditSelectors, healthSelectors, settingsSelectors, useStore } from '../store/index.js';
import { LiveCount } from './LiveCount.js';

export function Header() {
  const t = useT();
  const locale = useStore(settingsSelectors.locale);
  const setLocale = useStore((s) => s.setLocale);
  const showStats = useStore(settingsSelectors.showTileStats);
  const setShowStats = useStore((s) => s.setShowTileStats);
  const auditOpen = useStore(auditSelectors.open);
  const healthOpen = useStore(healthSelectors.open);
  return (
    <header className="sw-header">
      <h1 data-testid="app-title">{t('app.title')}</h1>
      <LiveCount />
      <button data-testid="audit-open" aria-pressed={auditOpen} onClick={() => void (auditOpen ? useStore.getState().closeAudit() : useStore.getState().openAudit())}>
        {t('audit.open')}
      </button>
      <button data-testid="health-open" aria-pressed={healthOpen} onClick={() => (healthOpen ? useStore.getState().closeHealth() : (useStore.getState().closeAudit(), useStore.getState().openHealth()))}>
        {t('health.open')}
      </button>
      <label className="sw-toggle">
        <input type="checkbox" data-testid="stats-toggle" checked={showStats} onChange={(e) => void setShowStats(e.target.checked)} />
        {t('tile.stats.toggle')}
      </label>
      <label className="sw-lang">
        {t('lang.label')}
        <select data-testid="locale-select" value={locale} onChange={(e) => void setLocale(e.target.value as Locale)}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(l === 'en' ? 'lang.en' : 'lang.zh-CN')}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
