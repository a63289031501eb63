// Public surface of the storage module. Nothing here imports electron.
export { openDocumentStore, isRunningInElectron, type DocumentStore, type DocumentBackend, type DocumentRead, type OpenDocumentStoreOptions } from './document-store.js';
export { openSkywallStore, SKYWALL_DOCUMENT_NAME, type OpenSkywallStoreOptions, type OpenedSkywallStore } from './open-skywall-store.js';
export { SkywallStore, type ChangeKind, type ChangePayloads, type UpsertDeviceOptions } from './skywall-store.js';
export { DeviceRecord, SkywallDoc, CURRENT_SCHEMA_VERSION } from './schema.js';
export { DEFAULT_WALL_ID, defaultDocument, defaultSettings, defaultWall } from './defaults.js';
export { fileTimestamp, type CorruptReason } from './quarantine.js';
export { openAuditLog, AuditLog, AUDIT_FILE_NAME, type AuditAppend, type OpenAuditLogOptions } from './audit-log.js';
export { verifyAuditLog, type AuditVerifyResult, type AuditBreakReason } from './audit-verify.js';
export { queryAuditLog, type AuditQuery, type AuditQueryResult } from './audit-read.js';
export { KNOWN_AUDIT_ACTIONS, GENESIS_PREV, type AuditAction, type AuditActor, type AuditEntry } from './audit-chain.js';
export * from './vault/index.js';
