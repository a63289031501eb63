// Brings whatever JSON object was read from skywall.json to the current schema, or says why it
// cannot. Version detection: no `schemaVersion` (or 0) is v0; numbers above the current one come
// from a newer Skywall and are never guessed at.
import type { Problem } from '../../common/contract/app.js';
import type { CorruptReason } from '../quarantine.js';
import { CURRENT_SCHEMA_VERSION, SkywallDoc } from '../schema.js';
import { SkywallDocV0 } from './v0-schema.js';
import { migrateV0ToV1, type SecretWriter } from './v0-to-v1.js';
import { SkywallDocV1 } from './v1-schema.js';
import { migrateV1ToV2 } from './v1-to-v2.js';

export type UpgradeResult =
  | { status: 'current'; doc: SkywallDoc }
  | { status: 'migrated'; from: number; doc: SkywallDoc; problems: Problem[] }
  | { status: 'invalid'; reason: Extract<CorruptReason, 'schema' | 'future_version'>; detail: string };

function versionOf(raw: Record<string, unknown>): unknown {
  return Object.prototype.hasOwnProperty.call(raw, 'schemaVersion') ? raw.schemaVersion : 0;
}

export async function upgradeDocument(
  raw: Record<string, unknown>,
  vault: SecretWriter,
  ctx: { file: string; at: Date },
): Promise<UpgradeResult> {
  const version = versionOf(raw);
  if (typeof version === 'number' && Number.isInteger(version) && version > CURRENT_SCHEMA_VERSION) {
    return { status: 'invalid', reason: 'future_version', detail: `schemaVersion ${version} is newer than ${CURRENT_SCHEMA_VERSION}` };
  }
  if (version === CURRENT_SCHEMA_VERSION) {
    const parsed = SkywallDoc.safeParse(raw);
    if (!parsed.success) return { status: 'invalid', reason: 'schema', detail: parsed.error.message };
    return { status: 'current', doc: parsed.data };
  }
  let v1: SkywallDocV1;
  let problems: Problem[] = [];
  if (version === 0) {
    const v0 = SkywallDocV0.safeParse(raw);
    if (!v0.success) return { status: 'invalid', reason: 'schema', detail: v0.error.message };
    ({ doc: v1, problems } = await migrateV0ToV1(v0.data, vault, ctx));
  } else if (version === 1) {
    const parsed = SkywallDocV1.safeParse(raw);
    if (!parsed.success) return { status: 'invalid', reason: 'schema', detail: parsed.error.message };
    v1 = parsed.data;
  } else {
    return { status: 'invalid', reason: 'schema', detail: `schemaVersion ${JSON.stringify(version)} is not a known version` };
  }
  // The migration's own output must meet the current schema before it may replace the file.
  const checked = SkywallDoc.safeParse(migrateV1ToV2(v1));
  if (!checked.success) return { status: 'invalid', reason: 'schema', detail: `migration from v${version} produced an invalid document: ${checked.error.message}` };
  return { status: 'migrated', from: version, doc: checked.data, problems };
}
