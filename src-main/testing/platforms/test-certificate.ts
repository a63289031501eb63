// Test kit: a self-signed certificate for 127.0.0.1 made with openssl for one test run, with its
// SHA-256 fingerprint as Skywall pins it (64 lower-case hex digits).
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  key: string;
  cert: string;
  sha256: string;
}

export function makeTestCertificate(commonName = 'isc.test'): TestCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), 'skywall-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${commonName}`, '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const pem = readFileSync(cert, 'utf8');
    const sha256 = new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();
    return { key: readFileSync(key, 'utf8'), cert: pem, sha256 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
