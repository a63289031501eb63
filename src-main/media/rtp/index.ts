// Public surface of the RTP layer: packet parsing, depacketizers, RTCP.
export { parseRtpPacket, buildRtpPacket, RtpParseError, type RtpPacket, type RtpHeaderExtension } from './rtp-packet.js';
export { VideoDepacketizer, type VideoDepacketizerOptions } from './video-depacketizer.js';
export { AudioDepacketizer, AAC_HBR, type AacPayloadFormat, type AudioDepacketizerOptions } from './audio-depacketizer.js';
export { type DepacketizerStats } from './depacketizer-stats.js';
export { TimestampUnwrapper } from './timestamp-unwrapper.js';
export { buildReceiverReport, parseRtcp, RtcpParseError, type RtcpPacket } from './rtcp.js';
export { ReceptionStats, type ReportBlock } from './reception-stats.js';
