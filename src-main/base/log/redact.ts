// Last line of defence against secrets in logs, error messages and audit entries. Patterns catch
// the usual carriers (URL userinfo, password/token parameters, Authorization headers, JSON
// password fields); registered values catch a known secret wherever else it shows up.
const MASK = '***';
/** Shorter values would mask ordinary words and digits all over a log line. */
export const MIN_REGISTERED_SECRET_LENGTH = 4;
const MAX_REGISTERED_SECRETS = 10_000;

const knownSecrets = new Set<string>();
// Rebuilt lazily after the set changes; redaction runs on every log line.
let knownPattern: RegExp | null | undefined;

/** Remembers a secret so redactSecrets masks it anywhere (also its URL-encoded form). */
export function registerSecret(value: string): void {
  if (typeof value !== 'string' || value.length < MIN_REGISTERED_SECRET_LENGTH) return;
  if (knownSecrets.size >= MAX_REGISTERED_SECRETS) {
    // Drop the oldest: Sets iterate in insertion order.
    const oldest = knownSecrets.values().next().value;
    if (oldest !== undefined) knownSecrets.delete(oldest);
  }
  knownSecrets.add(value);
  knownPattern = undefined;
}

export function unregisterSecret(value: string): void {
  knownSecrets.delete(value);
  knownPattern = undefined;
}

/** For tests only. */
export function clearRegisteredSecrets(): void {
  knownSecrets.clear();
  knownPattern = undefined;
}

const PARAM_NAMES = 'password|passwd|pwd|pass|passphrase|token|access_token|refresh_token|id_token|auth|secret|client_secret|api_key|apikey|signature|sig';

// scheme://user:password@  (greedy up to the last @ before a path/space: passwords may hold a raw @)
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):([^\s/]*)@/gi;
// ?password=x  &token=x  ;pwd=x  #token=x (a fragment carries tokens too)
const QUERY_PARAM = new RegExp(`([?&;#](?:${PARAM_NAMES}))=([^&;#\\s"'<>]*)`, 'gi');
// Authorization: Basic xxx / Digest username="..", response=".." / Bearer xxx (to end of line)
const AUTH_HEADER = /\b((?:proxy-)?authorization)(\s*[:=]\s*)(basic|digest|bearer|negotiate|ntlm)?[^\r\n]*/gi;
// "password": "x" and "Authorization": "Basic x" (JSON built from device input or requests)
const JSON_FIELD = new RegExp(`("(?:${PARAM_NAMES}|authorization|proxy-authorization)"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function buildKnownPattern(): RegExp | null {
  if (knownSecrets.size === 0) return null;
  const forms = new Set<string>();
  for (const s of knownSecrets) {
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(JSON.stringify(s).slice(1, -1));
  }
  // Longest first, so a secret that contains another is masked whole.
  const alternation = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  return new RegExp(alternation, 'g');
}

function maskKnown(text: string): string {
  if (knownPattern === undefined) knownPattern = buildKnownPattern();
  return knownPattern ? text.replace(knownPattern, MASK) : text;
}

/** Returns `text` with credentials masked as `***`. Safe to call on any string. */
export function redactSecrets(text: string): string {
  let out = maskKnown(String(text));
  out = out.replace(URL_USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:${MASK}@`);
  out = out.replace(QUERY_PARAM, (_m, key: string) => `${key}=${MASK}`);
  out = out.replace(AUTH_HEADER, (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ? `${scheme} ` : ''}${MASK}`);
  out = out.replace(JSON_FIELD, (_m, key: string) => `${key}"${MASK}"`);
  return out;
}

/** Deep copy of a JSON-like value with every string passed through redactSecrets. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactValue(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = /^(password|passwd|pwd|secret|token|access_token|refresh_token|api_key|apikey)$/i.test(k) && typeof v === 'string' ? MASK : redactValue(v);
    }
    return out as T;
  }
  return value;
}
