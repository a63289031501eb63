// TLS towards a platform: county platforms often run https/wss with a self-signed certificate.
// With a pin, the leaf certificate's SHA-256 fingerprint must match, and nothing (not even the
// request line, which may carry the platform's token) is written before it has been checked:
// the agent hands the socket to the request only after the handshake and the pin check.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { RelayUpstreamError } from './upstream-error.js';

export interface RelayTls {
  /** SHA-256 fingerprint of the server's leaf certificate (hex, colons optional, any case). */
  pinSha256?: string;
  /** Accept any certificate (no pin): encrypted but not authenticated. Ignored when pinned. */
  allowSelfSigned?: boolean;
}

/** "AB:CD:…" / "abcd…" -> "abcd…"; throws on anything that is not 32 bytes of hex. */
export function normalizeFingerprint(fp: string): string {
  const hex = fp.replace(/[:\s]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('pinSha256 must be a SHA-256 fingerprint: 64 hex digits, colons allowed');
  return hex;
}

/** "ab:cd:…" upper-case, as `openssl x509 -fingerprint -sha256` prints it. */
export function formatFingerprint(hex: string): string {
  return hex.toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

/** An https agent that refuses any server whose leaf certificate is not the pinned one. */
export class PinnedHttpsAgent extends HttpsAgent {
  private readonly pin: string;

  constructor(
    pinSha256: string,
    options: HttpsAgentOptions = {},
    private readonly handshakeTimeoutMs = 5000,
  ) {
    // No TLS session cache: every connection shows its certificate and is checked.
    super({ ...options, maxCachedSessions: 0 });
    this.pin = normalizeFingerprint(pinSha256);
  }

  override createConnection(options: ConnectionOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const host = options.host ?? 'localhost';
    const servername = options.servername || (isIP(host) ? undefined : host);
    // The chain is not verified (a pinned certificate is usually self-signed); the pin replaces it.
    const socket = tlsConnect({ ...options, ...(servername ? { servername } : {}), rejectUnauthorized: false });
    let settled = false;
    const timer = setTimeout(() => settle(new RelayUpstreamError('timeout', `${host}:${options.port ?? 443} did not complete a TLS handshake within ${this.handshakeTimeoutMs / 1000} s`)), this.handshakeTimeoutMs);
    const settle = (err: Error | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('error', onError);
      if (err) socket.destroy();
      callback?.(err, socket);
    };
    const onError = (err: Error): void => settle(err);
    socket.once('error', onError);
    socket.once('close', () => clearTimeout(timer));
    socket.once('secureConnect', () => {
      const presented = socket.getPeerCertificate().fingerprint256;
      const got = presented ? presented.replace(/:/g, '').toLowerCase() : '';
      if (got === this.pin) return settle(null);
      settle(
        new RelayUpstreamError(
          'tls',
          `TLS certificate of ${host}:${options.port ?? 443} does not match the pinned SHA-256 fingerprint (the server presented ${got ? formatFingerprint(got) : 'no certificate'})`,
        ),
      );
    });
    return undefined;
  }
}

/**
 * The agent for one upstream: undefined means Node's default (normal certificate checks for
 * https/wss, plain sockets for http/ws). keepAlive for HLS sessions (many short requests).
 */
export function upstreamAgent(url: URL, tls: RelayTls | undefined, keepAlive: boolean, connectTimeoutMs = 5000): HttpAgent | undefined {
  const secure = url.protocol === 'https:' || url.protocol === 'wss:';
  if (!secure) return keepAlive ? new HttpAgent({ keepAlive: true, maxSockets: 6 }) : undefined;
  if (tls?.pinSha256) return new PinnedHttpsAgent(tls.pinSha256, { keepAlive, maxSockets: 6 }, connectTimeoutMs);
  if (tls?.allowSelfSigned) return new HttpsAgent({ keepAlive, maxSockets: 6, rejectUnauthorized: false });
  return keepAlive ? new HttpsAgent({ keepAlive: true, maxSockets: 6 }) : undefined;
}

const UNTRUSTED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID']);

/** Turns Node's certificate errors into one the operator can act on; others pass through. */
export function explainTlsError(err: Error & { code?: string }, host: string): Error {
  if (err instanceof RelayUpstreamError) return err;
  if (err.code && UNTRUSTED.has(err.code)) {
    return new RelayUpstreamError('tls', `TLS certificate of ${host} is not trusted (${err.code}): pin its SHA-256 fingerprint for this device, or allow self-signed certificates`);
  }
  return err;
}
