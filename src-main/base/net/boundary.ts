// The error boundary every loopback server puts around its request and upgrade handlers: a
// throw or a rejection becomes a refusal (500, or a cut connection when an answer had begun)
// and a report, never an uncaught exception that ends the process.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { logger } from '../log/index.js';
import { refuseRequest, refuseUpgrade } from './loopback.js';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
/** Where a handler failure is reported; gets the server's name and what was thrown. */
export type HandlerErrorSink = (server: string, error: unknown) => void;

/** The default sink: the process log (redacted), with the stack, so the failure can be found. */
export const reportHandlerError: HandlerErrorSink = (server, error) => {
  logger(server).error('a request handler failed; the request was refused', error);
};

function settle(run: () => void | Promise<void>, fail: (e: unknown) => void): void {
  try {
    const r = run();
    if (r && typeof r.then === 'function') r.then(undefined, fail);
  } catch (e) {
    fail(e);
  }
}

export function guardUpgrade(server: string, handler: UpgradeHandler, onError: HandlerErrorSink = reportHandlerError): UpgradeHandler {
  return (req, socket, head) => {
    settle(
      () => handler(req, socket, head),
      (e) => {
        safeReport(onError, server, e);
        // Bytes already written means the WebSocket handshake went out: a status line now would be garbage.
        const written = (socket as { bytesWritten?: number }).bytesWritten ?? 0;
        if (written > 0) socket.destroy();
        else refuseUpgrade(socket, 500);
      },
    );
  };
}

export function guardRequest(server: string, handler: RequestHandler, onError: HandlerErrorSink = reportHandlerError): RequestHandler {
  return (req, res) => {
    settle(
      () => handler(req, res),
      (e) => {
        safeReport(onError, server, e);
        refuseRequest(res, 500);
      },
    );
  };
}

function safeReport(onError: HandlerErrorSink, server: string, e: unknown): void {
  try {
    onError(server, e);
  } catch {
    // A failing sink must not undo the boundary.
  }
}
