// WVP play sessions per channel. WVP keeps ONE stream per channel (ZLMediaKit stream
// `<device>_<channel>`), and which of the device's streams it asks for is a setting of the
// channel (`streamIdentification`), so:
// - play/start when a tile needs the channel, play/stop when nothing pulls it any more;
// - a sub-stream is asked for by setting the channel's identification to its sub form before
//   play/start, and main by setting it back; main outranks sub: while the channel plays main, a
//   sub request shares that stream, and a main request while it plays sub switches it (the sub
//   viewers' pull ends and their next attempt gets the main stream);
// - calls for one channel run one at a time, so a play/stop never overtakes a later play/start.
import { SkywallError } from '../../../common/model/errors.js';
import type { WvpClient } from './wvp-client.js';
import type { WvpChannel, WvpStreamContent } from './wvp-schemas.js';

export type WvpProfile = 'main' | 'sub';

export interface WvpChannelIds {
  /** Platform device id + '/' + GB28181 device + '/' + channel: one entry per channel of one platform. */
  key: string;
  deviceId: string;
  channelId: string;
}

interface ChannelState {
  /** The profile WVP's stream of the channel plays: play/start sent, no play/stop since. */
  playing?: WvpProfile | undefined;
  /** The channel's record (db ids, identification), read once; null: this WVP does not list it. */
  record?: WvpChannel | null;
  /** The profile the channel's identification asks for now, as far as Skywall knows. */
  asks?: WvpProfile;
  queue: Promise<unknown>;
}

const IDENTIFICATION = /^(stream|streamnumber|streamprofile|streammode):(.*)$/i;

/** What the channel's identification asks for: `…:1` or `…:sub` is the sub-stream, anything else main. */
export function profileOfIdentification(value: string | null | undefined): WvpProfile {
  const m = IDENTIFICATION.exec(value ?? '');
  return m && /^(1|sub)$/i.test(m[2]!.trim()) ? 'sub' : 'main';
}

/** The identification asking for `profile`, in the form the channel already uses (default `stream:N`). */
export function identificationFor(profile: WvpProfile, current: string | null | undefined): string {
  const m = IDENTIFICATION.exec(current ?? '');
  const family = m?.[1] ?? 'stream';
  if (family.toLowerCase() === 'streammode') {
    const word = profile === 'sub' ? 'sub' : 'main';
    return `${family}:${m && m[2] === m[2]!.toUpperCase() ? word.toUpperCase() : word}`;
  }
  return `${family}:${profile === 'sub' ? 1 : 0}`;
}

export class WvpLiveSessions {
  private readonly channels = new Map<string, ChannelState>();

  /** The channel plays `profile` (or the main stream it shares); answers WVP's StreamContent. */
  start(client: WvpClient, ids: WvpChannelIds, profile: WvpProfile): Promise<{ content: WvpStreamContent; profile: WvpProfile }> {
    return this.serial(ids.key, async (st) => {
      const want: WvpProfile = profile === 'sub' && st.playing === 'main' ? 'main' : profile;
      if (want !== (await this.asks(client, ids, st))) await this.switchTo(client, ids, st, want);
      const content = await client.playStart(ids.deviceId, ids.channelId);
      st.playing = want;
      return { content, profile: want };
    });
  }

  /** Nothing pulls the channel any more: play/stop (a session WVP already ended is no error). */
  release(client: WvpClient, ids: WvpChannelIds): Promise<void> {
    return this.serial(ids.key, async (st) => {
      if (!st.playing) return;
      st.playing = undefined;
      await this.stop(client, ids);
    });
  }

  /** The profile WVP plays for the channel now, if a session is open (for tests and the tile). */
  playing(key: string): WvpProfile | undefined {
    return this.channels.get(key)?.playing;
  }

  private async asks(client: WvpClient, ids: WvpChannelIds, st: ChannelState): Promise<WvpProfile> {
    if (st.asks) return st.asks;
    const record = await this.recordOf(client, ids, st);
    st.asks = profileOfIdentification(record?.streamIdentification);
    return st.asks;
  }

  private async switchTo(client: WvpClient, ids: WvpChannelIds, st: ChannelState, want: WvpProfile): Promise<void> {
    const record = await this.recordOf(client, ids, st);
    if (!record || typeof record.id !== 'number') {
      if (want === 'main') return; // nothing known to switch back from: WVP's default is main
      throw new SkywallError('not_found', 'this WVP lists no stream choice for the channel, so it has no sub-stream here', { call: 'channel/stream/identification/update' });
    }
    // The one stream of the channel is replaced: end the old one first, or play/start answers it again.
    if (st.playing) {
      st.playing = undefined;
      await this.stop(client, ids);
    }
    const value = identificationFor(want, record.streamIdentification);
    await client.setStreamIdentification(record.id, record.deviceDbId ?? undefined, value);
    record.streamIdentification = value;
    st.asks = want;
  }

  private async recordOf(client: WvpClient, ids: WvpChannelIds, st: ChannelState): Promise<WvpChannel | null> {
    if (st.record !== undefined) return st.record;
    try {
      const page = await client.channelsPage(ids.deviceId, 1, 20, ids.channelId);
      st.record = (page.list ?? []).find((c) => c.deviceId === ids.channelId) ?? null;
    } catch (e) {
      // An older WVP without the record's fields or the search: play main as it is.
      if (!(e instanceof SkywallError) || (e.code !== 'not_found' && e.code !== 'protocol' && e.code !== 'platform_refused')) throw e;
      st.record = null;
    }
    return st.record;
  }

  private async stop(client: WvpClient, ids: WvpChannelIds): Promise<void> {
    try {
      await client.playStop(ids.deviceId, ids.channelId);
    } catch (e) {
      // WVP answers code 100 when ZLMediaKit already closed the stream: it is stopped either way.
      if (!(e instanceof SkywallError) || e.code !== 'platform_refused') throw e;
    }
  }

  private serial<T>(key: string, run: (st: ChannelState) => Promise<T>): Promise<T> {
    let st = this.channels.get(key);
    if (!st) {
      st = { queue: Promise.resolve() };
      this.channels.set(key, st);
    }
    const state = st;
    const next = state.queue.then(
      () => run(state),
      () => run(state),
    );
    state.queue = next.catch(() => undefined);
    return next;
  }
}
