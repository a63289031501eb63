// The fMP4 formatter speaks the one gateway wire definition: what it sends, the player's
// reader (common/wire/gateway.ts) reads back with the same meaning of every field.
import { describe, expect, it } from 'vitest';
import { parseGatewayText } from '../../common/wire/gateway.js';
import { loadDemoClip } from '../../testing/fmp4/demo-units.js';
import type { VideoCodec } from '../types.js';
import { Fmp4Formatter } from './formats.js';

describe.each<VideoCodec>(['h264', 'h265'])('Fmp4Formatter (%s)', (codec) => {
  it('sends facts the shared reader accepts: codec is the family, codecString the RFC 6381 string', async () => {
    const clip = await loadDemoClip(codec);
    const f = new Fmp4Formatter('tile-9');
    const [text, init] = f.tracks({ video: clip.track, audio: { codec: 'pcma', sampleRate: 8000, channels: 1 } });
    expect(typeof text).toBe('string');
    expect(init).toBeInstanceOf(Uint8Array);
    const msg = parseGatewayText(text as string);
    expect(msg).toEqual({
      kind: 'facts',
      facts: {
        type: 'facts',
        format: 'fmp4',
        streamId: 'tile-9',
        codec,
        codecString: clip.track.codecString,
        mimeType: `video/mp4; codecs="${clip.track.codecString}"`,
        width: clip.track.width,
        height: clip.track.height,
        timescale: 90000,
        audioCodec: 'pcma',
      },
    });
  });

  it('sends a clock after each keyframe the shared reader accepts', async () => {
    const clip = await loadDemoClip(codec);
    const f = new Fmp4Formatter('tile-9');
    f.tracks({ video: clip.track });
    const key = { ...clip.units.find((u) => u.keyframe)!, receivedAt: 1_700_000_000_000 };
    expect(f.sample(key)).toBeDefined();
    const clock = f.after(key);
    expect(parseGatewayText(clock!)).toEqual({ kind: 'clock', clock: { dts: expect.any(Number), wallMs: key.receivedAt } });
    const delta = clip.units.find((u) => !u.keyframe)!;
    f.sample(delta);
    expect(f.after(delta)).toBeUndefined();
  });
});
