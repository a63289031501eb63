// D1: an upgrade whose request target is no URL ("GET //[ HTTP/1.1") once ended the process.
// The gateway must refuse it and anything like it, and go on serving real players.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { getRequest, HOSTILE_TARGETS, rawRequest, upgradeRequest } from '../../testing/net/raw-http.js';
import type { Subscription } from '../hub/hub-types.js';
import { LiveGateway, type GatewayHub } from './gateway.js';

const PAGE = 'http://127.0.0.1:4000';
let gateway: LiveGateway;
let subscribed = 0;

const hub: GatewayHub = {
  subscribe: () => {
    subscribed++;
    const sub = Object.assign(() => undefined, {
      unsubscribe: () => undefined,
      resume: () => undefined,
      skipToKeyframe: () => undefined,
      stats: () => ({ queued: 0, dropped: 0 }),
    });
    return sub as unknown as Subscription;
  },
};

beforeEach(async () => {
  subscribed = 0;
  gateway = await LiveGateway.start({ hub });
});
afterEach(async () => {
  await gateway.close();
});

function connects(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin: PAGE });
    ws.once('open', () => {
      ws.close();
      resolve(true);
    });
    ws.once('error', () => resolve(false));
  });
}

describe('gateway under unparsable request targets', () => {
  it('D1: refuses an upgrade to //[ with 400 and still lets a player in', async () => {
    expect((await rawRequest(gateway.port, upgradeRequest('//[', PAGE))).status).toBe(400);
    expect(await connects(gateway.issue('s1', { format: 'fmp4', key: 'cam1:main' }))).toBe(true);
    expect(subscribed).toBe(1);
    expect(gateway.counters().rejected.bad_target).toBe(1);
  });

  it('answers every hostile target with a 4xx, as an upgrade and as plain HTTP', async () => {
    for (const target of HOSTILE_TARGETS) {
      const up = await rawRequest(gateway.port, upgradeRequest(target, PAGE));
      expect(up.status, `upgrade ${target}`).toBeGreaterThanOrEqual(400);
      expect(up.status, `upgrade ${target}`).toBeLessThan(500);
      const plain = await rawRequest(gateway.port, getRequest(target));
      expect(plain.status, `GET ${target}`).toBeGreaterThanOrEqual(400);
      expect(plain.status, `GET ${target}`).toBeLessThan(500);
    }
    expect(await connects(gateway.issue('s1', { format: 'flv', key: 'cam1:main' }))).toBe(true);
  });
});
