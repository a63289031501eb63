// Public surface of native RTSP ingest.
export { RtspSession } from './rtsp-session.js';
export type { RtspCloseEvent, RtspCloseReason, RtspSessionEvents, RtspSessionOptions, RtspSessionState, RtspStats } from './rtsp-session-types.js';
export { AuthLockout, sharedAuthLockout } from './auth-lockout.js';
export { parseRtspUrl, redactUrl, type RtspUrl } from './rtsp-url.js';
export { parseSdp, SdpError, type SessionDescription, type SdpMedia } from './sdp.js';
export { formatClockRange, formatClockTime, parseClockRange, parseClockTime, replayPlayHeaders, type ClockRange, type ReplayRequest } from './replay-range.js';
export { buildReplayExtension, readReplayExtension, ONVIF_REPLAY_PROFILE, type ReplayPacketTime } from './onvif-replay-extension.js';
