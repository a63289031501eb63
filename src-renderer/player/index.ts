// Public surface of the renderer player library (framework-free; the tile component calls it).
export type { FirstFrameInfo, Player, PlayerError, PlayerErrorCode, PlayerEvent, PlayerEventMap, PlayerSource, PlayerState, PlayerStats, Transport } from './types.js';
export { createPlayer, type CreatePlayerOptions } from './create-player.js';
export { Fmp4WsPlayer, type Fmp4WsPlayerOptions } from './fmp4-ws-player.js';
export { MpegtsPlayer, type MpegtsPlayerOptions } from './mpegts-player.js';
export { HlsPlayer, type HlsPlayerOptions } from './hls-player.js';
export { VideoElementPool, CHROMIUM_LIVE_PLAYER_CAP, type PoolCounts, type VideoElementPoolOptions } from './video-element-pool.js';
export {
  canDecode,
  chooseSource,
  probeDecodeCaps,
  probeDecodeCapsWithMpegts,
  PROBE_H264,
  PROBE_H265,
  type DecodeCaps,
  type SourceAlternatives,
  type SourceChoice,
  type SourceFacts,
  type DarkReason,
} from './codec-support.js';
export { DEFAULT_LIVE_EDGE, type LiveEdgeConfig } from './live-edge-controller.js';
export { DEFAULT_MPEGTS_LATENCY, type MpegtsLatencyOptions } from './mpegts-config.js';
