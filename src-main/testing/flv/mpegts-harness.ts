// Test support (not used at runtime): runs mpegts.js 1.8.2's own FLV demuxer (the parser the
// renderer's player uses) over bytes we produce, fed message by message as its WebSocket
// loader would, and collects what it understood.
/* eslint-disable @typescript-eslint/no-explicit-any */

export interface MpegtsDemuxResult {
  errors: string[];
  /** Warnings and errors mpegts.js logged (e.g. a bad PreviousTagSize). */
  warnings: string[];
  mediaInfo: any;
  videoSamples: Array<{ dts: number; cts: number; isKeyframe: boolean; units: Array<{ type: number; data: Uint8Array }> }>;
  audioSamples: Array<{ dts: number; unit: Uint8Array }>;
}

const DEMUXER_MODULE = 'mpegts.js/src/demux/flv-demuxer.js';
const LOGGER_MODULE = 'mpegts.js/src/utils/logger.js';

/** Parses FLV bytes given as consecutive messages (the first must hold the FLV header). */
export async function demuxWithMpegts(messages: readonly Uint8Array[]): Promise<MpegtsDemuxResult> {
  const g = globalThis as any;
  g.self ??= { navigator: { userAgent: 'node' } }; // the demuxer reads self.navigator for AAC quirks
  const { default: FLVDemuxer } = await import(/* @vite-ignore */ DEMUXER_MODULE);
  const { default: Log } = await import(/* @vite-ignore */ LOGGER_MODULE);
  Log.ENABLE_VERBOSE = Log.ENABLE_DEBUG = Log.ENABLE_INFO = Log.ENABLE_WARN = Log.ENABLE_ERROR = false;
  Log.ENABLE_CALLBACK = true;
  const result: MpegtsDemuxResult = { errors: [], warnings: [], mediaInfo: undefined, videoSamples: [], audioSamples: [] };
  const onLog = (level: string, text: string): void => {
    if (level === 'warn' || level === 'error') result.warnings.push(text);
  };
  Log.emitter.on('log', onLog);
  try {
    return parseAll(FLVDemuxer, messages, result);
  } finally {
    Log.emitter.off('log', onLog);
  }
}

function parseAll(FLVDemuxer: any, messages: readonly Uint8Array[], result: MpegtsDemuxResult): MpegtsDemuxResult {

  let demuxer: any;
  let pending = new Uint8Array(0);
  let byteStart = 0; // stream position of pending[0]
  for (const msg of messages) {
    const joined = new Uint8Array(pending.length + msg.length);
    joined.set(pending);
    joined.set(msg, pending.length);
    if (!demuxer) {
      const probe = FLVDemuxer.probe(joined.buffer);
      if (!probe.match) throw new Error('mpegts.js does not recognise an FLV header');
      demuxer = new FLVDemuxer(probe, {});
      demuxer.onError = (type: string, info: string) => result.errors.push(`${type}: ${info}`);
      demuxer.onMediaInfo = (mi: any) => (result.mediaInfo = mi);
      demuxer.onTrackMetadata = () => undefined;
      demuxer.onDataAvailable = (audio: any, video: any) => {
        result.videoSamples.push(...video.samples);
        result.audioSamples.push(...audio.samples);
        video.samples = [];
        video.length = 0;
        audio.samples = [];
        audio.length = 0;
      };
    }
    const consumed: number = demuxer.parseChunks(joined.buffer, byteStart);
    pending = joined.slice(consumed);
    byteStart += consumed;
  }
  return result;
}
