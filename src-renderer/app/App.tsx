import { useEffect } from 'react';
import { useT } from '../i18n/use-t.js';
import { initBridge } from '../services/bridge.js';
import { appSelectors, settingsSelectors, useStore } from '../store/index.js';
import { Header } from './Header.js';
import { ProblemBanner } from './ProblemBanner.js';
import { DeviceList } from '../features/devices/DeviceList.js';
import { WallView } from '../features/wall/WallView.js';
import { ExportPanel } from '../features/export/ExportPanel.js';

export function App() {
  const status = useStore(appSelectors.status);
  const locale = useStore(settingsSelectors.locale);
  const t = useT();

  useEffect(() => {
    initBridge()
      .then(() => useStore.getState().load())
      .catch(() => useStore.setState({ status: 'failed' }));
    return () => useStore.getState().unload();
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  if (status === 'loading') return <div className="sw-splash">{t('app.loading')}</div>;
  if (status === 'failed') return <div className="sw-splash sw-error" role="alert">{t('app.connectFailed')}</div>;
  return (
    <div className="sw-shell" data-testid="shell">
      <Header />
      <ProblemBanner />
      <main className="sw-main">
        <DeviceList />
        <WallView />
        <ExportPanel />
      </main>
    </div>
  );
}
