export { FlvMuxer, type FlvMuxerOptions } from './flv-muxer.js';
export type { HevcFlvForm } from './video-tags.js';
