// Byte sources for writer tests: deterministic content, optionally paced so that a fault
// can be injected while the write is under way.
/** Deterministic pseudo-random bytes (xorshift32); the same seed gives the same bytes. */
export function patternBytes(size: number, seed = 0x9e3779b9): Buffer {
  const words = new Uint32Array(Math.ceil(size / 4));
  let x = seed >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return Buffer.from(words.buffer, 0, size);
}

export interface PacedSource {
  content(): AsyncIterable<Uint8Array>;
  /** Bytes handed out so far. */
  readonly delivered: number;
}

/** Hands out `bytes` in chunks of `chunk` bytes, waiting `delayMs` before each. */
export function pacedSource(bytes: Uint8Array, chunk: number, delayMs: number): PacedSource {
  const state = { delivered: 0 };
  return {
    get delivered() {
      return state.delivered;
    },
    async *content() {
      for (let o = 0; o < bytes.length; o += chunk) {
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        const piece = bytes.subarray(o, Math.min(bytes.length, o + chunk));
        state.delivered += piece.length;
        yield piece;
      }
    },
  };
}
