// A device that answers SOAP without end: the answer is cut at 5 MB, the caller hears
// too_large, nothing crashes and memory stays bounded.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectOnvif } from './onvif-device.js';
import { probeOnvif } from './onvif-probe.js';

let flood: Server;
let sent = 0;
beforeAll(async () => {
  flood = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/soap+xml' });
    const piece = Buffer.from(`<s:Envelope><s:Body>${'x'.repeat(64 * 1024)}`);
    const pump = (): void => {
      while (sent < 256 * 1024 * 1024 && !res.destroyed) {
        sent += piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
  });
  await new Promise<void>((r) => flood.listen(0, '127.0.0.1', () => r()));
});
afterAll(() => new Promise<void>((r) => flood.close(() => r())));

describe('ONVIF answers over 5 MB', () => {
  it('are cut off with too_large, and the connection test names it', async () => {
    const port = (flood.address() as AddressInfo).port;
    const used = process.memoryUsage().rss;
    await expect(connectOnvif({ host: '127.0.0.1', port, username: 'admin', password: 'x', timeoutMs: 20_000 })).rejects.toMatchObject({ code: 'protocol', params: { reason: 'too_large' } });
    await expect(probeOnvif({ host: '127.0.0.1', port, username: 'admin', password: 'x', timeoutMs: 20_000 })).rejects.toMatchObject({ params: { failure: 'too_large' } });
    // The device was cut off long before it finished sending.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().rss - used).toBeLessThan(64 * 1024 * 1024);
  });
});
