// Public surface of the demo camera's RTSP server and its reusable Annex-B reader.
export { startDemoRtspServer, DEFAULT_DEMO_STREAMS, DEFAULT_DEMO_ARCHIVES } from './demo-rtsp-server.js';
export { DemoArchive, DEFAULT_ARCHIVE_GAPS, DEFAULT_ARCHIVE_MS, type ArchiveSection } from './archive.js';
export type {
  DemoArchiveConfig,
  DemoClipId,
  DemoRtspAuth,
  DemoRtspFaults,
  DemoRtspServer,
  DemoRtspServerOptions,
  DemoRtspServerStats,
  DemoStreamConfig,
  RtspRequestLogEntry,
  SdpVariant,
} from './server-types.js';
export { splitAnnexB, groupAccessUnits, readAnnexBAccessUnits, type AnnexBAccessUnit } from './annexb.js';
export { loadDemoClips, truncateClip, type DemoClip } from './demo-clips.js';
