// Which page origins may open a live socket. Browsers always send Origin on WebSocket
// upgrades, so this stops other local web pages from using a leaked URL; a request without
// Origin (a non-browser client) still needs a valid token.

export type OriginPolicy = readonly (string | RegExp)[] | ((origin: string) => boolean);

/** Skywall's own pages: the app:// protocol and the host-mode server on loopback. */
export const DEFAULT_ALLOWED_ORIGINS: readonly (string | RegExp)[] = [
  /^app:\/\/[a-z0-9.-]+$/i,
  /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i,
];

export function originAllowed(origin: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  if (typeof policy === 'function') return policy(origin);
  return policy.some((p) => (typeof p === 'string' ? p === origin : p.test(origin)));
}
