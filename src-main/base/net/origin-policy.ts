// Which page origins may use a loopback server. Browsers always send Origin on WebSocket
// upgrades and on cross-origin fetches, so a policy stops other local web pages; a request
// without Origin (a non-browser client) is allowed only where the caller says so, and still
// needs its token.

export type OriginPolicy = readonly (string | RegExp)[] | ((origin: string) => boolean);

/** Skywall's own pages: the app:// protocol and the host-mode server on loopback. */
export const APP_PAGE_ORIGINS: readonly (string | RegExp)[] = [/^app:\/\/[a-z0-9.-]+$/i, /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i];

export function originAllowed(origin: string | undefined, policy: OriginPolicy, opts: { allowMissing?: boolean } = {}): boolean {
  if (origin === undefined) return opts.allowMissing ?? true;
  if (typeof policy === 'function') return policy(origin);
  return policy.some((p) => (typeof p === 'string' ? p === origin : p.test(origin)));
}
