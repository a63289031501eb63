// Public surface of the demo camera's RTSP server and its reusable Annex-B reader.
export { startDemoRtspServer, DEFAULT_DEMO_STREAMS } from './demo-rtsp-server.js';
export type {
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
