// Instant replay in a tile: a 回放 30 秒 button on the selected tile fetches the last 30 s of the
// camera's replay buffer and plays it over the live picture, which keeps running underneath so
// that 回到直播 is immediate. Mounted by the tile in one line.
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';
import { exportService } from '../../services/export.js';
import { ReplayPlayer, type LoadedReplay } from './ReplayPlayer.js';
import './replay.css';

const BACK_SECONDS = 30;

type SlotState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'open'; clip: LoadedReplay } | { kind: 'problem'; message: MessageKey };

export function ReplaySlot({ cameraId, profile, selected }: { cameraId: string; profile: 'main' | 'sub'; selected: boolean }) {
  const t = useT();
  const [state, setState] = useState<SlotState>({ kind: 'idle' });
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

  const open = async () => {
    const mine = ++attempt.current;
    setState({ kind: 'loading' });
    const next = await loadReplay(cameraId, profile);
    if (mine !== attempt.current) {
      if (next.kind === 'open') URL.revokeObjectURL(next.clip.src);
      return;
    }
    setState(next);
  };

  return (
    <>
      {state.kind === 'open' && <ReplayPlayer clip={state.clip} asked={BACK_SECONDS} onLive={close} />}
      {(selected || state.kind === 'loading') && state.kind !== 'open' && (
        <button
          type="button"
          className="sw-replay-toggle"
          data-testid="replay-open"
          title={t('replay.openTitle')}
          disabled={state.kind === 'loading'}
          onClick={(e) => {
            e.stopPropagation();
            void open();
          }}
          onDoubleClick={(e) => e.stopPropagation()}
        >
          {state.kind === 'loading' ? t('replay.loading') : t('replay.open')}
        </button>
      )}
      {state.kind === 'problem' && (
        <div className="sw-replay-problem" data-testid="replay-problem">
          {t(state.message)}
        </div>
      )}
    </>
  );
}

async function loadReplay(cameraId: string, profile: 'main' | 'sub'): Promise<SlotState> {
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
