import { useEffect, useState, type RefObject } from 'react';
import type { DecodeCapabilities, StreamFacts, StreamState } from '@common/contract/stream.js';
import { canDecode, createPlayer, probeDecodeCaps, type DarkReason, type Player, type PlayerStats } from '../../player/index.js';
import { closeStream, onStreamStatus, openStream } from '../../services/streams.js';
import { tileVideoPool } from './tile-video-pool.js';

export interface TileStream {
  state?: StreamState;
  retryInMs?: number;
  /** Why the tile shows no picture: a codec this computer cannot decode, or too many live tiles. */
  darkReason?: DarkReason | 'player_cap';
  /** Playing an H.264 re-encode made by the main process (the camera's codec does not decode here). */
  transcoded?: boolean;
  stats?: PlayerStats;
}

let decode: DecodeCapabilities | undefined;

/** What this window decodes, asked of MSE once (it does not change while the window lives). */
function windowDecoders(): DecodeCapabilities {
  decode ??= { ...probeDecodeCaps(), aac: canDecode('mp4a.40.2') };
  return decode;
}

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 15_000;

/**
 * Opens the camera while the tile is visible (the main process answers with what decodes here:
 * the stream, its H.264 sub-stream or an H.264 re-encode), plays it, and re-opens after a player
 * error with a growing delay. Closing the tile or hiding it stops the player and releases the stream.
 */
export function useTileStream(cameraId: string | null, profile: 'main' | 'sub', slotRef: RefObject<HTMLElement | null>, active: boolean): TileStream {
  const [view, setView] = useState<TileStream>({});

  useEffect(() => {
    const slot = slotRef.current;
    if (!cameraId || !active || !slot) {
      setView({});
      return;
    }
    const video = tileVideoPool.acquire();
    if (!video) {
      setView({ darkReason: 'player_cap' });
      return;
    }
    video.dataset.testid = 'tile-video';
    slot.appendChild(video);
    let cancelled = false;
    let player: Player | undefined;
    let streamId: string | undefined;
    let unsubscribe: (() => void) | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = RETRY_MIN_MS;
    // Once the camera's own stream proved undecodable here, retries go straight to the transcode.
    let transcoding = false;

    const release = (): void => {
      player?.detach();
      player = undefined;
      unsubscribe?.();
      unsubscribe = undefined;
      if (streamId) closeStream(streamId);
      streamId = undefined;
    };

    // One round trip: the main process answers with what plays in this window.
    const openFacts = async (): Promise<StreamFacts | undefined> => {
      const answer = await openStream(cameraId, profile, windowDecoders(), transcoding ? { transcode: true } : {});
      if (answer.plan === 'dark') {
        setView({ darkReason: answer.reason });
        return undefined;
      }
      if (answer.plan === 'transcode') {
        transcoding = true;
        setView((v) => ({ ...v, transcoded: true }));
      }
      return answer;
    };

    const start = async (): Promise<void> => {
      setView((v) => ({ ...v, state: 'connecting' }));
      try {
        const facts = await openFacts();
        if (cancelled) {
          if (facts) closeStream(facts.streamId);
          return;
        }
        if (!facts) return;
        streamId = facts.streamId;
        const showStatus = (s: StreamFacts['status']): void => setView((v) => ({ ...v, state: s.state, ...(s.retryInMs !== undefined ? { retryInMs: s.retryInMs } : {}) }));
        // The answer carries the source's state now; events bring the changes after it.
        showStatus(facts.status);
        unsubscribe = onStreamStatus(facts.streamId, showStatus);
        const p = createPlayer(facts);
        player = p;
        p.on('state', (s) => {
          if (s === 'playing') {
            delay = RETRY_MIN_MS;
            setView((v) => ({ ...v, state: 'live' }));
          } else if (s === 'stalled') setView((v) => ({ ...v, state: 'stalled' }));
        });
        p.on('error', (e) => {
          if (e.code === 'h265_unsupported') {
            release();
            // The camera's codec was not known when it opened, so this showed only now: ask for the re-encode.
            if (!transcoding && !cancelled) {
              transcoding = true;
              setView({ state: 'connecting', transcoded: true });
              void start();
              return;
            }
            setView({ darkReason: 'h265_unsupported' });
            return;
          }
          scheduleRetry();
        });
        p.attach(video);
      } catch {
        if (!cancelled) scheduleRetry();
      }
    };

    const scheduleRetry = (): void => {
      release();
      if (cancelled) return;
      setView((v) => ({ ...v, state: 'reconnecting', retryInMs: delay }));
      retryTimer = setTimeout(() => void start(), delay);
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    };

    void start();
    const statsTimer = setInterval(() => {
      if (player) setView((v) => ({ ...v, stats: player!.stats() }));
    }, 1000);

    return () => {
      cancelled = true;
      clearTimeout(retryTimer);
      clearInterval(statsTimer);
      release(); // the player's teardown first, then the element goes back to the pool
      tileVideoPool.release(video);
    };
  }, [cameraId, profile, active, slotRef]);

  return view;
}
