import { useT } from '../i18n/use-t.js';
import { appSelectors, useStore } from '../store/index.js';

/** One banner while main is gone, instead of every tile counting down on its own; it goes when the page is back. */
export function ConnectionBanner() {
  const t = useT();
  const connected = useStore(appSelectors.connected);
  if (connected) return null;
  return (
    <div className="sw-connection-lost" role="alert" data-testid="connection-lost">
      {t('app.connectionLost')}
    </div>
  );
}
