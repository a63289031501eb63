// The ONVIF replay RTP header extension (profile 0xABAC, ONVIF Streaming Specification): the
// recorder's absolute time of the packet as a 64-bit NTP timestamp, then one byte of flags
// (C clean point, E end of a contiguous section, D first packet after a discontinuity,
// T termination of the stream), the CSeq of the PLAY that started it, and two bytes of padding.
import type { RtpHeaderExtension } from '../rtp/rtp-packet.js';

export const ONVIF_REPLAY_PROFILE = 0xabac;
const EXTENSION_BYTES = 12;
/** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01. */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

export interface ReplayPacketTime {
  /** Recorder time of the packet, ms since the epoch (fractions kept). */
  recordedAtMs: number;
  cleanPoint: boolean;
  endOfSection: boolean;
  discontinuity: boolean;
  termination: boolean;
  cseq: number;
}

/** The replay time of a packet, or undefined when it carries no (well-formed) 0xABAC extension. */
export function readReplayExtension(ext: RtpHeaderExtension | undefined): ReplayPacketTime | undefined {
  if (!ext || ext.profile !== ONVIF_REPLAY_PROFILE || ext.data.length < EXTENSION_BYTES) return undefined;
  const view = new DataView(ext.data.buffer, ext.data.byteOffset, ext.data.length);
  const seconds = view.getUint32(0);
  const fraction = view.getUint32(4);
  const flags = ext.data[8];
  return {
    recordedAtMs: (seconds - NTP_UNIX_OFFSET_S) * 1000 + (fraction / 2 ** 32) * 1000,
    cleanPoint: (flags & 0x80) !== 0,
    endOfSection: (flags & 0x40) !== 0,
    discontinuity: (flags & 0x20) !== 0,
    termination: (flags & 0x10) !== 0,
    cseq: ext.data[9],
  };
}

/** The extension for one packet (recorders; the demo archive). */
export function buildReplayExtension(t: ReplayPacketTime): RtpHeaderExtension {
  const data = new Uint8Array(EXTENSION_BYTES);
  const view = new DataView(data.buffer);
  const seconds = Math.floor(t.recordedAtMs / 1000);
  const fraction = Math.floor(((t.recordedAtMs - seconds * 1000) / 1000) * 2 ** 32);
  view.setUint32(0, (seconds + NTP_UNIX_OFFSET_S) >>> 0);
  view.setUint32(4, Math.min(fraction, 2 ** 32 - 1) >>> 0);
  data[8] = (t.cleanPoint ? 0x80 : 0) | (t.endOfSection ? 0x40 : 0) | (t.discontinuity ? 0x20 : 0) | (t.termination ? 0x10 : 0);
  data[9] = t.cseq & 0xff;
  return { profile: ONVIF_REPLAY_PROFILE, data };
}
