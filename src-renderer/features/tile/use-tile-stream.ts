import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { createPlayer } from '../../player/index.js';
import { closeStream, onAnyStreamStatus, reconnectStream } from '../../services/streams.js';
import { planStream } from './stream-plan.js';
import { TileSession, type TileView } from './tile-session.js';
import { tileVideoPool } from './tile-video-pool.js';

export type { TileView as TileStream } from './tile-session.js';

/**
 * Binds a TileSession (tile-session.ts) to the tile: one session per camera and profile, active
 * while visible. `device` is the camera's device as the store has it: a new object when it changed.
 */
export function useTileStream(
  cameraId: string | null,
  profile: 'main' | 'sub',
  slotRef: RefObject<HTMLElement | null>,
  active: boolean,
  device?: object,
): { view: TileView; retryNow(): void } {
  const [view, setView] = useState<TileView>({});
  const sessionRef = useRef<TileSession | undefined>(undefined);

  useEffect(() => {
    sessionRef.current?.deviceChanged();
  }, [device]);

  useEffect(() => {
    const slot = slotRef.current;
    if (!cameraId || !active || !slot) {
      setView({});
      return;
    }
    const session = new TileSession(
      { cameraId, profile },
      {
        plan: planStream,
        closeStream,
        reconnect: reconnectStream,
        onStreamStatus: onAnyStreamStatus,
        createPlayer,
        acquireVideo: () => {
          const video = tileVideoPool.acquire();
          if (!video) return undefined;
          video.dataset.testid = 'tile-video';
          slot.appendChild(video);
          return video;
        },
        releaseVideo: (video) => tileVideoPool.release(video),
      },
      setView,
    );
    sessionRef.current = session;
    session.setActive(true);
    return () => {
      sessionRef.current = undefined;
      session.dispose();
    };
  }, [cameraId, profile, active, slotRef]);

  const retryNow = useCallback(() => sessionRef.current?.retryNow(), []);
  return { view, retryNow };
}
