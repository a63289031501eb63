// verify.mjs inside every package: `node verify.mjs` (or `node verify.mjs <folder>`) checks the
// folder it sits in with Node's own crypto; no packages, no Skywall.
import { OFFLINE_VERIFIER_CORE } from './verifier-core.js';

const NODE_GLUE = String.raw`
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = path.resolve(process.argv[2] || path.dirname(fileURLToPath(import.meta.url)));
const env = {
  list: async () => readdirSync(folder),
  read: async (name) => (existsSync(path.join(folder, name)) ? new Uint8Array(readFileSync(path.join(folder, name))) : undefined),
  sha256: async (bytes) => createHash('sha256').update(bytes).digest('hex'),
  hashFile: (name) => new Promise((resolve, reject) => {
    const file = path.join(folder, name);
    if (!existsSync(file)) return resolve(undefined);
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(file, { highWaterMark: 1 << 20 })
      .on('data', (c) => { hash.update(c); bytes += c.length; })
      .on('error', reject)
      .on('end', () => resolve({ bytes, sha256: hash.digest('hex') }));
  }),
  verifyEd25519: async (der, sig, data) =>
    verify(null, data, createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }), sig),
};
const report = await skywallVerify(env);
for (const line of skywallReportLines(report)) console.log(line);
process.exitCode = report.ok ? 0 : 1;
`;

export function offlineVerifierScript(): string {
  return `// Skywall export verifier. Run: node verify.mjs   (Node.js 18 or newer, nothing to install)\n${OFFLINE_VERIFIER_CORE}\n${NODE_GLUE}`;
}
