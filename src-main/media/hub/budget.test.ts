// The stream budget on its own (accounting) and inside the hub (parking, room again, reclaiming
// unwatched streams, the transcode cap), with scripted producers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeProducer } from '../../testing/hub/fake-producer.js';
import { StreamBudget, transcodeCapForCpus, type BudgetLimits } from './budget.js';
import { describeCamera, effectiveLimits, estimateKbps } from './budget-defaults.js';
import type { HubStatus } from './hub-types.js';
import { StreamHub } from './stream-hub.js';

function nvr(budget: StreamBudget, limits: BudgetLimits, cameras: string[], kbps = 1000): void {
  for (const c of cameras) {
    budget.describe(`${c}/main`, { group: 'nvr-1', label: '东门 NVR', kbps, limits });
    budget.describe(`${c}/sub`, { group: 'nvr-1', label: '东门 NVR', kbps: kbps / 4, limits });
  }
}

describe('StreamBudget accounting', () => {
  it('admits streams up to the device limit and names the limit, the number and the device when full', () => {
    const b = new StreamBudget({ maxTranscodes: 1 });
    nvr(b, { maxStreams: 2 }, ['c1', 'c2', 'c3']);
    expect(b.acquire('c1/main')).toEqual({ ok: true });
    expect(b.acquire('c2/main')).toEqual({ ok: true });
    expect(b.acquire('c3/main')).toEqual({ ok: false, limit: 'streams', max: 2, used: 2, group: 'nvr-1', label: '东门 NVR' });
    // A stream already held costs nothing more (a second tile on the same camera).
    expect(b.acquire('c1/main')).toEqual({ ok: true });
    expect(b.usage().groups['nvr-1']).toEqual({ streams: 2, kbps: 2000 });
    expect(b.release('c1/main')).toEqual({ group: 'nvr-1', transcode: false });
    expect(b.acquire('c3/main')).toEqual({ ok: true });
  });

  it('counts bandwidth: a main stream that does not fit is refused while its sub-stream fits', () => {
    const b = new StreamBudget({ maxTranscodes: 1 });
    nvr(b, { maxBitrateKbps: 2500 }, ['c1', 'c2', 'c3']);
    expect(b.acquire('c1/main').ok).toBe(true);
    expect(b.acquire('c2/main').ok).toBe(true);
    expect(b.check('c3/main')).toEqual({ ok: false, limit: 'bitrate', max: 2500, used: 2000, group: 'nvr-1', label: '东门 NVR' });
    expect(b.check('c3/sub')).toEqual({ ok: true });
    expect(b.acquire('c3/sub').ok).toBe(true);
    expect(b.usage().groups['nvr-1']).toEqual({ streams: 3, kbps: 2250 });
  });

  it('keeps devices apart and leaves undescribed streams free', () => {
    const b = new StreamBudget({ maxTranscodes: 1 });
    nvr(b, { maxStreams: 1 }, ['c1']);
    b.describe('x1/main', { group: 'cam-x', label: 'X', kbps: 1000, limits: { maxStreams: 1 } });
    expect(b.acquire('c1/main').ok).toBe(true);
    expect(b.acquire('x1/main').ok).toBe(true);
    expect(b.acquire('free/main').ok).toBe(true);
    expect(b.acquire('free2/main').ok).toBe(true);
  });

  it('caps re-encodes by the workstation, and a re-encode needs room for the camera stream it reads', () => {
    const b = new StreamBudget({ maxTranscodes: 1 });
    nvr(b, { maxStreams: 1 }, ['c1', 'c2']);
    expect(b.acquire('c1/main/x264').ok).toBe(true);
    expect(b.acquire('c1/main').ok).toBe(true); // the camera stream the re-encode reads
    expect(b.check('c2/main/x264')).toEqual({ ok: false, limit: 'transcodes', max: 1, used: 1 });
    b.release('c1/main/x264');
    // The transcode slot is free, but the device has no room for c2's stream.
    expect(b.check('c2/main/x264')).toMatchObject({ ok: false, limit: 'streams' });
    expect(b.usage().transcodes).toBe(0);
  });

  it('uses edited limits for later admissions', () => {
    const b = new StreamBudget({ maxTranscodes: 1 });
    nvr(b, { maxStreams: 1 }, ['c1', 'c2']);
    b.acquire('c1/main');
    expect(b.check('c2/main').ok).toBe(false);
    b.setLimits('nvr-1', { maxStreams: 4 });
    expect(b.check('c2/main').ok).toBe(true);
  });

  it('leaves one core to the app for the transcode cap, and always allows one', () => {
    expect(transcodeCapForCpus(1)).toBe(1);
    expect(transcodeCapForCpus(2)).toBe(1);
    expect(transcodeCapForCpus(8)).toBe(7);
  });
});

describe('defaults', () => {
  it('estimates bitrate from the picture size, else from the profile', () => {
    expect(estimateKbps('main', 1920, 1080)).toBe(4147);
    expect(estimateKbps('sub', 640, 360)).toBe(461);
    expect(estimateKbps('main')).toBe(4096);
    expect(estimateKbps('sub')).toBe(512);
  });

  it('takes what the operator set first, then the vendor default for the category, else none', () => {
    expect(effectiveLimits({ kind: 'hikvision', category: 'camera' })).toEqual({ maxStreams: 6 });
    expect(effectiveLimits({ kind: 'hikvision', category: 'nvr' })).toEqual({ maxBitrateKbps: 80_000 });
    expect(effectiveLimits({ kind: 'hikvision', category: 'nvr', maxStreams: 2 })).toEqual({ maxStreams: 2, maxBitrateKbps: 80_000 });
    expect(effectiveLimits({ kind: 'rtsp', category: 'camera' })).toEqual({});
    expect(effectiveLimits({ kind: 'rtsp', maxStreams: 3 })).toEqual({ maxStreams: 3 });
    expect(effectiveLimits({ kind: 'wvp', category: 'platform' })).toEqual({});
  });
});

describe('sub-streams first', () => {
  const device = {
    id: 'nvr-9',
    name: '乡政府 NVR',
    kind: 'rtsp',
    category: 'nvr',
    maxBitrateKbps: 5000,
    cameras: ['a', 'b'].map((id) => ({ id, sources: [{ profile: 'main', width: 1920, height: 1080 }, { profile: 'sub', width: 640, height: 360 }] })),
  };

  it('admits a tile\'s new stream of the same camera in place of its old one while it switches, for a while only', () => {
    let t = 0;
    const b = new StreamBudget({ maxTranscodes: 1, now: () => t });
    describeCamera(b, { ...device, maxBitrateKbps: 4147 + 461 }, 'a');
    describeCamera(b, { ...device, maxBitrateKbps: 4147 + 461 }, 'b');
    b.acquire('a/main');
    b.acquire('b/sub');
    // b moves up while a moves down: b/main fits only in place of b/sub.
    expect(b.check('b/main')).toMatchObject({ ok: false, limit: 'bitrate' });
    b.allowSwap('b/sub', 'b/main');
    expect(b.check('b/main')).toMatchObject({ ok: false, limit: 'bitrate' }); // a/main is still there
    b.release('a/main');
    expect(b.acquire('b/main')).toEqual({ ok: true });
    // Others are held to the limit meanwhile: both of b's streams count for them.
    expect(b.check('a/sub')).toMatchObject({ ok: false, limit: 'bitrate' });
    b.release('b/sub');
    expect(b.check('a/sub')).toEqual({ ok: true });
    // The credit lapses: a switch that never finishes does not keep it.
    b.acquire('a/sub');
    b.allowSwap('a/sub', 'a/main');
    b.release('b/main');
    b.acquire('b/sub');
    t += 30_000;
    expect(b.check('a/main')).toMatchObject({ ok: false, limit: 'bitrate' });
  });
});

describe('budget in the hub', () => {
  let producers: FakeProducer[];
  let hub: StreamHub;
  let budget: StreamBudget;
  let statuses: HubStatus[];

  beforeEach(() => {
    vi.useFakeTimers();
    producers = [];
    statuses = [];
    budget = new StreamBudget({ maxTranscodes: 1 });
    hub = new StreamHub({
      graceMs: 5000,
      budget,
      producerFactory: (key) => {
        const p = new FakeProducer(key);
        producers.push(p);
        return p;
      },
    });
    hub.onStatus((s) => statuses.push(s));
  });
  afterEach(() => {
    hub.close();
    vi.useRealTimers();
  });

  const watch = (key: string) => {
    const seen: HubStatus[] = [];
    const sub = hub.subscribe(key, { onTracks() {}, onSample() {}, onStatus: (s) => seen.push(s) });
    return { sub, seen, last: () => seen[seen.length - 1] };
  };

  it('a device limited to 2 streams with 4 cameras watched: 2 pull, 2 are parked with the reason and never connect', async () => {
    nvr(budget, { maxStreams: 2 }, ['c1', 'c2', 'c3', 'c4']);
    const tiles = ['c1', 'c2', 'c3', 'c4'].map((c) => watch(`${c}/main`));
    await vi.advanceTimersByTimeAsync(1000);
    expect(producers.map((p) => p.key).sort()).toEqual(['c1/main', 'c2/main']);
    for (const t of tiles.slice(2)) {
      expect(t.last()).toMatchObject({ state: 'offline', errorCode: 'over_budget', errorParams: { limit: 'streams', max: 2, used: 2, device: '东门 NVR' } });
    }
    // Never over: through minutes of reconnects (the fakes send nothing), only c1 and c2 are pulled.
    for (let i = 0; i < 120; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      expect(producers.filter((p) => !p.stopped).length).toBeLessThanOrEqual(2);
    }
    expect(new Set(producers.map((p) => p.key))).toEqual(new Set(['c1/main', 'c2/main']));
    expect(budget.usage().groups['nvr-1']!.streams).toBe(2);
  });

  it('a parked source starts as soon as a stream of its device loses its last viewer', async () => {
    nvr(budget, { maxStreams: 1 }, ['c1', 'c2']);
    const a = watch('c1/main');
    const b = watch('c2/main');
    await vi.advanceTimersByTimeAsync(500);
    expect(b.last()).toMatchObject({ errorCode: 'over_budget' });
    a.sub();
    // c1 would be kept warm for its grace period, but c2 is waiting: c1's room is taken back at once.
    await vi.advanceTimersByTimeAsync(500);
    expect(producers.map((p) => p.key)).toEqual(['c1/main', 'c2/main']);
    expect(producers[0]!.stopped).toBe(true);
    expect(b.last()!.state).toBe('connecting');
  });

  it('an unwatched stream in its grace period gives way to a new tile of the same device', async () => {
    nvr(budget, { maxStreams: 1 }, ['c1', 'c2']);
    const a = watch('c1/main');
    await vi.advanceTimersByTimeAsync(500);
    a.sub();
    const b = watch('c2/main');
    await vi.advanceTimersByTimeAsync(500);
    expect(producers[0]!.stopped).toBe(true);
    expect(b.last()!.state).toBe('connecting');
    expect(producers[1]!.key).toBe('c2/main');
  });

  it('a refused key whose viewer left hears "connecting" when there is room, so its held tile opens again', async () => {
    nvr(budget, { maxStreams: 1 }, ['c1', 'c2']);
    const a = watch('c1/main');
    const b = watch('c2/main');
    await vi.advanceTimersByTimeAsync(500);
    b.sub(); // the tile holds the refusal and lets go of the player
    expect(hub.keys()).toEqual(['c1/main']);
    statuses.length = 0;
    a.sub();
    await vi.advanceTimersByTimeAsync(100); // c2 waits, so c1 gives its room back without a grace period
    expect(statuses.filter((s) => s.key === 'c2/main').map((s) => s.state)).toEqual(['connecting']);
  });

  it('room for one tells only the oldest waiting tile; the other keeps its refusal and is not told while the room is taken', async () => {
    nvr(budget, { maxStreams: 2 }, ['c1', 'c2', 'c3', 'c4']);
    const [a, , c, d] = ['c1', 'c2', 'c3', 'c4'].map((k) => watch(`${k}/main`));
    await vi.advanceTimersByTimeAsync(500);
    c!.sub(); // both refused tiles hold their refusal and let go of their players
    d!.sub();
    statuses.length = 0;
    a!.sub();
    await vi.advanceTimersByTimeAsync(100);
    const said = (key: string) => statuses.filter((s) => s.key === key).map((s) => s.state);
    expect(said('c3/main')).toEqual(['connecting']);
    expect(said('c4/main')).toEqual([]);
    const again = watch('c3/main'); // the told tile opens again and takes the room
    await vi.advanceTimersByTimeAsync(10_000); // past the recheck: still no room for c4
    expect(again.last()!.state).toBe('connecting');
    expect(said('c4/main')).toEqual([]);
    expect(budget.usage().groups['nvr-1']!.streams).toBe(2);
  });

  it('a told tile that never comes back (cleared meanwhile) does not keep the room: the next waiting tile is told', async () => {
    nvr(budget, { maxStreams: 1 }, ['c1', 'c2', 'c3']);
    const [a, b, c] = ['c1', 'c2', 'c3'].map((k) => watch(`${k}/main`));
    await vi.advanceTimersByTimeAsync(500);
    b!.sub();
    c!.sub();
    statuses.length = 0;
    a!.sub();
    await vi.advanceTimersByTimeAsync(100);
    const said = (key: string) => statuses.filter((s) => s.key === key).map((s) => s.state);
    expect(said('c2/main')).toEqual(['connecting']);
    expect(said('c3/main')).toEqual([]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(said('c3/main')).toEqual(['connecting']);
  });

  it('a credentials refusal gives the room back', async () => {
    nvr(budget, { maxStreams: 1 }, ['c1', 'c2']);
    watch('c1/main');
    await vi.advanceTimersByTimeAsync(500);
    const b = watch('c2/main');
    producers[0]!.status({ state: 'closed', error: { code: 'auth_failed', message: '401' } });
    await vi.advanceTimersByTimeAsync(500);
    expect(b.last()!.state).toBe('connecting');
  });

  it('re-encodes beyond the CPU cap are parked with the transcode reason', async () => {
    const t1 = watch('c1/main/x264');
    const t2 = watch('c2/main/x264');
    await vi.advanceTimersByTimeAsync(500);
    expect(t1.last()!.state).toBe('connecting');
    expect(t2.last()).toMatchObject({ state: 'offline', errorCode: 'over_budget', errorParams: { limit: 'transcodes', max: 1, used: 1 } });
  });
});
