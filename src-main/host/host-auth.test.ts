// D9: the page token is one-time. The first connection spends it and gets a session credential
// that the page keeps for reloads; nobody else can use the page URL afterwards.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hostIpcUrl, readHostText, type HostAuth } from '../common/wire/host.js';
import { EventBus } from '../ipc/event-bus.js';
import { createRouter, type Handlers } from '../ipc/router.js';
import { isTrustedSender } from '../ipc/sender.js';
import { startHostServer, type HostServer } from './host-server.js';

let server: HostServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<HostServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-host-auth-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  let origin = '';
  const handlers = { 'sw:app:getInfo': () => ({ name: 'Skywall', version: '1', mode: 'host', platform: 'linux-x64', problems: [] }) } as unknown as Handlers;
  const router = createRouter(handlers, { isTrusted: (s) => isTrustedSender(s, origin) });
  server = await startHostServer({ router, bus: new EventBus(), rendererDir: dir });
  origin = server.origin;
  return server;
}

/** Opens the contract socket; resolves with the session credential sent first, or the refusal status. */
function connect(s: HostServer, auth: HostAuth): Promise<{ credential?: string; status?: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(hostIpcUrl(`127.0.0.1:${s.port}`, auth), { origin: s.origin });
    ws.once('message', (d) => {
      const m = readHostText(String(d));
      resolve(m?.type === 'session' ? { credential: m.credential, ws } : { ws });
    });
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('error', () => resolve({}));
  });
}

describe('host-mode page token and session', () => {
  it('D9: a second use of the page token is refused, while the page reconnects with its session', async () => {
    const s = await start();
    const first = await connect(s, { token: s.token });
    expect(first.credential).toMatch(/^[A-Za-z0-9_-]{32}$/);
    first.ws!.close();

    expect((await connect(s, { token: s.token })).status).toBe(401);

    // A reload: the page presents its session credential, as often as it reloads.
    for (let i = 0; i < 2; i++) {
      const again = await connect(s, { session: first.credential! });
      expect(again.credential).toBe(first.credential);
      again.ws!.close();
    }
  });

  it('refuses an unknown session credential and a page token from a foreign origin without spending it', async () => {
    const s = await start();
    expect((await connect(s, { session: 'x'.repeat(32) })).status).toBe(401);
    const foreign = await new Promise<number | undefined>((resolve) => {
      const ws = new WebSocket(hostIpcUrl(`127.0.0.1:${s.port}`, { token: s.token }), { origin: 'http://127.0.0.1:1' });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.once('open', () => resolve(101));
    });
    expect(foreign).toBe(403);
    const page = await connect(s, { token: s.token });
    expect(page.credential).toBeDefined();
    page.ws!.close();
  });

  it('issues further one-time page URLs, each with its own session', async () => {
    const s = await start();
    const url = new URL(s.issuePageUrl());
    expect(url.origin).toBe(s.origin);
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    expect(token).not.toBe(s.token);
    const a = await connect(s, { token });
    const b = await connect(s, { token: s.token });
    expect(a.credential).toBeDefined();
    expect(b.credential).toBeDefined();
    expect(a.credential).not.toBe(b.credential);
    expect((await connect(s, { token })).status).toBe(401);
    a.ws!.close();
    b.ws!.close();
  });
});
