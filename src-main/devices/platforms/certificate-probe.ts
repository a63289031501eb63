// What the operator is shown before trusting a platform's HTTPS certificate: its SHA-256
// fingerprint, subject, issuer and validity, read from a TLS handshake that sends nothing else.
// Trust is then the operator's choice: the fingerprint is pinned on the device, and a
// certificate that differs later is refused (platform-http.ts).
import { connect } from 'node:tls';
import { SkywallError } from '../../common/model/errors.js';

export interface PresentedCertificate {
  /** 64 lower-case hex digits. */
  sha256: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Issued by itself: no authority vouches for it. */
  selfSigned: boolean;
}

function names(o: Record<string, string | string[] | undefined> | undefined): string {
  if (!o) return '';
  return Object.entries(o)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : (v ?? '')}`)
    .join(', ');
}

export function probeCertificate(host: string, port: number, timeoutMs = 5000): Promise<PresentedCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false, ...(/^[\d.:]+$/.test(host) ? {} : { servername: host }) });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new SkywallError('timeout', `${host}:${port} did not complete a TLS handshake within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      socket.end();
      if (!cert?.fingerprint256) return reject(new SkywallError('protocol', `${host}:${port} presented no certificate`));
      const subject = names(cert.subject as unknown as Record<string, string>);
      const issuer = names(cert.issuer as unknown as Record<string, string>);
      resolve({ sha256: cert.fingerprint256.replace(/:/g, '').toLowerCase(), subject, issuer, validFrom: cert.valid_from, validTo: cert.valid_to, selfSigned: subject === issuer });
    });
    socket.once('error', (err: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(new SkywallError('unreachable', `${host}:${port} unreachable for TLS (${err.code ?? 'connection failed'})`));
    });
  });
}
