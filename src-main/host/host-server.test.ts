import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EventBus } from '../ipc/event-bus.js';
import { createRouter, type Handlers } from '../ipc/router.js';
import { isTrustedSender } from '../ipc/sender.js';
import { getRequest, HOSTILE_TARGETS, rawRequest, upgradeRequest } from '../testing/net/raw-http.js';
import { startHostServer, type HostServer } from './host-server.js';

function rendererDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-host-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, '..', 'secret.txt'), 'top secret');
  return dir;
}

const handlers = {
  'sw:app:getInfo': () => ({ name: 'Skywall', version: '1.0.0', mode: 'host', platform: 'linux-x64', problems: [] }),
} as unknown as Handlers;

let server: HostServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(): Promise<{ server: HostServer; bus: EventBus }> {
  const bus = new EventBus();
  let origin = '';
  const router = createRouter(handlers, { isTrusted: (s) => isTrustedSender(s, origin) });
  server = await startHostServer({ router, bus, rendererDir: rendererDir() });
  origin = server.origin;
  return { server, bus };
}

function upgrade(url: string, origin?: string): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.once('error', () => resolve({}));
  });
}

function invoke(ws: WebSocket, channel: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      if (m.type === 'result' && m.id === 7) resolve(m.result);
    });
    ws.send(JSON.stringify({ type: 'invoke', id: 7, channel, payload }));
  });
}

describe('host server', () => {
  it('binds to loopback and serves the renderer with a CSP', async () => {
    const { server } = await start();
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await fetch(`${server.origin}/assets/app.js`)).status).toBe(200);
  });

  it('refuses paths outside the renderer folder', async () => {
    const { server } = await start();
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const res = await fetch(`${server.origin}${p}`);
      expect(await res.text()).not.toContain('top secret');
    }
  });

  it('refuses the contract socket without the token, with a wrong token, or from another origin', async () => {
    const { server } = await start();
    const ipc = `ws://127.0.0.1:${server.port}/ipc`;
    expect((await upgrade(ipc, server.origin)).status).toBe(401);
    expect((await upgrade(`${ipc}?token=nope`, server.origin)).status).toBe(401);
    expect((await upgrade(`${ipc}?token=${server.token}`, 'http://evil.example')).status).toBe(403);
    expect((await upgrade(`${ipc}?token=${server.token}`)).status).toBe(403);
  });

  it('answers contract calls and pushes events to an authenticated page', async () => {
    const { server, bus } = await start();
    const { ws } = await upgrade(`ws://127.0.0.1:${server.port}/ipc?token=${server.token}`, server.origin);
    expect(ws).toBeDefined();
    expect(await invoke(ws!, 'sw:app:getInfo', {})).toMatchObject({ ok: true, value: { name: 'Skywall', mode: 'host' } });
    const event = new Promise((resolve) => ws!.on('message', (d) => JSON.parse(String(d)).type === 'event' && resolve(JSON.parse(String(d)))));
    bus.emit('sw:stream:onDidChangeStatus', { streamId: 's1', state: 'live' });
    expect(await event).toEqual({ type: 'event', channel: 'sw:stream:onDidChangeStatus', payload: { streamId: 's1', state: 'live' } });
    // Garbage is ignored, not fatal: the socket keeps working.
    ws!.send('not json');
    ws!.send(JSON.stringify({ type: 'invoke', id: 'x' }));
    expect(await invoke(ws!, 'sw:app:getInfo', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'bad_payload' } });
    ws!.close();
  });
});

describe('host server under unparsable request targets', () => {
  it('D1: refuses an upgrade to //[ and keeps serving the contract socket', async () => {
    const { server } = await start();
    const answer = await rawRequest(server.port, upgradeRequest('//[', server.origin));
    expect(answer.status).toBe(400);
    const { ws } = await upgrade(`ws://127.0.0.1:${server.port}/ipc?token=${server.token}`, server.origin);
    expect(await invoke(ws!, 'sw:app:getInfo', {})).toMatchObject({ ok: true });
    ws!.close();
  });

  it('D2: refuses GET /%E0%A4%A (bad percent-encoding) and still serves the page', async () => {
    const { server } = await start();
    const answer = await rawRequest(server.port, getRequest('/%E0%A4%A'));
    expect(answer.status).toBe(400);
    expect((await fetch(`${server.origin}/`)).status).toBe(200);
  });

  it('answers every hostile target, as a page request and as an upgrade, with a 4xx', async () => {
    const { server } = await start();
    for (const target of HOSTILE_TARGETS) {
      const page = await rawRequest(server.port, getRequest(target));
      expect(page.status, `GET ${target}`).toBeGreaterThanOrEqual(400);
      expect(page.status, `GET ${target}`).toBeLessThan(500);
      const up = await rawRequest(server.port, upgradeRequest(target, server.origin));
      expect(up.status, `upgrade ${target}`).toBeGreaterThanOrEqual(400);
      expect(up.status, `upgrade ${target}`).toBeLessThan(500);
    }
    expect((await fetch(`${server.origin}/assets/app.js`)).status).toBe(200);
  });
});

describe('host server answers every well-formed invoke', () => {
  function answerTo(ws: WebSocket, id: number, text: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to invoke ${id}`)), 3000);
      ws.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.type === 'result' && m.id === id) {
          clearTimeout(timer);
          resolve(m.result);
        }
      });
      ws.send(text);
    });
  }

  it('D16: a channel name over 100 characters, or no channel name at all, gets a typed error', async () => {
    const { server } = await start();
    const { ws } = await upgrade(`ws://127.0.0.1:${server.port}/ipc?token=${server.token}`, server.origin);
    const long = `sw:${'x'.repeat(5000)}`;
    expect(await answerTo(ws!, 1, JSON.stringify({ type: 'invoke', id: 1, channel: long, payload: {} }))).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await answerTo(ws!, 2, JSON.stringify({ type: 'invoke', id: 2, payload: {} }))).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await answerTo(ws!, 3, JSON.stringify({ type: 'invoke', id: 3, channel: { toString: 1 } }))).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await answerTo(ws!, 4, JSON.stringify({ type: 'invoke', id: 4, channel: 42, payload: null }))).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    const r = (await answerTo(ws!, 5, JSON.stringify({ type: 'invoke', id: 5, channel: long }))) as { error: { params: { channel: string } } };
    expect(r.error.params.channel.length).toBeLessThanOrEqual(80);
    // The socket still works.
    expect(await answerTo(ws!, 6, JSON.stringify({ type: 'invoke', id: 6, channel: 'sw:app:getInfo', payload: {} }))).toMatchObject({ ok: true });
    ws!.close();
  });
});
