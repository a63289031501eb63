// Opens the vault and the Skywall document in a test folder at a fixed time, the way the app
// does at start, and names the stored fixture documents of older schema versions.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSkywallStore } from '../../storage/open-skywall-store.js';
import { openKeyFileVault } from '../../storage/vault/open-vault.js';

/** A stored document of an older schema, e.g. `v0-skywall.json`. */
export function storageFixture(name: string): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name);
}

/** Vault and store of `dir`; the weak-protection notice of the test vault is left out of `problems`. */
export async function openStoreDir(dir: string, at: Date) {
  const vault = await openKeyFileVault({ dir, now: () => at });
  const opened = await openSkywallStore({ dir, vault, now: () => at });
  return { vault, ...opened, problems: opened.problems.filter((p) => p.code !== 'vault_weak_protection') };
}
