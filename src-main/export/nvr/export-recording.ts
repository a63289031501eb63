// "Export this span from the recorder": download it with RTSP replay (faster than real time
// where the recorder allows), mux the pictures as they came (stream copied), and write the
// signed package. Times in the metadata are the recorder's; its clock offset is recorded.
import { rm } from 'node:fs/promises';
import type { ExportDetails } from '../export-replay.js';
import { MUXER_NAME } from '../export-replay.js';
import { gapsUtc, muxMp4, TIMESCALE } from '../mux/index.js';
import { writeExportPackage, type ExportPackageResult, type ManifestSigner } from '../package/index.js';
import { rangeSampleInfos, readRange } from '../recorder/range-reader.js';
import type { ExportProgress } from '../writer/index.js';
import { downloadRecording, type RecordingSource } from './download-recording.js';

export interface RecordingExportRequest {
  source: RecordingSource;
  /** Workstation clock, ms since the epoch; the recorder is asked for it in its own clock. */
  range: { from: number; to: number };
  /** Recorder clock minus workstation clock, ms (measured from the device), or null when unknown. */
  clockOffsetMs: number | null;
  /** Scratch folder on local disk for the download (removed afterwards). */
  scratchDir: string;
  parentDir: string;
  details: ExportDetails;
  signer: ManifestSigner;
  signal?: AbortSignal;
  onDownload?(doneMs: number, spanMs: number): void;
  onProgress?(progress: ExportProgress): void;
  maxFileBytes?: number;
  now?: () => Date;
}

export interface RecordingExportResult extends ExportPackageResult {
  download: { pictures: number; discontinuities: number; recorderTimes: boolean; elapsedMs: number };
}

export async function exportFromRecorder(req: RecordingExportRequest): Promise<RecordingExportResult> {
  const offset = req.clockOffsetMs ?? 0;
  const started = Date.now();
  try {
    const got = await downloadRecording({
      source: req.source,
      range: { from: req.range.from + offset, to: req.range.to + offset },
      dir: req.scratchDir,
      signal: req.signal,
      onProgress: req.onDownload,
    });
    const elapsedMs = Date.now() - started;
    const clip = muxMp4(got.range.track, rangeSampleInfos(got.range), () => readRange(got.range));
    const t = got.range.track;
    const endMs = got.firstRecordedMs + (clip.table.duration90k * 1000) / TIMESCALE;
    const result = await writeExportPackage({
      parentDir: req.parentDir,
      signer: req.signer,
      signal: req.signal,
      onProgress: req.onProgress,
      maxFileBytes: req.maxFileBytes,
      clip,
      metadata: {
        ...req.details,
        startUtc: new Date(got.firstRecordedMs).toISOString(),
        endUtc: new Date(endMs).toISOString(),
        requestedRange: { startUtc: new Date(req.range.from + offset).toISOString(), endUtc: new Date(req.range.to + offset).toISOString() },
        recorderClockOffsetMs: req.clockOffsetMs,
        sourceType: 'nvr_download',
        exportedAtUtc: (req.now ?? (() => new Date()))().toISOString(),
        video: { codec: t.codec, codecString: t.codecString, width: t.width, height: t.height, frames: clip.table.sizes.length },
        gaps: gapsUtc(clip.table, got.firstRecordedMs),
        container: { format: 'mp4', muxer: MUXER_NAME, streamCopied: true },
      },
    });
    return { ...result, download: { pictures: got.pictures, discontinuities: got.discontinuities, recorderTimes: got.recorderTimes, elapsedMs } };
  } finally {
    await rm(req.scratchDir, { recursive: true, force: true });
  }
}
