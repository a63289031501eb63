// The error boundary with a real HTTP server: handlers that throw or reject leave a refusal
// and a report, and the server keeps answering.
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest, upgradeRequest } from '../../testing/net/raw-http.js';
import { guardRequest, guardUpgrade } from './boundary.js';
import { listenLoopback, listeningPort, refuseUpgrade } from './loopback.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function serve(reports: string[]): Promise<number> {
  server = createServer();
  const report = (name: string, e: unknown): void => void reports.push(`${name}: ${(e as Error).message}`);
  server.on(
    'request',
    guardRequest(
      'test',
      async (req, res) => {
        if (req.url === '/throw') throw new Error('sync-ish');
        if (req.url === '/reject') return Promise.reject(new Error('rejected'));
        if (req.url === '/late') {
          res.writeHead(200);
          res.write('partial');
          throw new Error('after headers');
        }
        res.writeHead(200, { 'content-length': '2' }).end('ok');
      },
      report,
    ),
  );
  server.on(
    'upgrade',
    guardUpgrade(
      'test',
      (req, socket) => {
        if (req.url === '/throw') throw new TypeError('Invalid URL');
        if (req.url === '/reject') return Promise.reject(new Error('rejected'));
        return refuseUpgrade(socket, 404);
      },
      report,
    ),
  );
  await listenLoopback(server);
  return listeningPort(server, 'test');
}

const get = (target: string): string => `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;

describe('guardRequest and guardUpgrade', () => {
  it('turn a thrown or rejected handler into a 500 and a report, and the server goes on', async () => {
    const reports: string[] = [];
    const port = await serve(reports);
    expect((await rawRequest(port, get('/throw'))).status).toBe(500);
    expect((await rawRequest(port, get('/reject'))).status).toBe(500);
    expect((await rawRequest(port, upgradeRequest('/throw'))).status).toBe(500);
    expect((await rawRequest(port, upgradeRequest('/reject'))).status).toBe(500);
    expect((await rawRequest(port, upgradeRequest('/other'))).status).toBe(404);
    expect((await rawRequest(port, get('/fine'))).text).toMatch(/^HTTP\/1\.1 200[\s\S]*ok$/);
    expect(reports).toEqual(['test: sync-ish', 'test: rejected', 'test: Invalid URL', 'test: rejected']);
  });

  it('cuts the connection when the answer had already begun', async () => {
    const reports: string[] = [];
    const port = await serve(reports);
    const answer = await rawRequest(port, get('/late'));
    expect(answer.status).toBe(200);
    expect(answer.text).not.toMatch(/500/);
    expect(reports).toEqual(['test: after headers']);
  });
});
