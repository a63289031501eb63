import type { StreamFacts } from '@common/contract/stream.js';
import { useT } from '../../i18n/use-t.js';

const RELAY_FORMAT: Record<Exclude<StreamFacts['transport'], 'fmp4-ws'>, string> = { 'flv-ws': 'FLV', 'flv-http': 'FLV', mpegts: 'TS', hls: 'HLS' };

/** Platform and URL cameras: which way the stream comes, through the hub or the media relay (mpegts.js, HLS). */
export function TilePath({ transport }: { transport: StreamFacts['transport'] }) {
  const t = useT();
  const hub = transport === 'fmp4-ws';
  const format = hub ? '' : RELAY_FORMAT[transport];
  return (
    <span className="sw-tile-chip" data-testid="tile-path" data-path={hub ? 'hub' : 'relay'} title={hub ? t('tile.path.hint.hub') : t('tile.path.hint.relay', { format })}>
      {hub ? t('tile.path.hub') : t('tile.path.relay', { format })}
    </span>
  );
}
