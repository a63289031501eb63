// TLS towards a platform with a self-signed certificate made here by the openssl CLI: the pin
// (from openssl's own fingerprint output) lets it through; a wrong pin or no trust refuses it
// with a clear reason, and the platform never sees a request (its URL may carry a token).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { RELAY_CLOSE } from './close-codes.js';
import { MediaRelay } from './media-relay.js';
import { openPlayer, startUpstream, type TestUpstream } from '../../testing/relay/relay-peers.js';
import { normalizeFingerprint } from './upstream-tls.js';

const run = promisify(execFile);
let dir = '';
let key: Buffer;
let cert: Buffer;
let pin = '';
let relay: MediaRelay;
let platform: TestUpstream;
let wsUpgrades = 0;
const body = randomBytes(50_000);
const WRONG_PIN = 'AA:'.repeat(31) + 'AA';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skywall-relay-tls-'));
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=county-platform.local', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
  const { stdout } = await run('openssl', ['x509', '-in', join(dir, 'cert.pem'), '-noout', '-fingerprint', '-sha256']);
  pin = /=([0-9A-F:]+)/i.exec(stdout)![1]!;
  [key, cert] = await Promise.all([readFile(join(dir, 'key.pem')), readFile(join(dir, 'cert.pem'))]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  wsUpgrades = 0;
  const server = createHttpsServer({ key, cert });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    wsUpgrades++;
    ws.send(body);
  });
  platform = await startUpstream(
    (req, res) => {
      res.writeHead(200, { 'content-type': req.url?.startsWith('/live/') ? 'video/mp2t' : 'video/x-flv' });
      // HLS segments end; live FLV bodies do not.
      if (req.url?.startsWith('/live/')) res.end(body);
      else res.write(body);
    },
    server,
    'https',
  );
  relay = await MediaRelay.start({ log: () => undefined, connectTimeoutMs: 2000 });
});
afterEach(async () => {
  await relay.close();
  await platform.close();
});

describe('TLS to the platform', () => {
  it('relays https and wss from a self-signed platform when its fingerprint is pinned', async () => {
    expect(normalizeFingerprint(pin)).toMatch(/^[0-9a-f]{64}$/);
    const https = await openPlayer(relay.relayBytes('s-1', { url: `${platform.origin}/rtp/a.live.flv?token=t`, tls: { pinSha256: pin } }));
    await https.waitForBytes(body.length);
    expect(https.bytes().equals(body)).toBe(true);

    const wss = await openPlayer(relay.relayBytes('s-2', { url: `wss://127.0.0.1:${platform.port}/rtp/a.live.flv`, tls: { pinSha256: pin.replace(/:/g, '').toLowerCase() } }));
    await wss.waitForBytes(body.length);
    expect(wss.bytes().equals(body)).toBe(true);
    https.ws.close();
    wss.ws.close();
  });

  it('refuses a wrong pin before sending anything, with a reason that says so', async () => {
    const https = await openPlayer(relay.relayBytes('s-1', { url: `${platform.origin}/rtp/a.live.flv?token=t`, tls: { pinSha256: WRONG_PIN } }));
    const closed = await https.closed;
    expect(closed.code).toBe(RELAY_CLOSE.tls);
    expect(closed.reason).toMatch(/does not match the pinned SHA-256 fingerprint/);
    const wss = await openPlayer(relay.relayBytes('s-2', { url: `wss://127.0.0.1:${platform.port}/rtp/a.live.flv`, tls: { pinSha256: WRONG_PIN } }));
    expect((await wss.closed).code).toBe(RELAY_CLOSE.tls);
    expect(platform.seen).toEqual([]);
    expect(wsUpgrades).toBe(0);
    expect(relay.counters().upstreamFailures.tls).toBe(2);
  });

  it('refuses an untrusted certificate without a pin, and accepts it when self-signed is allowed', async () => {
    const strict = await openPlayer(relay.relayBytes('s-1', { url: `${platform.origin}/rtp/a.live.flv` }));
    const closed = await strict.closed;
    expect(closed.code).toBe(RELAY_CLOSE.tls);
    expect(closed.reason).toMatch(/not trusted.*pin its SHA-256 fingerprint/);
    expect(platform.seen).toEqual([]);

    const lax = await openPlayer(relay.relayBytes('s-2', { url: `${platform.origin}/rtp/a.live.flv`, tls: { allowSelfSigned: true } }));
    await lax.waitForBytes(body.length);
    lax.ws.close();
  });

  it('pins HLS requests too', async () => {
    const good = await fetch(relay.proxyHls('s-h', { url: `${platform.origin}/live/seg.ts`, tls: { pinSha256: pin } }));
    expect(good.status).toBe(200);
    expect(Buffer.from(await good.arrayBuffer()).equals(body)).toBe(true);
    const bad = await fetch(relay.proxyHls('s-h2', { url: `${platform.origin}/live/seg.ts`, tls: { pinSha256: WRONG_PIN } }));
    expect(bad.status).toBe(502);
    expect(await bad.text()).toMatch(/does not match the pinned/);
    expect(platform.seen).toEqual(['/live/seg.ts']);
  });

  it('rejects a malformed pin when the stream is issued', () => {
    expect(() => relay.relayBytes('s-1', { url: `${platform.origin}/a.live.flv`, tls: { pinSha256: 'abc' } })).toThrow(/64 hex digits/);
  });
});
