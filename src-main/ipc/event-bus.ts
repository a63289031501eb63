import { events, type EventName, type EventPayload } from '../common/contract/index.js';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Services publish contract events here; each transport (Electron windows, host WebSocket
 * clients) subscribes and forwards. Payloads are parsed so nothing off-contract leaves main.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) throw new Error(`event ${name} does not match the contract`);
    for (const l of this.listeners) l(name, parsed.data);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
