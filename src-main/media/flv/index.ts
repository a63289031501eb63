export { FlvMuxer, type FlvMuxerOptions } from './flv-muxer.js';
export { FlvDemuxer, type FlvDemuxEvent } from './flv-demuxer.js';
export { MAX_TAG_BODY_BYTES } from './flv-tag-reader.js';
export type { HevcFlvForm } from './video-tags.js';
