// Who may open the host's contract socket. A page URL carries a one-time page token in its
// fragment; the first connection spends it and receives a session credential, which the page
// keeps in sessionStorage for reloads. A page token seen by anyone else (a process list showing
// the browser's command line, a terminal log, browser history) is worthless once the page has
// connected. See docs/decisions.md, "Host-mode tokens".
import { createHash } from 'node:crypto';
import { newSecret, TokenStore } from '../base/net/index.js';

/** Sessions kept at once; the oldest goes first (each page tab holds one). */
const MAX_SESSIONS = 64;

export type HostAuthResult = { ok: true; credential: string } | { ok: false };

export interface HostAuthOptions {
  /** Session digests issued by an earlier run: pages open across a restart reconnect with them. */
  sessions?: string[];
  /** Told the digests whenever a session is added, to remember them for the next run. */
  onSessionsChange?(digests: string[]): void;
}

export class HostAuth {
  // Unused page tokens never expire: the operator may open the page long after start.
  private readonly pageTokens = new TokenStore<true>({ ttlMs: Number.POSITIVE_INFINITY });
  private readonly sessions: Set<string>;
  private readonly onSessionsChange: (digests: string[]) => void;

  constructor(opts: HostAuthOptions = {}) {
    this.sessions = new Set((opts.sessions ?? []).slice(-MAX_SESSIONS));
    this.onSessionsChange = opts.onSessionsChange ?? (() => undefined);
  }

  /** A new one-time page token. */
  issuePageToken(): string {
    return this.pageTokens.issue(true);
  }

  /** Spends a page token; on success a new session credential. */
  spendPageToken(token: string): HostAuthResult {
    if (!this.pageTokens.redeem(token).ok) return { ok: false };
    const credential = newSecret();
    this.sessions.add(digestKey(credential));
    while (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.values().next().value!);
    this.onSessionsChange([...this.sessions]);
    return { ok: true, credential };
  }

  /** A session credential this host (or an earlier run on the same data) issued: reloads and reconnections. */
  checkSession(credential: string): HostAuthResult {
    return this.sessions.has(digestKey(credential)) ? { ok: true, credential } : { ok: false };
  }
}

// Sessions are kept as digests, so a lookup's timing reveals nothing about a guess.
function digestKey(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
