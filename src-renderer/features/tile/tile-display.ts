// What a tile says, from two witnesses: main's word about the source (connected, reconnecting,
// refused...) and the player's about the picture (frames presented or not). A live badge needs
// both: main connected and frames reaching the screen. A picture that stopped while main still
// says "live" reads "stalled"; a picture that is gone for longer than the grace reads "offline".
import type { StreamState } from '@common/contract/stream.js';

/** What the player says of the picture: none attached, waiting for the first frame, frames presented, frames stopped. */
export type PictureState = 'none' | 'connecting' | 'playing' | 'stalled';

/**
 * How long a camera may be without a picture before the tile says 离线 (offline) with the time
 * the picture was lost. Long enough for a camera reboot's first reconnect attempts (1 s, 2 s,
 * 4 s), short enough that an operator sees a dead camera at a glance.
 */
export const OFFLINE_GRACE_MS = 10_000;

export function shownState(main: StreamState | undefined, picture: PictureState): StreamState {
  if (main === 'reconnecting' || main === 'offline' || main === 'auth_failed' || main === 'unsupported') return main;
  if (main === 'connecting' && picture !== 'playing') return 'connecting';
  if (picture === 'playing') return 'live';
  if (picture === 'stalled' || main === 'stalled') return 'stalled';
  return 'connecting';
}

/** The picture is gone for good enough to say offline (held refusals keep their own words). */
export function isOffline(state: StreamState, pictureLostAt: number | undefined, now: number): boolean {
  if (state === 'live' || state === 'auth_failed' || state === 'unsupported' || pictureLostAt === undefined) return false;
  return state === 'offline' || now - pictureLostAt >= OFFLINE_GRACE_MS;
}
