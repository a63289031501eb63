// The installation's Ed25519 key that signs export manifests. The private key lives in the
// credential vault (encrypted like device passwords) and never leaves it in a package; the
// public key goes into every package. Created on first use.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { CredentialVault } from '../../storage/vault/index.js';

export const SIGNING_KEY_VAULT_ID = 'export.signing-key.ed25519';

export interface ManifestSigner {
  /** SubjectPublicKeyInfo as PEM (public-key.pem). */
  readonly publicKeyPem: string;
  /** SHA-256 of the SubjectPublicKeyInfo DER, lower-case hex. */
  readonly fingerprint: string;
  sign(data: Uint8Array): Buffer;
}

export function signerFromPrivateKey(privateKey: KeyObject): ManifestSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`export signing key must be Ed25519, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: createHash('sha256').update(der).digest('hex'),
    sign: (data) => sign(null, data, privateKey),
  };
}

/** The installation's signer; generates and stores the key the first time. */
export async function installationSigner(vault: CredentialVault): Promise<ManifestSigner> {
  const stored = await vault.get(SIGNING_KEY_VAULT_ID);
  if (stored) return signerFromPrivateKey(createPrivateKey(stored));
  const { privateKey } = generateKeyPairSync('ed25519');
  await vault.set(SIGNING_KEY_VAULT_ID, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return signerFromPrivateKey(privateKey);
}
