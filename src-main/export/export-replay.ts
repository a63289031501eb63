// "Export the last N seconds" of a watched stream: the replay buffer's pictures, muxed to MP4
// with the stream copied, packaged with metadata and a signed manifest, written safely.
import { writeExportPackage, type ExportPackageResult, type ManifestSigner } from './package/index.js';
import type { ExportMetadataInput } from './package/metadata.js';
import { gapsUtc, muxMp4, TIMESCALE } from './mux/index.js';
import { rangeSampleInfos, rangeSamples, readRange } from './recorder/range-reader.js';
import type { ReplayBuffer } from './recorder/replay-buffer.js';
import type { ExportProgress } from './writer/index.js';

export const MUXER_NAME = 'skywall-mp4/1';

/** What the operator and the app say about the export; times and video facts come from the buffer. */
export type ExportDetails = Omit<ExportMetadataInput, 'startUtc' | 'endUtc' | 'video' | 'gaps' | 'container' | 'sourceType' | 'recorderClockOffsetMs' | 'exportedAtUtc' | 'requestedRange'>;

export interface ReplayExportRequest {
  buffer: ReplayBuffer;
  lastMs: number;
  parentDir: string;
  details: ExportDetails;
  signer: ManifestSigner;
  signal?: AbortSignal;
  onProgress?(progress: ExportProgress): void;
  maxFileBytes?: number;
  now?: () => Date;
  /** 'recording' for a manual recording's own buffer. */
  sourceType?: 'replay_buffer' | 'recording';
}

export async function exportFromReplayBuffer(req: ReplayExportRequest): Promise<ExportPackageResult> {
  const range = await req.buffer.range(req.lastMs);
  try {
    const samples = rangeSamples(range);
    const clip = muxMp4(range.track, rangeSampleInfos(range), () => readRange(range));
    const firstWallMs = samples[0].wallMs;
    const endWallMs = firstWallMs + (clip.table.duration90k * 1000) / TIMESCALE;
    const t = range.track;
    return await writeExportPackage({
      parentDir: req.parentDir,
      signer: req.signer,
      signal: req.signal,
      onProgress: req.onProgress,
      maxFileBytes: req.maxFileBytes,
      clip,
      metadata: {
        ...req.details,
        startUtc: new Date(firstWallMs).toISOString(),
        endUtc: new Date(endWallMs).toISOString(),
        // Live pictures are timed by this workstation's clock, not the recorder's.
        recorderClockOffsetMs: null,
        sourceType: req.sourceType ?? 'replay_buffer',
        exportedAtUtc: (req.now ?? (() => new Date()))().toISOString(),
        video: { codec: t.codec, codecString: t.codecString, width: t.width, height: t.height, frames: samples.length },
        gaps: gapsUtc(clip.table, firstWallMs),
        container: { format: 'mp4', muxer: MUXER_NAME, streamCopied: true },
      },
    });
  } finally {
    range.release();
  }
}
