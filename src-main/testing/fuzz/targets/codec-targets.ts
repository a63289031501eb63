// Parameter sets from the camera (SDP sprop-* or in-band): SPS parsing and the decoder
// configuration records (avcC / hvcC) the muxers build from them.
import { buildAvcC } from '../../../media/codec/avcc.js';
import { BitstreamError } from '../../../media/codec/bitreader.js';
import { h264CodecString, parseH264Sps } from '../../../media/codec/h264-sps.js';
import { h265CodecString, parseH265Sps } from '../../../media/codec/h265-sps.js';
import { buildHvcC } from '../../../media/codec/hvcc.js';
import { onlyErrors, type FuzzTarget } from '../target.js';

// A PPS is opaque to the records: any few bytes do.
const H264_PPS = new Uint8Array([0x68, 0xce, 0x3c, 0x80]);
const H265_VPS = new Uint8Array([0x40, 0x01, 0x0c, 0x01, 0xff, 0xff]);
const H265_PPS = new Uint8Array([0x44, 0x01, 0xc1, 0x72, 0xb4, 0x62, 0x40]);

export const h264Sps: FuzzTarget = {
  name: 'h264-sps',
  about: 'H.264 SPS NAL units through parseH264Sps, the codec string and buildAvcC; only BitstreamError may be thrown',
  expected: onlyErrors(BitstreamError),
  maxLength: 512,
  dictionary: ['\x67', '\x64', '\x42', '\x4d', '\x00\x00\x03', '\x00\x00\x00', '\xff\xff'],
  run(input) {
    const info = parseH264Sps(input);
    h264CodecString(info);
    buildAvcC(input, H264_PPS);
  },
};

export const h265Sps: FuzzTarget = {
  name: 'h265-sps',
  about: 'H.265 SPS NAL units through parseH265Sps, the codec string and buildHvcC; only BitstreamError may be thrown',
  expected: onlyErrors(BitstreamError),
  maxLength: 512,
  dictionary: ['\x42\x01', '\x01\x01', '\x00\x00\x03', '\x00\x00\x00', '\xff\xff', '\x60\x00\x00\x03\x00\xb0'],
  run(input) {
    const info = parseH265Sps(input);
    h265CodecString(info);
    buildHvcC(H265_VPS, input, H265_PPS);
  },
};
