// One entry point: StreamFacts in, the right Player out.
import { assertNever } from '@common/model/assert-never.js';
import { Fmp4WsPlayer, type Fmp4WsPlayerOptions } from './fmp4-ws-player.js';
import { HlsPlayer } from './hls-player.js';
import type { MpegtsLatencyOptions } from './mpegts-config.js';
import { MpegtsPlayer } from './mpegts-player.js';
import type { Player, PlayerSource } from './types.js';

export interface CreatePlayerOptions {
  /** Tuning for the fMP4 appender (latency controller, back-buffer, timeouts). */
  fmp4?: Omit<Fmp4WsPlayerOptions, 'url'>;
  /** mpegts.js latency mechanism and values. */
  mpegts?: Partial<MpegtsLatencyOptions>;
}

export function createPlayer(source: PlayerSource, options: CreatePlayerOptions = {}): Player {
  switch (source.transport) {
    case 'fmp4-ws':
      return new Fmp4WsPlayer({ ...options.fmp4, url: source.url });
    case 'flv-ws':
    case 'flv-http':
    case 'mpegts':
      return new MpegtsPlayer({ url: source.url, transport: source.transport, ...(options.mpegts ? { latency: options.mpegts } : {}) });
    case 'hls':
      return new HlsPlayer({ url: source.url });
    default:
      return assertNever(source.transport);
  }
}
