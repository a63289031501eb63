import { useEffect } from 'react';
import { useT } from '../i18n/use-t.js';
import { initBridge } from '../services/bridge.js';
import { useAppStore } from '../store/app-store.js';
import { Header } from './Header.js';
import { ProblemBanner } from './ProblemBanner.js';
import { DeviceList } from '../features/devices/DeviceList.js';
import { WallView } from '../features/wall/WallView.js';

export function App() {
  const status = useAppStore((s) => s.status);
  const locale = useAppStore((s) => s.settings?.locale ?? 'zh-CN');
  const t = useT();

  useEffect(() => {
    initBridge()
      .then(() => useAppStore.getState().load())
      .catch(() => useAppStore.setState({ status: 'failed' }));
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
      </main>
    </div>
  );
}
