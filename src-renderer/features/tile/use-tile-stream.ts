import { useEffect, useState, type RefObject } from 'react';
import type { StreamFacts, StreamState } from '../../../src-main/common/contract/stream.js';
import { chooseSource, createPlayer, type DarkReason, type Player, type PlayerStats } from '../../player/index.js';
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

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 15_000;

/**
 * Opens the camera while the tile is visible, picks a decodable source (H.265 -> H.264
 * sub-stream -> H.264 transcode in the main process), plays it, and re-opens after a player
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

    const openFacts = async (): Promise<StreamFacts | undefined> => {
      if (transcoding) return openStream(cameraId, profile, { transcode: true });
      const facts = await openStream(cameraId, profile);
      const choice = chooseSource(facts, { subStream: facts.hasSubStream ? { url: '', transport: facts.transport } : undefined, canTranscode: facts.canTranscode });
      if (choice.action === 'play') return facts;
      closeStream(facts.streamId);
      if (choice.action === 'use_substream') return openStream(cameraId, 'sub');
      if (choice.action === 'request_transcode') {
        transcoding = true;
        setView((v) => ({ ...v, transcoded: true }));
        return openStream(cameraId, profile, { transcode: true });
      }
      setView({ darkReason: choice.reason });
      return undefined;
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
        unsubscribe = onStreamStatus(facts.streamId, (s) => setView((v) => ({ ...v, state: s.state, ...(s.retryInMs !== undefined ? { retryInMs: s.retryInMs } : {}) })));
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
            // The camera's codec was not configured, so this showed only now: transcode if we can.
            if (facts.canTranscode && !transcoding && !cancelled) {
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
