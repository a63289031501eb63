// TileSession: what main holds (refused credentials, unsupported format, stream budget), dark reasons and re-encodes.
import { describe, expect, it, vi } from 'vitest';
import { facts, plans, players, closed, deps, view, player, status, playNext, settle, session, useSessionHarness } from './tile-session.test-harness.js';

useSessionHarness();

describe('TileSession held and dark', () => {
  it('holds "authentication failed": player errors and time never turn it into connecting', async () => {
    const s = session();
    const id = playNext();
    s.setActive(true);
    await settle();
    status({ streamId: id, state: 'auth_failed', errorCode: 'auth_failed' });
    expect(s.phase).toBe('held');
    expect(view()).toEqual({ state: 'auth_failed', transport: 'fmp4-ws' });
    expect(player().detached).toBe(true);
    player().error('network'); // the old player's socket closing late changes nothing
    status({ streamId: id, state: 'offline' }); // main idles the source nobody plays after its grace period
    status({ streamId: id, state: 'reconnecting', retryInMs: 1000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view()).toEqual({ state: 'auth_failed', transport: 'fmp4-ws' });
    expect(closed).toEqual([]); // the stream stays open to hear when the credentials change
    expect(players).toHaveLength(1);
  });

  it('holds a stream budget refusal with its reason and opens again when main says there is room', async () => {
    const s = session();
    const over = { limit: 'streams', max: 2, used: 2, device: 'NVR' };
    playNext({ status: { state: 'offline', errorCode: 'over_budget', errorParams: over } });
    s.setActive(true);
    await settle();
    expect(s.phase).toBe('held');
    expect(view()).toEqual({ state: 'offline', overBudget: over, transport: 'fmp4-ws' });
    expect(players).toHaveLength(0); // nothing to play: no player waits on an empty stream
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view()).toEqual({ state: 'offline', overBudget: over, transport: 'fmp4-ws' });
    const next = playNext();
    status({ streamId: 's1', state: 'connecting' }); // another stream of the device stopped
    await settle();
    expect(closed).toEqual(['s1']);
    expect(s.phase).toBe('playing');
    expect(player().facts.streamId).toBe(next);
    expect(view().overBudget).toBeUndefined();
  });

  it('holds "authentication failed" sent before the open was answered (subscribe before open)', async () => {
    const s = session();
    plans.push(async () => {
      status({ streamId: 's1', state: 'auth_failed' }); // main publishes while answering
      return { kind: 'play', facts: facts('s1'), transcoded: false };
    });
    s.setActive(true);
    await settle();
    expect(s.phase).toBe('held');
    expect(view().state).toBe('auth_failed');
    expect(players).toHaveLength(0);
  });

  it('a retry that meets refused credentials stops retrying, its countdown stops too', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    player().error('no_data');
    plans.push(async () => {
      status({ streamId: 's2', state: 'auth_failed' });
      return { kind: 'play', facts: facts('s2'), transcoded: false };
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(view()).toEqual({ state: 'auth_failed', transport: 'fmp4-ws' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(view()).toEqual({ state: 'auth_failed', transport: 'fmp4-ws' });
  });

  it('starts afresh when main moves on from refused credentials (they were corrected)', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    status({ streamId: 's1', state: 'auth_failed' });
    playNext();
    status({ streamId: 's1', state: 'connecting' });
    expect(closed).toEqual(['s1']);
    await settle();
    expect(s.phase).toBe('playing');
    player().state('playing');
    expect(view().state).toBe('live');
  });

  it('asks main for the transcode when the player finds a stream of unknown codec undecodable', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    let asked: { transcode: boolean } | undefined;
    plans.push(async (o) => ((asked = o), { kind: 'play', facts: facts('s2'), transcoded: true }));
    player().error('h265_unsupported');
    await settle();
    expect(asked).toEqual({ transcode: true });
    expect(view()).toMatchObject({ state: 'connecting', transcoded: true });
    // Later retries stay on the transcode.
    player().error('network');
    plans.push(async (o) => ((asked = o), { kind: 'play', facts: facts('s3'), transcoded: true }));
    asked = undefined;
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toEqual({ transcode: true });
  });

  it('stays dark with the reason when nothing is playable', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    plans.push(async () => ({ kind: 'play', facts: facts('s9', { plan: 'transcode' }), transcoded: true }));
    player().error('h265_unsupported');
    await settle();
    player().error('h265_unsupported'); // even the re-encode does not decode here
    expect(s.phase).toBe('dark');
    expect(view()).toEqual({ darkReason: 'h265_unsupported' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(players).toHaveLength(2);

    const t = session();
    plans.push(async () => ({ kind: 'dark', reason: 'codec_unsupported' }));
    t.setActive(true);
    await settle();
    expect(view()).toEqual({ darkReason: 'codec_unsupported' });
  });

  it('says "too many players" without opening anything when no video element is left', () => {
    deps.acquireVideo = () => undefined;
    const s = session();
    s.setActive(true);
    expect(s.phase).toBe('dark');
    expect(view()).toEqual({ darkReason: 'player_cap' });
  });

  it('starts from the state main answered with, before any event', async () => {
    const s = session();
    plans.push(async () => ({ kind: 'play', facts: facts('s1', { status: { state: 'auth_failed', errorCode: 'auth_failed' } }), transcoded: false }));
    s.setActive(true);
    await settle();
    expect(s.phase).toBe('held');
    expect(view()).toEqual({ state: 'auth_failed', transport: 'fmp4-ws' });
    expect(players).toHaveLength(0);
  });

  it('holds "unsupported format" like refused credentials: no retry loop', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    status({ streamId: 's1', state: 'unsupported', errorCode: 'unsupported_codec' });
    player().error('no_data');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view()).toEqual({ state: 'unsupported', transport: 'fmp4-ws' });
    expect(players).toHaveLength(1);
  });
  it('opens again when its device changed while held (main learns new credentials on open), not while playing', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    s.deviceChanged();
    expect(closed).toEqual([]);
    status({ streamId: 's1', state: 'auth_failed' });
    playNext();
    s.deviceChanged();
    await settle();
    expect(closed).toEqual(['s1']);
    expect(s.phase).toBe('playing');
  });
});
