// The renderer's Content-Security-Policy, one text for both shells: Electron sets it on its
// app:// responses, host mode on its HTTP responses. `port` is the host server's own port
// (0 in Electron, which has none).
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://127.0.0.1:* http://127.0.0.1:*`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
