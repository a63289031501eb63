// A platform's FLV stream (HTTP-FLV body or WS-FLV messages) through the demuxer that feeds
// the hub: the input is cut in two at a point taken from its first byte, as a socket would.
import { SkywallError } from '../../../common/model/errors.js';
import { FlvDemuxer } from '../../../media/flv/flv-demuxer.js';
import { onlyErrors, type FuzzTarget } from '../target.js';

export const flvStream: FuzzTarget = {
  name: 'flv-stream',
  about: 'FLV bytes through FlvDemuxer in two chunks; only SkywallError (protocol, unsupported_codec, unsupported_format) may be thrown',
  expected: onlyErrors(SkywallError),
  maxLength: 8192,
  dictionary: ['FLV\x01\x05\x00\x00\x00\x09\x00\x00\x00\x00', '\x09', '\x08', '\x12', '\x17\x00', '\x17\x01', '\x1c\x00', '\x90hvc1', '\x93hvc1', '\x91hvc1', '\xaf\x00', '\xaf\x01', '\x00\x00\x00\x01', '\xff\xff\xff'],
  run(input) {
    const cut = input.length > 0 ? input[0]! % (input.length + 1) : 0;
    const d = new FlvDemuxer({ now: () => 0 });
    d.push(input.subarray(0, cut));
    d.push(input.subarray(cut));
  },
};
