import { describe, expect, it } from 'vitest';
import { isH265CodecString, parseGatewayText } from './gateway-protocol.js';

describe('parseGatewayText', () => {
  it('accepts facts and keeps extra fields', () => {
    const m = parseGatewayText(JSON.stringify({ type: 'facts', codec: 'avc1.64001e', width: 1280, height: 720, timescale: 90000, fps: 25 }));
    expect(m.kind).toBe('facts');
    if (m.kind !== 'facts') return;
    expect(m.facts.codec).toBe('avc1.64001e');
    expect(m.facts.timescale).toBe(90000);
    expect((m.facts as Record<string, unknown>)['fps']).toBe(25);
  });
  it('accepts facts with only a codec and a clock pair', () => {
    const m = parseGatewayText(JSON.stringify({ type: 'facts', codec: 'hvc1.1.6.L93.B0', clock: { dts: 0, wallMs: 1_700_000_000_000 } }));
    expect(m.kind === 'facts' && m.facts.clock).toEqual({ dts: 0, wallMs: 1_700_000_000_000 });
  });
  it('rejects facts without a usable codec, naming the field', () => {
    const m = parseGatewayText(JSON.stringify({ type: 'facts', width: 10 }));
    expect(m.kind).toBe('invalid');
    expect(m.kind === 'invalid' && m.reason).toMatch(/codec/);
    const quote = parseGatewayText(JSON.stringify({ type: 'facts', codec: 'avc1"; x' }));
    expect(quote.kind).toBe('invalid'); // never let a quote into the mime string
  });
  it('passes status through, ignores unknown types, reports errors and clocks', () => {
    expect(parseGatewayText('{"type":"status","state":"live"}')).toEqual({ kind: 'status', body: { type: 'status', state: 'live' } });
    expect(parseGatewayText('{"type":"future-thing","x":1}')).toEqual({ kind: 'ignored', type: 'future-thing' });
    expect(parseGatewayText('{"type":"error","code":"camera_offline"}')).toEqual({ kind: 'error', code: 'camera_offline', message: '' });
    expect(parseGatewayText('{"type":"clock","dts":3600,"wallMs":5}')).toEqual({ kind: 'clock', clock: { dts: 3600, wallMs: 5 } });
  });
  it('calls non-JSON and untyped messages invalid', () => {
    expect(parseGatewayText('hello').kind).toBe('invalid');
    expect(parseGatewayText('[1,2]').kind).toBe('invalid');
    expect(parseGatewayText('{"kind":"facts"}').kind).toBe('invalid');
  });
});

describe('isH265CodecString', () => {
  it('knows hvc1 and hev1, not avc', () => {
    expect(isH265CodecString('hvc1.1.6.L93.B0')).toBe(true);
    expect(isH265CodecString('hev1.1.6.L120.90')).toBe(true);
    expect(isH265CodecString('avc1.64001e')).toBe(false);
  });
});
