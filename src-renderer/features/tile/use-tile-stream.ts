import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { createPlayer } from '../../player/index.js';
import { closeStream, onAnyStreamStatus, reconnectStream, setKeyframesOnly } from '../../services/streams.js';
import { planStream } from './stream-plan.js';
import { TileSession, type TileView } from './tile-session.js';
import { TileStage, type StageSessionFactory, type TileTarget } from './tile-stage.js';
import { tileVideoPool } from './tile-video-pool.js';

export type { TileView as TileStream } from './tile-session.js';

/** A video started underneath the one on screen (make-before-break) carries this class. */
const UNDER_CLASS = 'sw-video-under';

/** Sessions for one tile, their elements placed in `slot`. */
function sessionFactory(slot: HTMLElement): StageSessionFactory {
  return (target, onView, front) => {
    let video: HTMLVideoElement | undefined;
    let revealed = front;
    const session = new TileSession(
      target,
      {
        plan: planStream,
        closeStream,
        reconnect: reconnectStream,
        setKeyframesOnly: (streamId, on) => void setKeyframesOnly(streamId, on).catch(() => undefined),
        onStreamStatus: onAnyStreamStatus,
        createPlayer,
        acquireVideo: () => {
          const v = tileVideoPool.acquire();
          if (!v) return undefined;
          v.dataset.testid = 'tile-video';
          v.classList.toggle(UNDER_CLASS, !revealed);
          slot.appendChild(v);
          video = v;
          return v;
        },
        releaseVideo: (v) => {
          v.classList.remove(UNDER_CLASS);
          tileVideoPool.release(v);
          if (video === v) video = undefined;
        },
      },
      onView,
    );
    return {
      session,
      reveal: () => {
        revealed = true;
        video?.classList.remove(UNDER_CLASS);
      },
    };
  };
}

/**
 * Binds a TileStage (tile-stage.ts: make-before-break over TileSessions, tile-session.ts) to the
 * tile. `target` null: nothing plays (no camera, or the tile is not seen). `device` is the
 * camera's device as the store has it: a new object when it changed. `keyframesOnly`: the page
 * is overloaded and this tile is not the one watched (overload.ts).
 */
export function useTileStream(
  target: TileTarget | null,
  slotRef: RefObject<HTMLElement | null>,
  device?: object,
  keyframesOnly = false,
): { view: TileView; showing: TileTarget | undefined; retryNow(): void; prepare(next: TileTarget | null): void } {
  const [{ view, showing }, setShown] = useState<{ view: TileView; showing: TileTarget | undefined }>({ view: {}, showing: undefined });
  const stageRef = useRef<TileStage | undefined>(undefined);

  useEffect(() => {
    const slot = slotRef.current;
    if (!slot) return;
    const stage = new TileStage(sessionFactory(slot), (v, t) => setShown({ view: v, showing: t }));
    stageRef.current = stage;
    return () => {
      stageRef.current = undefined;
      stage.dispose();
    };
  }, [slotRef]);

  const cameraId = target?.cameraId;
  const profile = target?.profile;
  const viewer = target?.viewer;
  useEffect(() => {
    stageRef.current?.show(cameraId && profile ? { cameraId, profile, ...(viewer ? { viewer } : {}) } : null);
  }, [cameraId, profile, viewer]);

  useEffect(() => {
    stageRef.current?.deviceChanged();
  }, [device]);

  useEffect(() => {
    stageRef.current?.setKeyframesOnly(keyframesOnly);
  }, [keyframesOnly]);

  const retryNow = useCallback(() => stageRef.current?.retryNow(), []);
  /** Start `next` underneath for its turn; null drops what was prepared and not yet asked for. */
  const prepare = useCallback((next: TileTarget | null) => (next ? stageRef.current?.prepare(next) : stageRef.current?.cancelPrepared()), []);
  return { view, showing, retryNow, prepare };
}
