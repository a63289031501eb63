// The byte relay with real sockets on 127.0.0.1: an upstream HTTP or WebSocket server in this
// process, the relay, and a ws client standing in for mpegts.js.
import { randomBytes } from 'node:crypto';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { RELAY_CLOSE } from './close-codes.js';
import { MediaRelay } from './media-relay.js';
import { openPlayer, startUpstream, type TestUpstream } from '../../testing/relay/relay-peers.js';

let relay: MediaRelay;
let upstream: TestUpstream | undefined;
const logs: string[] = [];
const SECRET = 'sEcReT-platform-token-123';

beforeEach(async () => {
  logs.length = 0;
  relay = await MediaRelay.start({ log: (l) => logs.push(l), connectTimeoutMs: 1000, responseTimeoutMs: 1000, noDataTimeoutMs: 1500 });
});
afterEach(async () => {
  await relay.close();
  await upstream?.close();
  upstream = undefined;
});

/** An endless HTTP body made of the given chunks, written 2 ms apart; stays open afterwards. */
async function chunkedUpstream(chunks: Buffer[]): Promise<TestUpstream> {
  return startUpstream((req, res) => {
    if (!req.url?.startsWith('/rtp/cam.live.flv')) return void res.writeHead(404).end('stream not found');
    res.writeHead(200, { 'content-type': 'video/x-flv' });
    let i = 0;
    const next = (): void => {
      if (res.destroyed) return;
      if (i < chunks.length) res.write(chunks[i++]);
      setTimeout(next, 2);
    };
    next();
  });
}

describe('byte relay', () => {
  it('forwards an HTTP body byte for byte, as binary messages', async () => {
    const chunks = Array.from({ length: 60 }, () => randomBytes(1 + Math.floor(Math.random() * 20_000)));
    const sent = Buffer.concat(chunks);
    upstream = await chunkedUpstream(chunks);
    const url = relay.relayBytes('s-1', { url: `${upstream.origin}/rtp/cam.live.flv?token=${SECRET}` });
    expect(url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${relay.port}/relay/s-1\\?token=[A-Za-z0-9_-]{32}$`));
    const player = await openPlayer(url);
    await player.waitForBytes(sent.length);
    expect(player.bytes().equals(sent)).toBe(true);
    expect(upstream.seen).toEqual([`/rtp/cam.live.flv?token=${SECRET}`]);
    expect(relay.counters().bytesRelayed).toBe(sent.length);
    player.ws.close();
  });

  it('forwards WebSocket messages unchanged, one message each', async () => {
    const frames = Array.from({ length: 40 }, () => randomBytes(1 + Math.floor(Math.random() * 5000)));
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    wss.on('connection', (ws) => frames.forEach((f) => ws.send(f)));
    await new Promise((r) => wss.once('listening', r));
    try {
      const port = (wss.address() as AddressInfo).port;
      const player = await openPlayer(relay.relayBytes('s-ws', { url: `ws://127.0.0.1:${port}/rtp/cam.live.flv` }));
      await player.waitForBytes(frames.reduce((n, f) => n + f.length, 0));
      expect(player.messages.length).toBe(frames.length);
      player.messages.forEach((m, i) => expect(m.equals(frames[i]!)).toBe(true));
      player.ws.close();
    } finally {
      for (const c of wss.clients) c.terminate();
      await new Promise((r) => wss.close(r));
    }
  });

  it('refuses a reused token, another stream id, a foreign page and a bad path', async () => {
    upstream = await chunkedUpstream([randomBytes(100)]);
    const url = relay.relayBytes('s-2', { url: `${upstream.origin}/rtp/cam.live.flv` });
    const first = await openPlayer(url);
    await expect(openPlayer(url)).rejects.toThrow('HTTP 401');
    await expect(openPlayer(relay.relayBytes('s-2', { url: `${upstream.origin}/rtp/cam.live.flv` }).replace('/s-2?', '/s-3?'))).rejects.toThrow('HTTP 403');
    await expect(openPlayer(relay.relayBytes('s-2', { url: `${upstream.origin}/rtp/cam.live.flv` }), 'https://evil.example')).rejects.toThrow('HTTP 403');
    await expect(openPlayer(`ws://127.0.0.1:${relay.port}/live/s-2`)).rejects.toThrow('HTTP 404');
    const c = relay.counters();
    expect(c.accepted).toBe(1);
    expect(c.rejected).toMatchObject({ unknown_token: 1, wrong_stream: 1, bad_origin: 1, bad_path: 1 });
    expect(upstream.seen).toHaveLength(1);
    first.ws.close();
  });

  it('closes with the upstream status when the platform answers 404, without the URL', async () => {
    upstream = await chunkedUpstream([]);
    const player = await openPlayer(relay.relayBytes('s-404', { url: `${upstream.origin}/rtp/gone.live.flv?token=${SECRET}` }));
    const { code, reason } = await player.closed;
    expect(code).toBe(RELAY_CLOSE.httpStatus);
    expect(reason).toContain('HTTP 404');
    expect(reason).not.toContain(SECRET);
    expect(reason).not.toContain('gone');
    expect(logs.join('\n')).not.toContain(SECRET);
    expect(relay.counters().upstreamFailures.http_status).toBe(1);
  });

  it('closes when the platform is unreachable, silent, or ends the stream', async () => {
    // Unreachable: a port that was just free.
    const probe = await startUpstream(() => undefined);
    const deadPort = probe.port;
    await probe.close();
    const unreachable = await openPlayer(relay.relayBytes('s-a', { url: `http://127.0.0.1:${deadPort}/x.live.flv` }));
    expect((await unreachable.closed).code).toBe(RELAY_CLOSE.unreachable);

    // Accepts the connection, never answers: the response timeout (1 s here).
    const silent: NetServer = createNetServer((socket) => socket.resume()); // reads, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const t0 = Date.now();
      const p = await openPlayer(relay.relayBytes('s-b', { url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/x.live.flv` }));
      const closed = await p.closed;
      expect(closed.code).toBe(RELAY_CLOSE.timeout);
      expect(closed.reason).toMatch(/did not answer within 1 s/);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    } finally {
      await new Promise((r) => silent.close(r));
    }

    // Headers, then nothing: the no-data timeout (1.5 s here).
    upstream = await startUpstream((req, res) => {
      res.writeHead(200, { 'content-type': 'video/x-flv' });
      res.flushHeaders();
      if (req.url === '/ends.live.flv') res.end(randomBytes(10));
    });
    const quiet = await openPlayer(relay.relayBytes('s-c', { url: `${upstream.origin}/quiet.live.flv` }));
    expect((await quiet.closed).code).toBe(RELAY_CLOSE.noData);
    const ends = await openPlayer(relay.relayBytes('s-d', { url: `${upstream.origin}/ends.live.flv` }));
    expect((await ends.closed).code).toBe(RELAY_CLOSE.ended);
    expect(ends.bytes().length).toBe(10);
  });

  it('closes a player that falls more than maxBufferedBytes behind, and counts it', async () => {
    await relay.close();
    relay = await MediaRelay.start({ log: (l) => logs.push(l), maxBufferedBytes: 256 * 1024 });
    const block = randomBytes(64 * 1024);
    let upstreamClosed = false;
    upstream = await startUpstream((_req, res) => {
      res.writeHead(200);
      res.on('close', () => (upstreamClosed = true));
      const pump = (): void => {
        while (!res.destroyed && res.write(block));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    const player = await openPlayer(relay.relayBytes('s-slow', { url: `${upstream.origin}/x.live.flv` }));
    // The player stops reading; the kernel buffers fill, then the relay's queue grows.
    (player.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const t0 = Date.now();
    while (relay.counters().tooSlow === 0 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(relay.counters().tooSlow).toBe(1);
    (player.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await player.closed).code).toBe(RELAY_CLOSE.tooSlow);
    await expect.poll(() => upstreamClosed).toBe(true);
  });

  it('closeStream ends the player with 1000 and drops the upstream request', async () => {
    let upstreamClosed = false;
    upstream = await startUpstream((_req, res) => {
      res.writeHead(200);
      res.write(randomBytes(1000));
      res.on('close', () => (upstreamClosed = true));
    });
    const player = await openPlayer(relay.relayBytes('s-close', { url: `${upstream.origin}/x.live.flv` }));
    await player.waitForBytes(1000);
    relay.closeStream('s-close');
    expect(await player.closed).toEqual({ code: 1000, reason: 'stream closed' });
    await expect.poll(() => upstreamClosed).toBe(true);
    await expect.poll(() => relay.counters().open).toBe(0);
  });
});
