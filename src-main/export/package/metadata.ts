// What an export says about itself (metadata.json), following forensic guidance: who, what,
// when, from where, and why. Times are UTC ISO 8601. A gap in the recording is listed, never hidden.
export const METADATA_FORMAT = 'skywall-export-metadata/1';
export const METADATA_FILE = 'metadata.json';

export type ExportSourceType = 'replay_buffer' | 'recording' | 'nvr_download';

export interface RecordingGap {
  startUtc: string;
  endUtc: string;
  durationMs: number;
}

export interface ExportMetadataInput {
  camera: { id: string; name: string };
  device: { id: string; name: string };
  channel: string;
  startUtc: string;
  endUtc: string;
  /** Recorder downloads: the span asked of the recorder (its clock); the recording may start later or end sooner. */
  requestedRange?: { startUtc: string; endUtc: string };
  /**
   * Recorder clock minus true time in ms (positive: the recorder is ahead), or null when it was
   * not measured (a live stream's times come from this workstation's clock).
   */
  recorderClockOffsetMs: number | null;
  sourceType: ExportSourceType;
  operator: string;
  workstation: string;
  appVersion: string;
  exportedAtUtc: string;
  caseReference: string;
  reason: string;
  video: { codec: string; codecString: string; width: number; height: number; frames: number };
  gaps: RecordingGap[];
  /** How the stream got into the file: always a copy, never re-encoded. */
  container: { format: 'mp4'; muxer: string; streamCopied: true };
}

export interface ExportMetadata extends ExportMetadataInput {
  format: typeof METADATA_FORMAT;
  /** The clip as written: one name, or numbered parts to join in order. */
  clipFiles: string[];
}

/** Keeps letters (any script), digits, - and _; everything else becomes -. */
export function fileNameSlug(text: string, fallback = 'camera'): string {
  const slug = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return slug || fallback;
}

/** `2026-01-02T03:04:05.678Z` -> `20260102T030405Z` */
export function compactUtc(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Folder (and clip) name: camera name and UTC start, e.g. `大门-东_20260102T030405Z`. */
export function exportFolderName(meta: Pick<ExportMetadataInput, 'camera' | 'startUtc'>): string {
  return `${fileNameSlug(meta.camera.name)}_${compactUtc(meta.startUtc)}`;
}
