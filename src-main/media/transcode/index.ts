// Public surface of the H.265 -> H.264 transcode fallback (ffmpeg + libx264).
export { TranscodeProducer, type TranscodeProducerOptions } from './transcode-producer.js';
export { detectFfmpeg, ffmpegCommand, clearFfmpegDetection, parseFfmpegVersion, FFMPEG_ENV, type FfmpegInfo } from './ffmpeg-detect.js';
export { buildTranscodeArgs, urlWithCredentials, type TranscodeArgsOptions } from './ffmpeg-args.js';
export { ffmpegExitError, redactFfmpegText, type FfmpegExit } from './ffmpeg-errors.js';
export { AccessUnitReader, type StreamedAccessUnit } from './access-unit-reader.js';
export { AnnexBSplitter } from './annexb-splitter.js';
export { runningChildren } from './child-reaper.js';
