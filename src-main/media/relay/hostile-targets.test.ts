// D1: an upgrade whose request target is no URL ("GET //[ HTTP/1.1") once ended the process.
// The relay must refuse it and anything like it, on its WebSocket and HLS sides, and go on
// relaying for real players.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRequest, HOSTILE_TARGETS, rawRequest, upgradeRequest } from '../../testing/net/raw-http.js';
import { MediaRelay } from './media-relay.js';
import { openPlayer, startUpstream, type TestUpstream } from '../../testing/relay/relay-peers.js';

const PAGE = 'http://127.0.0.1:4000';
let relay: MediaRelay;
let upstream: TestUpstream;

beforeEach(async () => {
  relay = await MediaRelay.start({ log: () => undefined, connectTimeoutMs: 1000, responseTimeoutMs: 1000, noDataTimeoutMs: 1500 });
  upstream = await startUpstream((_req, res) => {
    res.writeHead(200, { 'content-type': 'video/x-flv' });
    res.end(Buffer.from('FLV-bytes'));
  });
});
afterEach(async () => {
  await relay.close();
  await upstream.close();
});

async function relayStillWorks(): Promise<void> {
  const player = await openPlayer(relay.relayBytes('s1', { url: `${upstream.origin}/live.flv` }), PAGE);
  await player.waitForBytes(9);
  expect(player.bytes().toString()).toBe('FLV-bytes');
  player.ws.close();
}

describe('relay under unparsable request targets', () => {
  it('D1: refuses an upgrade to //[ with 400 and still relays', async () => {
    expect((await rawRequest(relay.port, upgradeRequest('//[', PAGE))).status).toBe(400);
    await relayStillWorks();
    expect(relay.counters().rejected.bad_target).toBe(1);
  });

  it('answers every hostile target with a 4xx, as an upgrade and as an HLS request', async () => {
    for (const target of [...HOSTILE_TARGETS, '/hls/%E0%A4%A/x.m3u8', '/hls//[']) {
      const up = await rawRequest(relay.port, upgradeRequest(target, PAGE));
      expect(up.status, `upgrade ${target}`).toBeGreaterThanOrEqual(400);
      expect(up.status, `upgrade ${target}`).toBeLessThan(500);
      const plain = await rawRequest(relay.port, getRequest(target));
      expect(plain.status, `GET ${target}`).toBeGreaterThanOrEqual(400);
      expect(plain.status, `GET ${target}`).toBeLessThan(500);
    }
    await relayStillWorks();
  });
});
