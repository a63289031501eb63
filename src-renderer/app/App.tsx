import { useEffect } from 'react';
import { useT } from '../i18n/use-t.js';
import { initBridge } from '../services/bridge.js';
import { appSelectors, auditSelectors, healthSelectors, settingsSelectors, useStore } from '../store/index.js';
import { AuditView } from '../features/audit/AuditView.js';
import { HealthView } from '../features/health/HealthView.js';
import { Header } from './Header.js';
import { ProblemBanner } from './ProblemBanner.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { CameraTree } from '../features/tree/CameraTree.js';
import { WallView } from '../features/wall/WallView.js';
import { ExportPanel } from '../features/export/ExportPanel.js';
import { DeviceEditor } from '../features/devices/DeviceEditor.js';
import { HelpOverlay } from '../features/shortcuts/HelpOverlay.js';
import { dispatchKey } from '../features/shortcuts/registry.js';
import { wallsSelectors } from '../store/index.js';

export function App() {
  const status = useStore(appSelectors.status);
  const auditOpen = useStore(auditSelectors.open);
  const healthOpen = useStore(healthSelectors.open) && !auditOpen;
  const locale = useStore(settingsSelectors.locale);
  const wallFullScreen = useStore(wallsSelectors.wallFullScreen);
  const reconnects = useStore(appSelectors.reconnects);
  const t = useT();

  useEffect(() => {
    // One key listener for the window: every feature's keys go through the shortcut registry.
    window.addEventListener('keydown', dispatchKey);
    return () => window.removeEventListener('keydown', dispatchKey);
  }, []);

  useEffect(() => {
    let stopWatching = (): void => undefined;
    initBridge()
      .then(() => {
        stopWatching = useStore.getState().followConnection();
        return useStore.getState().load();
      })
      .catch(() => useStore.setState({ status: 'failed' }));
    return () => {
      stopWatching();
      useStore.getState().unload();
    };
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  if (status === 'loading') return <div className="sw-splash">{t('app.loading')}</div>;
  if (status === 'failed') return <div className="sw-splash sw-error" role="alert">{t('app.connectFailed')}</div>;
  return (
    <div className={`sw-shell${wallFullScreen ? ' wall-full-screen' : ''}`} data-testid="shell">
      <Header />
      <ConnectionBanner />
      <ProblemBanner />
      {/* The wall stays mounted under the audit view; its hidden tiles stop their players until it shows again. */}
      {auditOpen && <AuditView />}
      {healthOpen && <HealthView />}
      <main className="sw-main" hidden={auditOpen || healthOpen}>
        <CameraTree />
        {/* After main comes back every tile starts afresh: the streams it had died with the old main. */}
        <WallView key={reconnects} />
        <ExportPanel />
      </main>
      <DeviceEditor />
      <HelpOverlay />
    </div>
  );
}
