export { muxMp4, muxAccessUnits, sampleInfo, gapsUtc, type Mp4Clip } from './mp4-clip.js';
export { sampleBytes, sampleSize } from './sample-bytes.js';
export { buildSampleTable, TIMESCALE, type Mp4SampleInfo, type SampleTable, type SampleGap } from './sample-table.js';
