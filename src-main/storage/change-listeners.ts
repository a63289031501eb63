// Typed per-kind listener lists. A throwing listener must not undo or block a persisted change,
// so errors go to a reporter instead of back to the caller that made the change.
export class ChangeListeners<Payloads extends Record<string, unknown>> {
  readonly #lists = new Map<keyof Payloads, Set<(value: never) => void>>();
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  add<K extends keyof Payloads>(kind: K, cb: (value: Payloads[K]) => void): () => void {
    let list = this.#lists.get(kind);
    if (!list) {
      list = new Set();
      this.#lists.set(kind, list);
    }
    const entry = cb as (value: never) => void;
    list.add(entry);
    return () => {
      list.delete(entry);
    };
  }

  /** `make` builds a fresh copy per listener so one listener cannot change what another sees. */
  emit<K extends keyof Payloads>(kind: K, make: () => Payloads[K]): void {
    const list = this.#lists.get(kind);
    if (!list) return;
    for (const cb of [...list]) {
      try {
        (cb as (value: Payloads[K]) => void)(make());
      } catch (e) {
        this.#onError(e);
      }
    }
  }
}
