// The signed manifest of an export package. manifest.json lists every file of the package
// except itself and manifest.sig (a raw 64-byte Ed25519 signature over manifest.json's exact
// bytes). The public key travels in public-key.pem; its SHA-256 fingerprint is in the signed
// manifest, so a recipient can compare it with the fingerprint the exporting site publishes.
export const MANIFEST_FORMAT = 'skywall-export/1';
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const PUBLIC_KEY_FILE = 'public-key.pem';

export interface ManifestFile {
  name: string;
  bytes: number;
  /** Lower-case hex. */
  sha256: string;
}

export interface ExportManifest {
  format: typeof MANIFEST_FORMAT;
  createdUtc: string;
  hash: 'SHA-256';
  signature: 'Ed25519';
  publicKey: typeof PUBLIC_KEY_FILE;
  /** SHA-256 of the public key's SubjectPublicKeyInfo (DER), lower-case hex. */
  publicKeyFingerprint: string;
  files: ManifestFile[];
}

/** What a verifier found wrong, one entry per problem. */
export type VerifyProblemKind = 'missing' | 'altered' | 'unexpected' | 'signature' | 'key' | 'manifest';

export interface VerifyProblem {
  kind: VerifyProblemKind;
  file?: string;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  problems: VerifyProblem[];
  /** Fingerprint of the key that signed the manifest (when it could be read). */
  fingerprint?: string;
  /** Files listed in the manifest. */
  files: number;
}

/** `ab12cd...` -> `ab12 cd34 ...` for reading aloud or comparing by eye. */
export function groupFingerprint(hex: string): string {
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Plain names only: a manifest must not point outside its folder. */
export function isPlainFileName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= 255 && !/[/\\]/.test(name) && name !== '.' && name !== '..';
}
