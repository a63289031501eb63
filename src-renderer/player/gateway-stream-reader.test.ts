// The gateway protocol state machine, fed real ffmpeg per-frame fragments.
import { beforeAll, describe, expect, it } from 'vitest';
import { makePerFrameMp4, type PerFrameMp4 } from '../../e2e/fixtures/player-harness/ffmpeg-fragments.js';
import { factsMessage, type GatewayFactsInput } from '@common/wire/gateway.js';
import { GatewayStreamReader } from './gateway-stream-reader.js';

let mp4: PerFrameMp4;
const facts = (extra: Partial<GatewayFactsInput> = {}) => factsMessage({ streamId: 's1', codec: 'h264', codecString: 'avc1.64000c', width: 160, height: 120, timescale: 90000, ...extra });

beforeAll(() => {
  mp4 = makePerFrameMp4(30, 5); // 1.2 s, keyframes at 0, 5, 10, ...
});

describe('GatewayStreamReader', () => {
  it('walks facts -> init -> fragments and places each frame at its decode time', () => {
    const r = new GatewayStreamReader();
    expect(r.text(facts()).kind).toBe('facts');
    expect(r.binary(mp4.init)).toEqual({ kind: 'init', bytes: mp4.init });
    const placed = mp4.fragments.map((f) => r.binary(f));
    expect(placed.every((a) => a.kind === 'fragment')).toBe(true);
    const starts = placed.map((a) => (a.kind === 'fragment' ? a.placed.startSec : NaN));
    expect(starts).toEqual(mp4.probed.map((p) => expect.closeTo(p.dts / 90000, 9)));
    expect(r.frameMs).toBeCloseTo(40, 3);
  });

  it('refuses media before facts and a fragment where the init belongs', () => {
    const r = new GatewayStreamReader();
    expect(r.binary(mp4.init)).toMatchObject({ kind: 'fail', code: 'protocol', message: 'binary message before the facts message' });
    const r2 = new GatewayStreamReader();
    r2.text(facts());
    expect(r2.binary(mp4.fragments[0]!)).toMatchObject({ kind: 'fail', code: 'protocol' });
  });

  it('drops frames until the first keyframe', () => {
    const r = new GatewayStreamReader();
    r.text(facts());
    r.binary(mp4.init);
    const kinds = mp4.fragments.slice(2, 12).map((f) => r.binary(f).kind); // starts at frame 2, keyframe at 5
    expect(kinds).toEqual(['none', 'none', 'none', 'fragment', 'fragment', 'fragment', 'fragment', 'fragment', 'fragment', 'fragment']);
    expect(r.skippedBeforeKeyframe).toBe(3);
  });

  it('accepts a new init for the same codec and splices a restarted timeline after the old one', () => {
    const r = new GatewayStreamReader();
    r.text(facts());
    r.binary(mp4.init);
    for (const f of mp4.fragments) r.binary(f);
    expect(r.text(facts({ width: 160 })).kind).toBe('facts');
    expect(r.binary(mp4.init).kind).toBe('init');
    const again = r.binary(mp4.fragments[0]!); // decode time 0 again: upstream restarted
    expect(again.kind === 'fragment' && again.placed.spliced).toBe(true);
    expect(again.kind === 'fragment' && again.placed.startSec).toBeCloseTo(30 * 0.04, 3);
  });

  it('fails on a codec change, a gateway error and a malformed text message', () => {
    const r = new GatewayStreamReader();
    r.text(facts());
    expect(r.text(facts({ codec: 'h265', codecString: 'hvc1.1.6.L93.B0' }))).toMatchObject({ kind: 'fail', code: 'protocol' });
    expect(r.text('{"type":"error","code":"camera_offline","message":"no route"}')).toEqual({ kind: 'fail', code: 'gateway', message: 'gateway error camera_offline: no route' });
    expect(r.text('not json').kind).toBe('fail');
    expect(r.text('{"type":"status","state":"live"}').kind).toBe('none');
  });

  it('maps frames to the gateway ingest clock when facts carry one', () => {
    const r = new GatewayStreamReader();
    r.text(facts({ clock: { dts: 0, wallMs: 1_700_000_000_000 } }));
    r.binary(mp4.init);
    r.binary(mp4.fragments[0]!);
    const second = r.binary(mp4.fragments[1]!);
    expect(second.kind === 'fragment' && second.ingestWallMs).toBe(1_700_000_000_040);
    r.text('{"type":"clock","dts":3600,"wallMs":1700000000100}');
    const third = r.binary(mp4.fragments[2]!);
    expect(third.kind === 'fragment' && third.ingestWallMs).toBe(1_700_000_000_140);
  });
});
