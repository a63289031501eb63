export type Unsubscribe = () => void;

export interface FollowHandlers<T, E> {
  /** The fetched state. */
  snapshot(value: T): void;
  /** A change event: replayed after the snapshot when it arrived while the fetch was under way. */
  event(payload: E): void;
}

/**
 * Subscribes first, then fetches, so no change is lost: an event that arrives while the fetch is
 * under way is held and applied after the fetched state. (The answer may have been read before
 * that change; replaying the event is always right for events that carry the whole new state.)
 */
export async function subscribeThenFetch<T, E>(subscribe: (listener: (payload: E) => void) => Unsubscribe, fetch: () => Promise<T>, on: FollowHandlers<T, E>): Promise<Unsubscribe> {
  let held: E[] | undefined = [];
  const unsubscribe = subscribe((payload) => {
    if (held) held.push(payload);
    else on.event(payload);
  });
  try {
    on.snapshot(await fetch());
  } catch (err) {
    unsubscribe();
    throw err;
  }
  const replay = held;
  held = undefined;
  for (const payload of replay) on.event(payload);
  return unsubscribe;
}
