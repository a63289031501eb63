// A tiny typed event emitter: players must not depend on Node's EventEmitter or a DOM EventTarget.
import type { PlayerEvent, PlayerEventMap } from './types.js';

type Listener<E extends PlayerEvent> = (payload: PlayerEventMap[E]) => void;

export class PlayerEmitter {
  private readonly listeners = new Map<PlayerEvent, Set<Listener<PlayerEvent>>>();

  on<E extends PlayerEvent>(event: E, cb: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(cb as Listener<PlayerEvent>);
    return () => set.delete(cb as Listener<PlayerEvent>);
  }

  emit<E extends PlayerEvent>(event: E, payload: PlayerEventMap[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    // A throwing listener (tile code) must not break the player's own bookkeeping.
    for (const cb of [...set]) {
      try {
        (cb as Listener<E>)(payload);
      } catch (err) {
        console.error(`player: '${event}' listener threw`, err);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
