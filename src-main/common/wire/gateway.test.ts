import { describe, expect, it } from 'vitest';
import { clockMessage, factsMessage, familyOfCodecString, isH265CodecString, parseGatewayText, rateMessage } from './gateway.js';

const h264 = { streamId: 'tile-1', codec: 'h264', codecString: 'avc1.64001e', width: 1280, height: 720, timescale: 90000 } as const;

describe('gateway wire: what the gateway builds, the player reads with the same meaning', () => {
  it('round-trips facts: codec is the family, codecString the RFC 6381 string, mimeType built from it', () => {
    const m = parseGatewayText(factsMessage({ ...h264, audioCodec: 'aac' }));
    expect(m).toEqual({
      kind: 'facts',
      facts: { type: 'facts', format: 'fmp4', ...h264, mimeType: 'video/mp4; codecs="avc1.64001e"', audioCodec: 'aac' },
    });
    const noAudio = parseGatewayText(factsMessage(h264));
    expect(noAudio.kind === 'facts' && 'audioCodec' in noAudio.facts).toBe(false);
  });
  it('round-trips clocks', () => {
    expect(parseGatewayText(clockMessage({ dts: 3600, wallMs: 5 }))).toEqual({ kind: 'clock', clock: { dts: 3600, wallMs: 5 } });
  });
  it('round-trips the rate change and refuses one without its flag', () => {
    expect(parseGatewayText(rateMessage(true))).toEqual({ kind: 'rate', keyframesOnly: true });
    expect(parseGatewayText(rateMessage(false))).toEqual({ kind: 'rate', keyframesOnly: false });
    expect(parseGatewayText('{"type":"rate"}').kind).toBe('invalid');
  });
});

describe('parseGatewayText', () => {
  it('keeps extra fields and accepts facts with only family, codec string and a clock pair', () => {
    const m = parseGatewayText(JSON.stringify({ type: 'facts', codec: 'h265', codecString: 'hvc1.1.6.L93.B0', clock: { dts: 0, wallMs: 1_700_000_000_000 }, fps: 25 }));
    expect(m.kind === 'facts' && m.facts.clock).toEqual({ dts: 0, wallMs: 1_700_000_000_000 });
    expect(m.kind === 'facts' && (m.facts as Record<string, unknown>)['fps']).toBe(25);
  });
  it('rejects facts that use the old meaning of codec (an RFC 6381 string), naming the field', () => {
    const m = parseGatewayText(JSON.stringify({ type: 'facts', codec: 'avc1.64001e' }));
    expect(m.kind).toBe('invalid');
    expect(m.kind === 'invalid' && m.reason).toMatch(/codec/);
  });
  it('rejects facts whose codecString names another family than codec', () => {
    const m = parseGatewayText(JSON.stringify({ type: 'facts', codec: 'h264', codecString: 'hvc1.1.6.L93.B0' }));
    expect(m).toEqual({ kind: 'invalid', reason: 'bad facts: codecString hvc1.1.6.L93.B0 is not h264' });
  });
  it('never lets a quote into the mime string', () => {
    expect(parseGatewayText(JSON.stringify({ type: 'facts', codec: 'h264', codecString: 'avc1"; x' })).kind).toBe('invalid');
  });
  it('passes status through, ignores unknown types, reports errors and bad clocks', () => {
    expect(parseGatewayText('{"type":"status","state":"live"}')).toEqual({ kind: 'status', body: { type: 'status', state: 'live' } });
    expect(parseGatewayText('{"type":"future-thing","x":1}')).toEqual({ kind: 'ignored', type: 'future-thing' });
    expect(parseGatewayText('{"type":"error","code":"camera_offline"}')).toEqual({ kind: 'error', code: 'camera_offline', message: '' });
    expect(parseGatewayText('{"type":"clock","dts":3600,"wallMs":-1}').kind).toBe('invalid');
  });
  it('calls non-JSON and untyped messages invalid', () => {
    expect(parseGatewayText('hello').kind).toBe('invalid');
    expect(parseGatewayText('[1,2]').kind).toBe('invalid');
    expect(parseGatewayText('{"kind":"facts"}').kind).toBe('invalid');
  });
});

describe('codec strings', () => {
  it('name their family: hvc1/hev1 are H.265, avc1/avc3 H.264, anything else nothing', () => {
    expect(isH265CodecString('hvc1.1.6.L93.B0')).toBe(true);
    expect(isH265CodecString('hev1.1.6.L120.90')).toBe(true);
    expect(isH265CodecString('avc1.64001e')).toBe(false);
    expect(familyOfCodecString('avc3.640028')).toBe('h264');
    expect(familyOfCodecString('vp09.00.10.08')).toBeUndefined();
  });
});
