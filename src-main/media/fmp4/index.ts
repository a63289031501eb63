export { Fmp4Fragmenter, type Fmp4FragmenterOptions, type Fmp4StreamFacts } from './fragmenter.js';
export { buildVideoInitSegment, DEFAULT_TIMESCALE, VIDEO_TRACK_ID, type VideoInitParams } from './init-segment.js';
export { writeFragment, type FragmentSample } from './fragment.js';
export { DecodeTimeline, type TimelineOptions } from './timeline.js';
