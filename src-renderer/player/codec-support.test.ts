import { describe, expect, it } from 'vitest';
import { canDecode, chooseSource, type DecodeCaps, probeDecodeCaps, type SourceFacts } from './codec-support.js';

// A probe shaped like Debian's Chromium: H.264 yes, H.265 no.
const debianChromium = { isTypeSupported: (mime: string) => /codecs="avc[13]\./.test(mime) };
const withHevc = { isTypeSupported: (mime: string) => /codecs="(avc[13]|hvc1|hev1)\./.test(mime) };

const NO_H265: DecodeCaps = { h264: true, h265: false, h265Flv: false };
const ALL: DecodeCaps = { h264: true, h265: true, h265Flv: true };

const mainH265: SourceFacts = { url: 'ws://127.0.0.1:1/live/cam1-main?token=x', transport: 'fmp4-ws', videoCodec: 'h265' };
const subH264: SourceFacts = { url: 'ws://127.0.0.1:1/live/cam1-sub?token=y', transport: 'fmp4-ws', videoCodec: 'h264' };

describe('canDecode', () => {
  it('asks MediaSource.isTypeSupported with an mp4 mime', () => {
    const asked: string[] = [];
    const probe = { isTypeSupported: (m: string) => (asked.push(m), true) };
    expect(canDecode('avc1.64001e', probe)).toBe(true);
    expect(asked).toEqual(['video/mp4; codecs="avc1.64001e"']);
  });
  it('reports what the platform reports, and false without MSE or when the probe throws', () => {
    expect(canDecode('avc1.64001e', debianChromium)).toBe(true);
    expect(canDecode('hvc1.1.6.L93.B0', debianChromium)).toBe(false);
    expect(canDecode('hvc1.1.6.L93.B0', null)).toBe(false);
    expect(canDecode('avc1.64001e', { isTypeSupported: () => { throw new Error('x'); } })).toBe(false);
  });
  it('probeDecodeCaps lets mpegts.js veto H.265 in FLV', () => {
    expect(probeDecodeCaps(debianChromium)).toEqual({ h264: true, h265: false, h265Flv: false });
    expect(probeDecodeCaps(withHevc)).toEqual({ h264: true, h265: true, h265Flv: true });
    expect(probeDecodeCaps(withHevc, { mseH265Playback: false })).toEqual({ h264: true, h265: true, h265Flv: false });
  });
});

describe('chooseSource', () => {
  it('plays H.264 as is, and H.265 where it decodes', () => {
    expect(chooseSource(subH264, {}, NO_H265)).toEqual({ action: 'play', source: subH264 });
    expect(chooseSource(mainH265, {}, ALL)).toEqual({ action: 'play', source: mainH265 });
  });
  it('falls back to the H.264 sub-stream when H.265 cannot be decoded', () => {
    expect(chooseSource(mainH265, { subStream: subH264, canTranscode: true }, NO_H265)).toEqual({ action: 'use_substream', source: subH264, reason: 'h265_unsupported' });
  });
  it('tries a sub-stream of unknown codec (most cameras send H.264 there), never an H.265 one', () => {
    const subUnknown: SourceFacts = { url: 'ws://127.0.0.1:1/live/s', transport: 'fmp4-ws' };
    expect(chooseSource(mainH265, { subStream: subUnknown }, NO_H265).action).toBe('use_substream');
    const subH265: SourceFacts = { ...subH264, videoCodec: 'h265' };
    expect(chooseSource(mainH265, { subStream: subH265, canTranscode: true }, NO_H265)).toEqual({ action: 'request_transcode', reason: 'h265_unsupported' });
  });
  it('goes dark with a reason when nothing else is possible', () => {
    expect(chooseSource(mainH265, {}, NO_H265)).toEqual({ action: 'dark', reason: 'h265_unsupported' });
  });
  it('judges FLV/TS H.265 by the mpegts.js capability, fMP4 by MSE', () => {
    const caps: DecodeCaps = { h264: true, h265: true, h265Flv: false };
    expect(chooseSource({ ...mainH265, transport: 'flv-ws' }, {}, caps)).toEqual({ action: 'dark', reason: 'h265_unsupported' });
    expect(chooseSource(mainH265, {}, caps).action).toBe('play');
  });
  it('a full codec string overrides the coarse videoCodec', () => {
    const f: SourceFacts = { ...subH264, videoCodec: 'h264', codecString: 'hev1.1.6.L120.90' };
    expect(chooseSource(f, {}, NO_H265)).toEqual({ action: 'dark', reason: 'h265_unsupported' });
  });
  it('plays a stream of unknown codec and lets the player report', () => {
    const f: SourceFacts = { url: 'http://platform/x.flv', transport: 'flv-http' };
    expect(chooseSource(f, {}, NO_H265).action).toBe('play');
  });
});
