// ONVIF Profile G, the part export needs: which recordings the device keeps (Recording service
// GetRecordings), the span each one holds (Search service GetRecordingInformation), the RTSP
// address that replays it (Replay service GetReplayUri), and the device clock now
// (GetSystemDateAndTime), so that a span asked in workstation time can be asked in the
// recorder's. The SOAP is written here and sent through `onvif`'s Cam (onvif-soap.ts); the
// library's getRecordingInformation reads the wrong answer element in 0.8.x.
import type { Cam } from 'onvif';
import { z } from 'zod';
import { SkywallError } from '../../common/model/errors.js';
import type { Caller } from './onvif-call.js';
import { sendSoap, SOAP_NS } from './onvif-soap.js';
import type { OnvifPlayback, OnvifRecording } from './onvif-types.js';
import { xmlText } from './xml-text.js';

export type { OnvifPlayback, OnvifRecording } from './onvif-types.js';

/** The library's parse, with each one-element list unwrapped and text kept as text. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 1 ? plain(v[0]) : v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

const text = z.union([z.string(), z.object({ _: z.string() }).transform((o) => o._)]);
const optText = z.union([text, z.object({}).transform(() => '')]).optional();
const listOf = <T extends z.ZodType>(item: T) => z.union([z.array(item), item.transform((v) => [v])]);

const Track = z.object({ trackToken: text, configuration: z.object({ trackType: optText }).optional() });
const RecordingItem = z.object({
  recordingToken: text,
  configuration: z.object({ source: z.object({ sourceId: optText, name: optText }).optional() }).optional(),
  tracks: z.union([z.object({ track: listOf(Track).optional() }), z.string()]).optional(),
});
const GetRecordings = z.object({ getRecordingsResponse: z.union([z.object({ recordingItem: listOf(RecordingItem).optional() }), z.string()]) });

const InfoTrack = z.object({ trackType: optText, dataFrom: optText, dataTo: optText });
const GetRecordingInformation = z.object({
  getRecordingInformationResponse: z.object({
    recordingInformation: z.object({ earliestRecording: optText, latestRecording: optText, track: listOf(InfoTrack).optional() }),
  }),
});
const GetReplayUri = z.object({ getReplayUriResponse: z.object({ uri: text }) });

function parseRecordings(value: unknown): OnvifRecording[] {
  const response = GetRecordings.parse(plain(value)).getRecordingsResponse;
  const items = typeof response === 'string' ? [] : (response.recordingItem ?? []);
  return items.map((item) => {
    const tracks = typeof item.tracks === 'object' ? (item.tracks.track ?? []) : [];
    return {
      token: item.recordingToken.trim(),
      sourceId: (item.configuration?.source?.sourceId ?? '').trim(),
      name: (item.configuration?.source?.name ?? '').trim(),
      hasVideo: tracks.some((t) => (t.configuration?.trackType ?? '').trim() === 'Video'),
    };
  });
}

const time = (s: string | undefined): number | undefined => {
  const ms = s ? Date.parse(s.trim()) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
};

/** The video track's data span in the device's clock, else the recording's; undefined when it holds nothing. */
function parseSpan(value: unknown): { from: number; to: number } | undefined {
  const info = GetRecordingInformation.parse(plain(value)).getRecordingInformationResponse.recordingInformation;
  const video = (info.track ?? []).find((t) => (t.trackType ?? '').trim() === 'Video');
  const from = time(video?.dataFrom) ?? time(info.earliestRecording);
  const to = time(video?.dataTo) ?? time(info.latestRecording);
  return from !== undefined && to !== undefined && to > from ? { from, to } : undefined;
}

const RTSP = /^rtsps?:\/\//i;

function parseReplayUri(value: unknown): string {
  const uri = GetReplayUri.parse(plain(value)).getReplayUriResponse.uri.trim();
  if (!RTSP.test(uri)) throw new Error('not an RTSP address');
  return uri;
}

export interface PlaybackServices {
  recording: boolean;
  search: boolean;
  replay: boolean;
}

export function createPlayback(cam: Cam, call: Caller, services: () => PlaybackServices, where: string): OnvifPlayback {
  const need = (service: keyof PlaybackServices): void => {
    if (!services()[service]) throw new SkywallError('not_found', `${where} keeps no recordings (no ONVIF ${service} service)`, { reason: 'no_playback' });
  };
  const token = (t: string): string => {
    if (typeof t !== 'string' || t.length === 0 || t.length > 64) throw new SkywallError('bad_payload', 'recording token must be 1 to 64 characters', { field: 'recordingToken' });
    return `<RecordingToken>${xmlText(t)}</RecordingToken>`;
  };
  return {
    get available() {
      const s = services();
      return s.recording && s.replay;
    },
    async recordings() {
      need('recording');
      return call('GetRecordings', (cb) => sendSoap(cam, 'recording', 'GetRecordings', '', cb), (v) => parseRecordings(v));
    },
    async recordingSpan(recordingToken) {
      need('search');
      return call('GetRecordingInformation', (cb) => sendSoap(cam, 'search', 'GetRecordingInformation', token(recordingToken), cb), (v) => parseSpan(v));
    },
    async replayUri(recordingToken) {
      need('replay');
      const setup = `<StreamSetup><Stream xmlns="${SOAP_NS.schema}">RTP-Unicast</Stream><Transport xmlns="${SOAP_NS.schema}"><Protocol>RTSP</Protocol></Transport></StreamSetup>`;
      return call('GetReplayUri', (cb) => sendSoap(cam, 'replay', 'GetReplayUri', setup + token(recordingToken), cb), (v) => parseReplayUri(v));
    },
    async clockOffsetMs() {
      const sentAt = Date.now();
      const deviceTime = await call('GetSystemDateAndTime', (cb) => cam.getSystemDateAndTime(cb), (v) => {
        if (!(v instanceof Date) || Number.isNaN(v.getTime())) throw new Error('no date');
        return v.getTime();
      });
      // The device read its clock somewhere between sending and the answer: take the middle.
      return Math.round(deviceTime - (sentAt + Date.now()) / 2);
    },
  };
}
