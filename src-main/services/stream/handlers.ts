import type { streamChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { StreamService } from './service.js';
import type { SnapshotWriter } from './snapshots.js';

export function streamHandlers(streams: StreamService, snapshots: SnapshotWriter): DomainHandlers<typeof streamChannels> {
  return {
    'sw:stream:open': (req) => streams.open(req),
    'sw:stream:close': ({ streamId }) => {
      streams.close(streamId);
      return { ok: true as const };
    },
    'sw:stream:reconnect': ({ streamId }) => {
      streams.reconnect(streamId);
      return { ok: true as const };
    },
    'sw:stream:setKeyframesOnly': ({ streamId, keyframesOnly }) => {
      streams.setKeyframesOnly(streamId, keyframesOnly);
      return { ok: true as const };
    },
    'sw:stream:hubCounts': () => {
      const { sources, consumers } = streams.hub.stats();
      return { sources, consumers };
    },
    'sw:stream:snapshot': (part) => snapshots.save(part),
    'sw:stream:tileWish': (wish) => {
      streams.tileWish(wish);
      return { ok: true as const };
    },
  };
}
