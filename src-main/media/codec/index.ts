// Public surface of the codec helpers (parameter-set parsing, decoder configuration records).
export { BitReader, BitstreamError, unescapeRbsp } from './bitreader.js';
export { parseH264Sps, h264CodecString, type H264SpsInfo } from './h264-sps.js';
export { parseH265Sps, h265CodecString, type H265SpsInfo, type H265ProfileTierLevel } from './h265-sps.js';
export { buildAvcC } from './avcc.js';
export { buildHvcC } from './hvcc.js';
export { H264_NAL, H265_NAL, h264NalType, h265NalType, isKeyframeNal, isVclNal, parameterSetKind, toAnnexB, splitAnnexB, type ParameterSetKind } from './nal.js';
export { videoTrackInfo } from './track-info.js';
