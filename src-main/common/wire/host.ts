// Messages of the host-mode contract socket (ws://127.0.0.1:<port>/ipc), written once for both
// ends: host/host-server builds results, events and the session message and reads invokes; the
// renderer's ws-bridge and the e2e and bench clients build invokes and read the rest.
// Electron carries the same invokes over ipcRenderer.invoke and needs none of this.
//
// Authentication (see docs/ipc-and-host-mode.md): the page URL's fragment carries a one-time
// page token; the first upgrade uses `?token=`, the host answers with a `session` message whose
// credential the page keeps for reloads and presents as `?session=`.
import { z } from 'zod';
import type { InvokeResult } from '../contract/index.js';

export const HOST_IPC_PATH = '/ipc';

/** Largest text message either side accepts (the host's WebSocket limit). */
export const HOST_MAX_MESSAGE_BYTES = 1 << 20;

export const InvokeId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Client → host. `channel` is checked by the router, so a wrong one still gets an answer. */
export const InvokeMessage = z.object({
  type: z.literal('invoke'),
  id: InvokeId,
  channel: z.string(),
  payload: z.unknown(),
});
export type InvokeMessage = z.infer<typeof InvokeMessage>;

/** What makes an invoke answerable: its type and an id to answer to. Everything else may be wrong. */
const InvokeEnvelope = z.looseObject({ type: z.literal('invoke'), id: InvokeId });

const ErrorShape = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export const InvokeResultSchema = z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: ErrorShape })]);

export const ResultMessage = z.object({ type: z.literal('result'), id: InvokeId, result: InvokeResultSchema });
export const EventMessage = z.object({ type: z.literal('event'), channel: z.string(), payload: z.unknown() });
/** Sent first on every accepted socket: the credential for the next connection of this page. */
export const SessionMessage = z.object({ type: z.literal('session'), credential: z.string().min(16).max(128) });

/** Host → client. */
export const HostServerMessage = z.discriminatedUnion('type', [ResultMessage, EventMessage, SessionMessage]);
export type HostServerMessage = z.infer<typeof HostServerMessage>;
export type ResultMessage = z.infer<typeof ResultMessage>;
export type EventMessage = z.infer<typeof EventMessage>;
export type SessionMessage = z.infer<typeof SessionMessage>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// ---- client side -------------------------------------------------------------------------

export function invokeText(id: number, channel: string, payload: unknown): string {
  return JSON.stringify({ type: 'invoke', id, channel, payload } satisfies InvokeMessage);
}

/** A host message, or undefined for anything that is not one (never throws). */
export function readHostText(text: string): HostServerMessage | undefined {
  const r = HostServerMessage.safeParse(parseJson(text));
  return r.success ? r.data : undefined;
}

export type HostAuth = { token: string } | { session: string };

/** A host-mode window's own name (`?window=2` in the page URL): each window shows its own wall. */
export const HOST_WINDOW_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** The display key a host-mode page's wall is remembered under: "host" for the first window, "host:<name>" for others. */
export function hostDisplayKey(windowName: string | null | undefined): string | undefined {
  if (windowName === null || windowName === undefined || windowName === '') return 'host';
  return HOST_WINDOW_PATTERN.test(windowName) ? `host:${windowName}` : undefined;
}

/** The contract socket's URL for a host (`127.0.0.1:<port>`), how this connection authenticates, and which window it is. */
export function hostIpcUrl(host: string, auth: HostAuth, windowName?: string): string {
  const q = 'token' in auth ? `token=${encodeURIComponent(auth.token)}` : `session=${encodeURIComponent(auth.session)}`;
  const w = windowName ? `&window=${encodeURIComponent(windowName)}` : '';
  return `ws://${host}${HOST_IPC_PATH}?${q}${w}`;
}

/** The one-time page token from a page URL's fragment (`#token=…`), if any. */
export function pageTokenOf(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token || undefined;
}

// ---- host side ---------------------------------------------------------------------------

/**
 * What the host does with a text message: answer an invoke (its channel and payload still
 * unchecked: the router answers a wrong one with a typed error), or ignore it because there
 * is no id to answer to.
 */
export type ClientText = { kind: 'invoke'; id: number; channel: unknown; payload: unknown } | { kind: 'ignore' };

export function readClientText(text: string): ClientText {
  const value = parseJson(text);
  const env = InvokeEnvelope.safeParse(value);
  if (!env.success) return { kind: 'ignore' };
  const { id, channel, payload } = env.data as { id: number; channel?: unknown; payload?: unknown };
  return { kind: 'invoke', id, channel, payload };
}

export function resultText(id: number, result: InvokeResult): string {
  return JSON.stringify({ type: 'result', id, result } satisfies ResultMessage);
}

export function eventText(channel: string, payload: unknown): string {
  return JSON.stringify({ type: 'event', channel, payload } satisfies EventMessage);
}

export function sessionText(credential: string): string {
  return JSON.stringify({ type: 'session', credential } satisfies SessionMessage);
}
