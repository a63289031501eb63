// Manual recording from a tile: 手动录像 in the tile's toolbar records the camera into the export
// panel's target folder until 停止录像; the recording is then exported like any clip (signed,
// written safely, verified) and shows in the export history. The tile shows 录像中 and for how
// long. Mounted by the tile with one hook call.
import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/use-t.js';
import { exportService } from '../../services/export.js';
import type { TileAction } from '../tile/TileToolbar.js';
import { minutesText } from './export-span.js';
import { useExportTarget } from './export-target.js';

type Recording = { recordingId: string; startedAt: number } | undefined;

export function useManualRecording(cameraId: string | undefined, profile: 'main' | 'sub'): { action: TileAction | undefined; overlay: ReactNode } {
  const t = useT();
  const target = useExportTarget();
  const [recording, setRecording] = useState<Recording>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<'noFolder' | 'failed' | undefined>();
  const [now, setNow] = useState(Date.now());

  // A recording started earlier (another render of this tile, a reload) is picked up again.
  useEffect(() => {
    setRecording(undefined);
    if (!cameraId) return;
    let live = true;
    void exportService
      .recordings()
      .then((list) => {
        const mine = list.find((r) => r.cameraId === cameraId);
        if (live && mine) setRecording({ recordingId: mine.recordingId, startedAt: Date.parse(mine.startedAt) });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [cameraId]);

  useEffect(() => {
    if (!recording) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [recording]);

  useEffect(() => {
    if (!problem) return;
    const timer = setTimeout(() => setProblem(undefined), 5000);
    return () => clearTimeout(timer);
  }, [problem]);

  const toggle = async (camera: string) => {
    setBusy(true);
    try {
      if (recording) {
        await exportService.recordStop(recording.recordingId);
        setRecording(undefined);
      } else if (!target.folder.trim()) {
        setProblem('noFolder');
      } else {
        const r = await exportService.recordStart({ cameraId: camera, profile, targetDir: target.folder.trim(), caseReference: target.caseReference, reason: target.reason });
        setRecording({ recordingId: r.recordingId, startedAt: Date.parse(r.startedAt) });
        setNow(Date.now());
      }
    } catch {
      setProblem('failed');
    } finally {
      setBusy(false);
    }
  };

  const action: TileAction | undefined = cameraId
    ? { id: 'record', label: recording ? t('export.record.stop') : t('export.record.start'), pressed: Boolean(recording), disabled: busy, run: () => void toggle(cameraId) }
    : undefined;
  const overlay = (
    <>
      {recording && (
        <div className="sw-tile-recording" data-testid="tile-recording">
          {t('export.record.on', { time: minutesText(now - recording.startedAt) })}
        </div>
      )}
      {problem && (
        <div className="sw-tile-recording-problem" data-testid="tile-recording-problem">
          {problem === 'noFolder' ? t('export.record.noFolder') : t('export.record.failed')}
        </div>
      )}
    </>
  );
  return { action, overlay };
}
