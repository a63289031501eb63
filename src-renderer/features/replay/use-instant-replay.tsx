// Instant replay in a tile: the tile's toolbar gets 回放 30 秒, which fetches the last 30 s of
// the camera's replay buffer and plays it over the live picture; the live stream keeps running
// underneath so that 回到直播 is immediate. The tile mounts it with one hook call.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';
import { exportService } from '../../services/export.js';
import type { TileAction } from '../tile/TileToolbar.js';
import { ReplayPlayer, type LoadedReplay } from './ReplayPlayer.js';
import './replay.css';

const BACK_SECONDS = 30;

type ReplayState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'open'; clip: LoadedReplay } | { kind: 'problem'; message: MessageKey };

export interface InstantReplay {
  /** The toolbar action (none for an empty tile or while the replay is open). */
  action: TileAction | undefined;
  /** The replay, a notice or nothing, to render inside the tile. */
  overlay: ReactNode;
}

export function useInstantReplay(cameraId: string | undefined, profile: 'main' | 'sub'): InstantReplay {
  const t = useT();
  const [state, setState] = useState<ReplayState>({ kind: 'idle' });
  // Each request gets a number; an answer for an older one (closed, camera changed) is dropped.
  const attempt = useRef(0);

  const close = () => {
    attempt.current++;
    setState((s) => {
      if (s.kind === 'open') URL.revokeObjectURL(s.clip.src);
      return { kind: 'idle' };
    });
  };
  useEffect(() => close, [cameraId]);

  useEffect(() => {
    if (state.kind !== 'problem') return;
    const timer = setTimeout(() => setState({ kind: 'idle' }), 5000);
    return () => clearTimeout(timer);
  }, [state]);

  const open = async (camera: string) => {
    const mine = ++attempt.current;
    setState({ kind: 'loading' });
    const next = await loadReplay(camera, profile);
    if (mine !== attempt.current) {
      if (next.kind === 'open') URL.revokeObjectURL(next.clip.src);
      return;
    }
    setState(next);
  };

  const action: TileAction | undefined =
    cameraId && state.kind !== 'open'
      ? { id: 'replay', label: state.kind === 'loading' ? t('replay.loading') : t('replay.open'), disabled: state.kind === 'loading', run: () => void open(cameraId) }
      : undefined;
  const overlay =
    state.kind === 'open' ? (
      <ReplayPlayer clip={state.clip} asked={BACK_SECONDS} onLive={close} />
    ) : state.kind === 'problem' ? (
      <div className="sw-replay-problem" data-testid="replay-problem">
        {t(state.message)}
      </div>
    ) : null;
  return { action, overlay };
}

async function loadReplay(cameraId: string, profile: 'main' | 'sub'): Promise<ReplayState> {
  try {
    const r = await exportService.replay({ cameraId, profile, backSeconds: BACK_SECONDS });
    if ('problem' in r) return { kind: 'problem', message: 'replay.noVideo' };
    const res = await fetch(r.url);
    if (!res.ok) return { kind: 'problem', message: 'replay.failed' };
    const src = URL.createObjectURL(await res.blob());
    return { kind: 'open', clip: { src, startMs: r.startMs, durationMs: r.durationMs, frames: r.frames, frameMs: r.frameMs, newestMs: r.newestMs } };
  } catch {
    return { kind: 'problem', message: 'replay.failed' };
  }
}
