// Public surface of the H.265 -> H.264 transcode fallback (hub stream -> ffmpeg + libx264 -> hub).
export { TranscodeProducer, type TranscodeProducerOptions, type TranscodeSource, type TranscodeStats } from './transcode-producer.js';
export { detectFfmpeg, ffmpegCommand, clearFfmpegDetection, parseFfmpegVersion, FFMPEG_ENV, type FfmpegInfo } from './ffmpeg-detect.js';
export { buildTranscodeArgs, type TranscodeArgsOptions } from './ffmpeg-args.js';
export { ffmpegExitError, redactFfmpegText, type FfmpegExit } from './ffmpeg-errors.js';
export { AccessUnitReader, type StreamedAccessUnit } from './access-unit-reader.js';
export { AnnexBSplitter } from './annexb-splitter.js';
export { pipeBytes } from './pipe-input.js';
export { DEFAULT_MAX_BACKLOG_BYTES, type FeederStats } from './stdin-feeder.js';
export { runningChildren } from './child-reaper.js';
