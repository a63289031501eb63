// A platform's play URL is a bearer credential: whoever holds it watches the camera (Artemis
// puts a token in the path, `rtsp://isc:554/openUrl/<token>`; ZLMediaKit and WVP put signs,
// call ids or tokens in the query). Every such part is registered with the log redactor the
// moment the adapter receives the URL, so it is masked in any log line, error or status that
// later quotes the URL; on screen a platform URL is only ever shown as its scheme and host.
import { registerSecret } from '../../base/log/redact.js';

/** Random-looking: long, or letters and digits mixed (not a GB28181 id, a codec name or a word). */
function tokenLike(part: string): boolean {
  if (part.length < 8) return false;
  if (/^\d+([_-]\d+)*$/.test(part)) return false; // GB28181 ids and stream names like 3402…_3402…
  return part.length >= 24 || (/[a-z]/i.test(part) && /\d/.test(part));
}

/** Registers the token-like path segments and query values of `url`; answers them (for tests). */
export function registerPlayUrlSecrets(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const found = new Set<string>();
  for (const segment of parsed.pathname.split('/')) {
    const bare = decodeURIComponent(segment).replace(/(\.[a-z0-9]{2,5})+$/i, ''); // "<token>.live.flv" carries the token
    if (tokenLike(bare)) found.add(bare);
  }
  for (const value of parsed.searchParams.values()) if (tokenLike(value)) found.add(value);
  if (parsed.password) found.add(decodeURIComponent(parsed.password));
  for (const s of found) registerSecret(s);
  return [...found];
}
