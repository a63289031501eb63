import { describe, expect, it } from 'vitest';
import { buildReplayExtension, readReplayExtension } from './onvif-replay-extension.js';
import { formatClockRange, formatClockTime, parseClockRange, parseClockTime, replayPlayHeaders } from './replay-range.js';

const T = Date.UTC(2026, 10, 22, 2, 10, 45);

describe('Range: clock=', () => {
  it('formats whole seconds without a fraction and keeps milliseconds', () => {
    expect(formatClockTime(T)).toBe('20261122T021045Z');
    expect(formatClockTime(T + 120)).toBe('20261122T021045.120Z');
    expect(formatClockRange({ from: T, to: T + 600_000 })).toBe('clock=20261122T021045Z-20261122T022045Z');
    expect(formatClockRange({ from: T })).toBe('clock=20261122T021045Z-');
  });

  it('parses what it formats, fractions, open ends and parameters after a semicolon', () => {
    expect(parseClockRange('clock=20261122T021045Z-20261122T022045Z')).toEqual({ from: T, to: T + 600_000 });
    expect(parseClockRange('clock=20261122T021045.25Z-')).toEqual({ from: T + 250 });
    expect(parseClockRange(' Clock = 20261122T021045Z - 20261122T021046Z;time=20261122T021045Z')).toEqual({ from: T, to: T + 1000 });
  });

  it('refuses other range kinds and impossible dates instead of rolling them over', () => {
    expect(parseClockRange('npt=0.000-')).toBeUndefined();
    expect(parseClockRange('clock=20260231T000000Z-')).toBeUndefined();
    expect(parseClockTime('20261122T246000Z')).toBeUndefined();
    expect(parseClockTime('2026-11-22T02:10:45Z')).toBeUndefined();
    expect(parseClockRange('clock=20261122T021045Z-tomorrow')).toBeUndefined();
  });

  it('asks a recorder for a span, faster than real time, with the ONVIF option tag', () => {
    expect(replayPlayHeaders({ range: { from: T, to: T + 1000 }, rateControl: false, onvif: true })).toEqual([
      ['Range', 'clock=20261122T021045Z-20261122T021046Z'],
      ['Require', 'onvif-replay'],
      ['Rate-Control', 'no'],
    ]);
    expect(replayPlayHeaders({ scale: -1 })).toEqual([
      ['Range', 'npt=0.000-'],
      ['Scale', '-1.0'],
    ]);
    expect(() => replayPlayHeaders({ scale: 0 })).toThrow(/Scale/);
  });
});

describe('ONVIF replay RTP header extension (0xABAC)', () => {
  it('carries the recorder time to well under a millisecond and every flag', () => {
    const ext = buildReplayExtension({ recordedAtMs: T + 40.5, cleanPoint: true, endOfSection: false, discontinuity: true, termination: false, cseq: 261 });
    expect(ext.profile).toBe(0xabac);
    expect(ext.data.length).toBe(12);
    const t = readReplayExtension(ext)!;
    expect(Math.abs(t.recordedAtMs - (T + 40.5))).toBeLessThan(0.001);
    expect(t).toMatchObject({ cleanPoint: true, endOfSection: false, discontinuity: true, termination: false, cseq: 261 & 0xff });
    const end = readReplayExtension(buildReplayExtension({ recordedAtMs: T, cleanPoint: false, endOfSection: true, discontinuity: false, termination: true, cseq: 0 }))!;
    expect(end).toMatchObject({ cleanPoint: false, endOfSection: true, discontinuity: false, termination: true });
  });

  it('ignores other extensions and short ones', () => {
    expect(readReplayExtension(undefined)).toBeUndefined();
    expect(readReplayExtension({ profile: 0xbede, data: new Uint8Array(12) })).toBeUndefined();
    expect(readReplayExtension({ profile: 0xabac, data: new Uint8Array(8) })).toBeUndefined();
  });
});
