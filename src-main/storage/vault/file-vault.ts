// The CredentialVault behind both factories: a cipher (safeStorage or key file) plus
// credentials.json. Every secret that passes through is registered for log redaction.
import type { Problem } from '../../common/contract/app.js';
import { Id } from '../../common/contract/define.js';
import { SkywallError } from '../../common/model/errors.js';
import { registerSecret } from '../../base/log/redact.js';
import type { CredentialsFile, VaultEntry } from './credentials-file.js';
import { MAX_SECRET_LENGTH, type CredentialVault, type SecretCipher, type VaultProtection } from './credential-vault.js';

function checkId(id: string): void {
  if (!Id.safeParse(id).success) throw new SkywallError('bad_payload', 'vault id must be 1-128 characters of A-Z a-z 0-9 _ . : -');
}

export class FileVault implements CredentialVault {
  readonly protection: VaultProtection;
  readonly warning?: string;
  readonly problems: readonly Problem[];
  readonly #file: CredentialsFile;
  readonly #cipher: SecretCipher;

  constructor(opts: { file: CredentialsFile; cipher: SecretCipher; protection: VaultProtection; warning?: string; problems: Problem[] }) {
    this.#file = opts.file;
    this.#cipher = opts.cipher;
    this.protection = opts.protection;
    if (opts.warning !== undefined) this.warning = opts.warning;
    this.problems = Object.freeze([...opts.problems]);
  }

  get path(): string {
    return this.#file.path;
  }

  async get(id: string): Promise<string | undefined> {
    checkId(id);
    const entry = this.#file.get(id);
    if (!entry) return undefined;
    if (entry.scheme !== this.#cipher.scheme) {
      throw new SkywallError(
        'storage',
        `the stored password for ${id} was encrypted with ${entry.scheme}, but this vault uses ${this.#cipher.scheme}; enter the password again`,
        { id },
      );
    }
    let result: { plain: string; reEncrypt: boolean };
    try {
      result = await this.#cipher.decrypt(id, Buffer.from(entry.data, 'base64'));
    } catch (e) {
      throw new SkywallError('storage', `the stored password for ${id} cannot be decrypted (${(e as Error).message}); enter the password again`, { id });
    }
    registerSecret(result.plain);
    if (result.reEncrypt) await this.set(id, result.plain);
    return result.plain;
  }

  async set(id: string, secret: string): Promise<void> {
    this.#file.set(id, await this.#encrypt(id, secret));
  }

  async setMany(entries: ReadonlyArray<readonly [id: string, secret: string]>): Promise<void> {
    const encrypted: Array<[string, VaultEntry]> = [];
    for (const [id, secret] of entries) encrypted.push([id, await this.#encrypt(id, secret)]);
    this.#file.setMany(encrypted);
  }

  async #encrypt(id: string, secret: string): Promise<VaultEntry> {
    checkId(id);
    if (typeof secret !== 'string' || secret.length > MAX_SECRET_LENGTH) {
      throw new SkywallError('bad_payload', `a secret must be a string of at most ${MAX_SECRET_LENGTH} characters`, { id });
    }
    registerSecret(secret);
    let blob: Buffer;
    try {
      blob = await this.#cipher.encrypt(id, secret);
    } catch (e) {
      throw new SkywallError('storage', `cannot encrypt the password for ${id}: ${(e as Error).message}`, { id });
    }
    return { scheme: this.#cipher.scheme, data: blob.toString('base64') };
  }

  async delete(id: string): Promise<void> {
    checkId(id);
    this.#file.delete(id);
  }

  async has(id: string): Promise<boolean> {
    checkId(id);
    return this.#file.has(id);
  }
}
