// One export's progress: recorder time fetched of the span while downloading, then bytes
// written and read back with speed and time remaining.
import { useT } from '../../i18n/use-t.js';
import type { ExportProgressEvent } from '../../services/export.js';
import { minutesText } from './export-span.js';

const mb = (n: number) => (n / 1e6).toFixed(1);

export function ExportProgressLine({ progress, finished }: { progress: ExportProgressEvent; finished: boolean }) {
  const t = useT();
  // Once the export has ended, "time left" would be stale: the line says it is over.
  if (finished && progress.phase === 'write') {
    return (
      <div data-testid="export-progress" data-export-id={progress.exportId} data-phase="finished">
        <progress max={1} value={1} /> {t('export.progress.finished', { total: mb(progress.totalBytes), speed: mb(progress.bytesPerSecond) })}
      </div>
    );
  }
  if (finished) return null;
  if (progress.phase === 'download') {
    const span = progress.spanMs ?? 0;
    const done = Math.min(progress.recordedMs ?? 0, span);
    return (
      <div data-testid="export-progress" data-export-id={progress.exportId} data-phase="download">
        <progress max={span} value={done} /> {t('export.progress.download', { done: minutesText(done), span: minutesText(span), left: progress.secondsLeft })}
      </div>
    );
  }
  return (
    <div data-testid="export-progress" data-export-id={progress.exportId} data-phase="write">
      <progress max={progress.totalBytes} value={progress.doneBytes} />{' '}
      {t('export.progress', { done: mb(progress.doneBytes), total: mb(progress.totalBytes), speed: mb(progress.bytesPerSecond), left: progress.secondsLeft })}
    </div>
  );
}
