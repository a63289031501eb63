// Profile G services of the demo device, as far as export uses them: Recording (GetRecordings),
// Search (GetRecordingInformation, GetRecordingSummary) and Replay (GetReplayUri). Each
// recording records one channel (its SourceId is the channel's video source token) and is
// replayed from the address given in the options (the demo RTSP server's archive). Times are
// in the device clock (host clock plus the configured offset).
import { NS, escapeXml, faults } from './soap-writer.js';
import type { StubContext, StubService } from './stub-context.js';
import type { StubRecording } from './stub-options.js';
import { child, childText, type XmlElement } from './xml-reader.js';

const sourceToken = (channel: number): string => `video-source-${channel - 1}`;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The span the recording holds in the device clock, ms (first section's start to last section's end). */
function span(r: StubRecording, ctx: StubContext): { from: number; to: number } | undefined {
  if (r.sections.length === 0) return undefined;
  const offset = ctx.opts.clockOffsetSec * 1000;
  return { from: r.sections[0]!.from + offset, to: r.sections.at(-1)!.to + offset };
}

function recordingNamed(op: XmlElement, ctx: StubContext): StubRecording {
  const token = childText(op, 'RecordingToken')?.trim() ?? '';
  const r = ctx.opts.recordings.find((x) => x.token === token);
  if (!r) throw faults.invalidArg('NoRecording', `No recording with token "${token}"`);
  return r;
}

function sourceXml(r: StubRecording): string {
  return (
    `<tt:Source><tt:SourceId>${sourceToken(r.channel)}</tt:SourceId><tt:Name>${escapeXml(`Channel ${r.channel}`)}</tt:Name>` +
    '<tt:Location>demo</tt:Location><tt:Description></tt:Description><tt:Address></tt:Address></tt:Source>'
  );
}

const VIDEO_TRACK = 'VIDEO001';

function recordings(ctx: StubContext): string {
  const items = ctx.opts.recordings.map(
    (r) =>
      `<trc:RecordingItem><tt:RecordingToken>${escapeXml(r.token)}</tt:RecordingToken><tt:Configuration>${sourceXml(r)}` +
      '<tt:Content>Recording</tt:Content><tt:MaximumRetentionTime>PT0S</tt:MaximumRetentionTime></tt:Configuration>' +
      `<tt:Tracks><tt:Track><tt:TrackToken>${VIDEO_TRACK}</tt:TrackToken><tt:Configuration><tt:TrackType>Video</tt:TrackType>` +
      '<tt:Description>Video</tt:Description></tt:Configuration></tt:Track></tt:Tracks></trc:RecordingItem>',
  );
  return `<trc:GetRecordingsResponse>${items.join('')}</trc:GetRecordingsResponse>`;
}

function recordingInformation(op: XmlElement, ctx: StubContext): string {
  const r = recordingNamed(op, ctx);
  const s = span(r, ctx);
  const times = (a: string, b: string): string => (s ? `<tt:${a}>${iso(s.from)}</tt:${a}><tt:${b}>${iso(s.to)}</tt:${b}>` : '');
  return (
    `<tse:GetRecordingInformationResponse><tse:RecordingInformation><tt:RecordingToken>${escapeXml(r.token)}</tt:RecordingToken>` +
    sourceXml(r) +
    times('EarliestRecording', 'LatestRecording') +
    '<tt:Content>Recording</tt:Content>' +
    `<tt:Track><tt:TrackToken>${VIDEO_TRACK}</tt:TrackToken><tt:TrackType>Video</tt:TrackType><tt:Description>Video</tt:Description>${times('DataFrom', 'DataTo')}</tt:Track>` +
    '<tt:RecordingStatus>Stopped</tt:RecordingStatus></tse:RecordingInformation></tse:GetRecordingInformationResponse>'
  );
}

function recordingSummary(ctx: StubContext): string {
  const spans = ctx.opts.recordings.map((r) => span(r, ctx)).filter((s) => s !== undefined);
  const from = spans.length ? Math.min(...spans.map((s) => s.from)) : ctx.deviceNow();
  const to = spans.length ? Math.max(...spans.map((s) => s.to)) : ctx.deviceNow();
  return (
    `<tse:GetRecordingSummaryResponse><tse:Summary><tt:DataFrom>${iso(from)}</tt:DataFrom><tt:DataUntil>${iso(to)}</tt:DataUntil>` +
    `<tt:NumberRecordings>${ctx.opts.recordings.length}</tt:NumberRecordings></tse:Summary></tse:GetRecordingSummaryResponse>`
  );
}

function replayUri(op: XmlElement, ctx: StubContext): string {
  const setup = child(op, 'StreamSetup');
  const stream = childText(setup, 'Stream')?.trim();
  const protocol = childText(child(setup, 'Transport'), 'Protocol')?.trim();
  if (stream !== 'RTP-Unicast') throw faults.invalidArg('InvalidStreamSetup', `Stream ${stream ?? '(none)'} is not offered; RTP-Unicast is`);
  if (protocol !== 'RTSP') throw faults.invalidArg('InvalidStreamSetup', `Protocol ${protocol ?? '(none)'} is not offered; RTSP is`);
  return `<trp:GetReplayUriResponse><trp:Uri>${escapeXml(recordingNamed(op, ctx).replayUri)}</trp:Uri></trp:GetReplayUriResponse>`;
}

export const recordingService: StubService = {
  ns: NS.trc,
  handle(action, _op, ctx) {
    if (action === 'GetRecordings') return recordings(ctx);
    throw faults.actionNotSupported(action);
  },
};

export const searchService: StubService = {
  ns: NS.tse,
  handle(action, op, ctx) {
    if (action === 'GetRecordingInformation') return recordingInformation(op, ctx);
    if (action === 'GetRecordingSummary') return recordingSummary(ctx);
    throw faults.actionNotSupported(action);
  },
};

export const replayService: StubService = {
  ns: NS.trp,
  handle(action, op, ctx) {
    if (action === 'GetReplayUri') return replayUri(op, ctx);
    throw faults.actionNotSupported(action);
  },
};
