import { describe, expect, it } from 'vitest';
import type { DecodeCapabilities } from '../../common/contract/stream.js';
import type { LiveSource } from '../../devices/index.js';
import { codecMatters, planStream, type PlanCandidate } from './plan.js';

const rtsp = (codec?: 'h264' | 'h265'): PlanCandidate => ({ source: { kind: 'rtsp', url: 'rtsp://h/x', credentials: {}, ...(codec ? { codec } : {}) } });
const flv = (codec?: 'h264' | 'h265'): PlanCandidate => ({ source: { kind: 'relay', url: 'http://h/x.flv', input: 'flv-http', ...(codec ? { codec } : {}) } as LiveSource });
const ts = (codec?: 'h264' | 'h265'): PlanCandidate => ({ source: { kind: 'relay', url: 'http://h/x.ts', input: 'mpegts', ...(codec ? { codec } : {}) } as LiveSource });

const DEBIAN: DecodeCapabilities = { h264: true, h265: false, aac: true };
const ALL: DecodeCapabilities = { h264: true, h265: true, aac: true };
const base = { forceTranscode: false, canTranscode: true };

describe('planStream', () => {
  it('plays what decodes here as it is', () => {
    expect(planStream({ ...base, requested: rtsp('h264'), decode: DEBIAN })).toEqual({ plan: 'as_is' });
    expect(planStream({ ...base, requested: rtsp('h265'), decode: ALL })).toEqual({ plan: 'as_is' });
    // Without capabilities the caller decides.
    expect(planStream({ ...base, requested: rtsp('h265') })).toEqual({ plan: 'as_is' });
    // A codec nobody knows yet is tried as it is.
    expect(planStream({ ...base, requested: rtsp(), decode: DEBIAN })).toEqual({ plan: 'as_is' });
  });

  it('H.265 where it does not decode: the H.264 (or unknown) sub-stream first, then the transcode, then dark', () => {
    expect(planStream({ ...base, requested: rtsp('h265'), sub: rtsp('h264'), decode: DEBIAN })).toEqual({ plan: 'sub_stream', reason: 'h265_unsupported' });
    expect(planStream({ ...base, requested: rtsp('h265'), sub: rtsp(), decode: DEBIAN })).toEqual({ plan: 'sub_stream', reason: 'h265_unsupported' });
    expect(planStream({ ...base, requested: rtsp('h265'), sub: rtsp('h265'), decode: DEBIAN })).toEqual({ plan: 'transcode', reason: 'h265_unsupported' });
    expect(planStream({ ...base, requested: rtsp('h265'), decode: DEBIAN })).toEqual({ plan: 'transcode', reason: 'h265_unsupported' });
    expect(planStream({ ...base, canTranscode: false, requested: rtsp('h265'), decode: DEBIAN })).toEqual({ plan: 'dark', reason: 'h265_unsupported' });
  });

  it('the re-encode is for what the hub pulls (RTSP, platform FLV) and an H.264 decoder only', () => {
    expect(planStream({ ...base, requested: ts('h265'), decode: DEBIAN })).toEqual({ plan: 'dark', reason: 'h265_unsupported' });
    expect(planStream({ ...base, requested: flv('h265'), decode: DEBIAN })).toEqual({ plan: 'transcode', reason: 'h265_unsupported' });
    expect(planStream({ ...base, requested: rtsp('h265'), decode: { h264: false, h265: false, aac: false } })).toEqual({ plan: 'dark', reason: 'h265_unsupported' });
    expect(planStream({ ...base, requested: rtsp('h264'), decode: { h264: false, h265: true, aac: false } })).toEqual({ plan: 'dark', reason: 'codec_unsupported' });
  });

  it('H.265 in relayed TS follows mpegts.js support; platform FLV plays as fMP4 like RTSP', () => {
    expect(planStream({ ...base, requested: ts('h265'), decode: { ...ALL, h265Flv: false } })).toEqual({ plan: 'dark', reason: 'h265_unsupported' });
    expect(planStream({ ...base, requested: rtsp('h265'), decode: { ...ALL, h265Flv: false } })).toEqual({ plan: 'as_is' });
    expect(planStream({ ...base, requested: flv('h265'), decode: { ...ALL, h265Flv: false } })).toEqual({ plan: 'as_is' });
    expect(planStream({ ...base, canTranscode: false, requested: flv('h265'), decode: { ...ALL, h265: false } })).toEqual({ plan: 'dark', reason: 'h265_unsupported' });
  });

  it('a forced re-encode is granted or refused, never ignored', () => {
    expect(planStream({ ...base, forceTranscode: true, requested: rtsp(), decode: DEBIAN })).toEqual({ plan: 'transcode', reason: 'codec_unsupported' });
    expect(planStream({ ...base, forceTranscode: true, canTranscode: false, requested: rtsp('h265') })).toEqual({ plan: 'dark', reason: 'h265_unsupported' });
  });

  it('asks for the codec only when the window lacks some decoder', () => {
    expect(codecMatters(undefined)).toBe(false);
    expect(codecMatters(ALL)).toBe(false);
    expect(codecMatters(DEBIAN)).toBe(true);
    expect(codecMatters({ ...ALL, h265Flv: false })).toBe(true);
  });
});
