// The PlayerStats fields every player fills the same way from its <video>.
import { bufferAheadMs } from './mse-support.js';
import type { PlayerState, PlayerStats, Transport } from './types.js';
import type { VideoObserver } from './video-observer.js';

/** Stats from the element and observer; transport-specific fields start at 0 / null. */
export function elementStats(transport: Transport, state: PlayerState, video: HTMLVideoElement | null, observer: VideoObserver | null): PlayerStats {
  const q = observer?.quality() ?? { decoded: 0, dropped: 0 };
  return {
    transport,
    state,
    width: video?.videoWidth ?? 0,
    height: video?.videoHeight ?? 0,
    fps: observer?.fps(performance.now()) ?? 0,
    bitrateBps: 0,
    bytesReceived: 0,
    bufferAheadMs: video ? bufferAheadMs(video) : 0,
    receiveToDisplayMs: null,
    ingestToDisplayMs: null,
    decodedFrames: q.decoded,
    droppedFrames: q.dropped,
    stalls: observer?.stalls ?? 0,
    jumps: 0,
    playbackRate: video?.playbackRate ?? 1,
    firstFrameMs: observer?.firstFrameMs ?? null,
  };
}
