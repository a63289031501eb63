// RTP and RTCP packets, and the depacketizers behind them. A depacketizer input is a run of
// packets, each behind a 2-byte big-endian length (the interleaved frame without '$' and
// channel), so mutations can reorder, repeat, drop and corrupt packets of a real stream.
// Video units go on into the FLV muxer, as the gateway does with them.
import { FlvMuxer } from '../../../media/flv/flv-muxer.js';
import { AAC_HBR, AudioDepacketizer } from '../../../media/rtp/audio-depacketizer.js';
import { parseRtcp, RtcpParseError } from '../../../media/rtp/rtcp.js';
import { parseRtpPacket, RtpParseError, type RtpPacket } from '../../../media/rtp/rtp-packet.js';
import { VideoDepacketizer } from '../../../media/rtp/video-depacketizer.js';
import type { AudioCodec, VideoCodec } from '../../../media/types.js';
import { onlyErrors, type FuzzTarget } from '../target.js';

/** Packets of a depacketizer input: [u16 length][packet] repeated; a short tail is one last packet. */
export function* framedPackets(input: Uint8Array): Generator<Uint8Array> {
  let o = 0;
  while (o + 2 <= input.length) {
    const n = (input[o] << 8) | input[o + 1];
    o += 2;
    yield input.subarray(o, Math.min(o + n, input.length));
    o += n;
  }
}

/** Joins packets into the framed form (corpus seeds). */
export function framePackets(packets: readonly Uint8Array[]): Uint8Array {
  const out = Buffer.alloc(packets.reduce((s, p) => s + 2 + p.length, 0));
  let o = 0;
  for (const p of packets) {
    out.writeUInt16BE(p.length, o);
    out.set(p, o + 2);
    o += 2 + p.length;
  }
  return new Uint8Array(out);
}

/**
 * Well-formed RTP packets of an input, as a track reads them: malformed ones are skipped.
 * Runts are dropped before parsing: the rtp-packet target covers them, and thousands of
 * zero-length frames from one mutated length field would spend the run building errors.
 */
function* rtpPackets(input: Uint8Array): Generator<RtpPacket> {
  for (const data of framedPackets(input)) {
    if (data.length < 12) continue;
    try {
      yield parseRtpPacket(data);
    } catch (e) {
      if (!(e instanceof RtpParseError)) throw e;
    }
  }
}

const RTP_TOKENS = ['\x80\x60', '\x80\xe0', '\x90\x60', '\xa0\x60', '\x8f\x60', '\x00\x00\x00\x01', '\xff\xff', '\x00\x00'];

export const rtpPacket: FuzzTarget = {
  name: 'rtp-packet',
  about: 'single RTP packets through parseRtpPacket; only RtpParseError may be thrown',
  expected: onlyErrors(RtpParseError),
  maxLength: 1600,
  dictionary: RTP_TOKENS,
  run(input) {
    parseRtpPacket(input);
  },
};

export const rtcp: FuzzTarget = {
  name: 'rtcp',
  about: 'compound RTCP packets through parseRtcp; only RtcpParseError may be thrown',
  expected: onlyErrors(RtcpParseError),
  maxLength: 1600,
  dictionary: ['\x80\xc8', '\x81\xc9', '\x81\xca', '\x81\xcb', '\x9f\xcb', '\x00\x06', '\xff\xff'],
  run(input) {
    parseRtcp(input);
  },
};

function videoTarget(codec: VideoCodec, tokens: string[]): FuzzTarget {
  return {
    name: `rtp-${codec}`,
    about: `${codec === 'h264' ? 'H.264 (RFC 6184)' : 'H.265 (RFC 7798)'} RTP packet runs through VideoDepacketizer, access units into FlvMuxer; nothing may be thrown (bad parameter sets go to onError)`,
    maxLength: 32768,
    dictionary: [...RTP_TOKENS, ...tokens],
    run(input) {
      let muxer: FlvMuxer | undefined;
      const depacketizer = new VideoDepacketizer({
        codec,
        onTrackInfo: (video) => {
          muxer = new FlvMuxer({ video });
          muxer.start();
        },
        onAccessUnit: (au) => void muxer?.push(au),
        onError: () => undefined,
      });
      let now = 1_000;
      for (const pkt of rtpPackets(input)) depacketizer.push(pkt, (now += 5));
      depacketizer.flush();
    },
  };
}

// NAL and payload headers: SPS/PPS/IDR, STAP-A, FU-A start/end (H.264); VPS/SPS/PPS/IDR, AP, FU, PACI (H.265).
export const rtpH264 = videoTarget('h264', ['\x67', '\x68', '\x65', '\x41', '\x18', '\x7c\x85', '\x7c\x45', '\x7c\x05', '\x5c\x81']);
export const rtpH265 = videoTarget('h265', ['\x40\x01', '\x42\x01', '\x44\x01', '\x26\x01', '\x60\x01', '\x62\x01\x93', '\x62\x01\x53', '\x62\x01\x13', '\x64\x01']);

function audioTarget(codec: AudioCodec): FuzzTarget {
  return {
    name: codec === 'aac' ? 'rtp-aac' : 'rtp-g711',
    about: `${codec === 'aac' ? 'AAC (RFC 3640 AAC-hbr)' : 'G.711 (RFC 3551)'} RTP packet runs through AudioDepacketizer; nothing may be thrown`,
    maxLength: 8192,
    dictionary: [...RTP_TOKENS, '\x00\x10', '\x00\x20', '\xff\xf8'],
    run(input) {
      const depacketizer = new AudioDepacketizer({ codec, aac: codec === 'aac' ? AAC_HBR : undefined, onFrame: () => undefined });
      let now = 1_000;
      for (const pkt of rtpPackets(input)) depacketizer.push(pkt, (now += 5));
    },
  };
}

export const rtpAac = audioTarget('aac');
export const rtpG711 = audioTarget('pcma');
