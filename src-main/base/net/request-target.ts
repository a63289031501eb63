// The request line's target, read without ever throwing. Node hands servers the raw target
// ("GET //[ HTTP/1.1" gives "//["), and `new URL()` or `decodeURIComponent()` on it throws:
// every loopback server reads its target here first, and refuses what this cannot read.

export interface RequestTarget {
  /** Percent-encoded path, always starting with a single '/'. */
  readonly pathname: string;
  readonly query: URLSearchParams;
}

/** Longer targets are refused (Node's own header limit is 16 KiB; none of ours needs 8). */
export const MAX_TARGET_LENGTH = 8192;

const BASE = 'http://127.0.0.1';

/**
 * An origin-form target ("/path?query") or undefined for anything else: absolute-form
 * ("http://host/"), authority-form, "*", protocol-relative ("//host/x", "//["), control
 * characters, or a target the URL parser rejects.
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_TARGET_LENGTH) return undefined;
  if (raw[0] !== '/' || raw[1] === '/' || raw[1] === '\\') return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return undefined;
  }
  // Dot segments can leave a double slash in front ("/.//x" is "//x"): not a local path either.
  if (url.origin !== BASE || url.pathname.startsWith('//')) return undefined;
  return { pathname: url.pathname, query: url.searchParams };
}

/** decodeURIComponent that answers undefined for bad escapes ("%E0%A4%A") instead of throwing. */
export function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
