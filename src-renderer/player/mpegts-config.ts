// mpegts.js settings for live CCTV, kept pure so the choices are visible and tested.
// Why each value: docs/player.md and ../shared/reference/player-security-evidence.md.
import type Mpegts from 'mpegts.js';
import type { Transport } from './types.js';

export type MpegtsTransport = Extract<Transport, 'flv-ws' | 'flv-http' | 'mpegts'>;

export interface MpegtsLatencyOptions {
  /** Exactly one latency mechanism: seek-based chasing, or playbackRate-based liveSync. */
  mechanism: 'chase' | 'sync';
  /** chase: seek when buffer exceeds this, s. */
  chaseMaxSec: number;
  /** chase: buffer left after the seek, s. */
  chaseMinRemainSec: number;
  /** sync: speed up when buffer exceeds this, s. */
  syncMaxSec: number;
  /** sync: slow back to 1.0 at this buffer, s. */
  syncTargetSec: number;
  syncRate: number;
  /** Back-buffer kept behind currentTime, s. */
  backBufferSec: number;
  /** Demux audio too (off: a tile is muted, and audio gaps stall MSE playback). */
  audio: boolean;
}

// Measured here: chase 0.3/0.1 s gave ~176 ms p50 one tile; 0.15/0.05 s saved ~90 ms but stalled 5-40x more.
export const DEFAULT_MPEGTS_LATENCY: MpegtsLatencyOptions = {
  mechanism: 'chase',
  chaseMaxSec: 0.3,
  chaseMinRemainSec: 0.1,
  syncMaxSec: 0.5,
  syncTargetSec: 0.2,
  syncRate: 1.1,
  backBufferSec: 10,
  audio: false,
};

export interface MpegtsSetup {
  mediaDataSource: Mpegts.MediaDataSource;
  config: Mpegts.Config;
}

export function buildMpegtsSetup(url: string, transport: MpegtsTransport, options: Partial<MpegtsLatencyOptions> = {}): MpegtsSetup {
  const o = { ...DEFAULT_MPEGTS_LATENCY, ...options };
  const chase = o.mechanism === 'chase';
  return {
    mediaDataSource: {
      type: transport === 'mpegts' ? 'mpegts' : 'flv',
      isLive: true,
      url,
      hasVideo: true,
      hasAudio: o.audio,
    },
    config: {
      isLive: true,
      enableWorker: false,
      enableStashBuffer: false,
      lazyLoad: false,
      deferLoadAfterSourceOpen: false,
      liveBufferLatencyChasing: chase,
      liveBufferLatencyChasingOnPaused: false,
      liveBufferLatencyMaxLatency: o.chaseMaxSec,
      liveBufferLatencyMinRemain: o.chaseMinRemainSec,
      liveSync: !chase,
      liveSyncMaxLatency: o.syncMaxSec,
      liveSyncTargetLatency: o.syncTargetSec,
      liveSyncPlaybackRate: o.syncRate,
      autoCleanupSourceBuffer: true,
      // mpegts.js cleans when the back-buffer passes Max, down to Min.
      autoCleanupMaxBackwardDuration: o.backBufferSec + 5,
      autoCleanupMinBackwardDuration: o.backBufferSec,
      fixAudioTimestampGap: o.audio,
      accurateSeek: false,
    },
  };
}

/** All mpegts.js logging off: it floods the console per segment otherwise. */
export function silenceMpegtsLogging(logging: Mpegts.LoggingControl): void {
  logging.applyConfig({ enableAll: false, enableDebug: false, enableVerbose: false, enableInfo: false, enableWarn: false, enableError: false });
}
