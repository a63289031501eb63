// A bridge for unit tests: answers invokes from handlers the test sets, holds answers until the
// test releases them, and fires events when the test says, so orderings can be staged exactly.
import type { ChannelName, EventName, InvokeResult } from '../../common/contract/index.js';
import type { Bridge } from '../../../src-renderer/services/bridge-types.js';

type Handler = (payload: unknown) => unknown;

export class FakeBridge implements Bridge {
  readonly transport = 'host' as const;
  readonly calls: { channel: ChannelName; payload: unknown }[] = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();
  private readonly held = new Map<string, (() => void)[]>();
  private readonly holding = new Set<string>();

  handle(channel: ChannelName, handler: Handler): this {
    this.handlers.set(channel, handler);
    return this;
  }

  /** Answers of `channel` wait until release(channel). */
  hold(channel: ChannelName): void {
    this.holding.add(channel);
  }

  /** Sends the held answers (computed now, as main would when it finally answers). */
  release(channel: ChannelName): void {
    this.holding.delete(channel);
    for (const send of this.held.get(channel) ?? []) send();
    this.held.delete(channel);
  }

  emit(event: EventName, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }

  private readonly connectionWatchers = new Set<(up: boolean) => void>();

  onConnection(watcher: (up: boolean) => void): () => void {
    this.connectionWatchers.add(watcher);
    return () => this.connectionWatchers.delete(watcher);
  }

  /** Main goes away (false) or the page is connected to it again (true). */
  connection(up: boolean): void {
    for (const w of this.connectionWatchers) w(up);
  }

  listenerCount(event: EventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  invoke(channel: ChannelName, payload: unknown): Promise<InvokeResult> {
    this.calls.push({ channel, payload });
    return new Promise((resolve) => {
      const answer = (): void => {
        const h = this.handlers.get(channel);
        if (!h) return resolve({ ok: false, error: { code: 'not_found', message: `no handler for ${channel}` } });
        try {
          resolve({ ok: true, value: h(payload) });
        } catch (err) {
          const e = err as { code?: string; message?: string; params?: Record<string, string | number> };
          resolve({ ok: false, error: { code: e.code ?? 'internal', message: e.message ?? '', ...(e.params ? { params: e.params } : {}) } });
        }
      };
      if (this.holding.has(channel)) this.held.set(channel, [...(this.held.get(channel) ?? []), answer]);
      else queueMicrotask(answer);
    });
  }

  on(event: EventName, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }
}
