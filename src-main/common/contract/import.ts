// Bulk import of devices from a CSV or M3U file. The renderer reads the file and sends its text
// in pieces (a host-mode message is at most 1 MB); main reads each piece as it comes, checks
// every row, and at the end adds the good rows in one change. Bad rows come back by line number
// and reason; progress is announced while rows are read, saved and (ONVIF) connected.
import { z } from 'zod';
import { Id, Ok } from './define.js';

export const ImportFormat = z.enum(['csv', 'm3u']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** Why a row was not imported; the renderer words each (`import.reason.<code>`). */
export const IMPORT_REASONS = [
  'address_missing',
  'address_invalid',
  'url_invalid',
  'url_scheme',
  'url_escape',
  'vendor_missing',
  'vendor_unknown',
  'port_invalid',
  'channels_invalid',
  'name_too_long',
  'name_invalid_chars',
  'area_too_deep',
  'area_invalid',
  'username_too_long',
  'password_too_long',
  'unclosed_quote',
  'duplicate',
  'already_added',
  'too_many_rows',
  'connect_failed',
  'invalid',
] as const;
export const ImportReason = z.enum(IMPORT_REASONS);
export type ImportReason = z.infer<typeof ImportReason>;

export const ImportRowError = z.object({
  /** 1-based line of the file the row starts on. */
  line: z.number().int().min(1),
  reason: ImportReason,
  /** e.g. `{ line }` of the earlier row a duplicate repeats, `{ max }`, `{ value }`, `{ failure }`. */
  params: z.record(z.string(), z.union([z.string().max(256), z.number()])).optional(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/** Most rows one file may hold; the rest is reported once as too_many_rows. */
export const IMPORT_MAX_ROWS = 20_000;
/** Characters per piece sent (JSON of 64 Ki characters stays well under a 1 MB message). */
export const IMPORT_CHUNK_CHARS = 64 * 1024;
/** Row errors listed in the answer; `errorCount` counts them all. */
export const IMPORT_MAX_LISTED_ERRORS = 1000;

export const ImportBegin = z.object({ fileName: z.string().max(255), format: ImportFormat.optional() }).strict();

export const ImportTally = z.object({
  rows: z.number().int().min(0),
  valid: z.number().int().min(0),
  invalid: z.number().int().min(0),
});
export type ImportTally = z.infer<typeof ImportTally>;

export const ImportSummary = z.object({
  importId: Id,
  format: ImportFormat,
  rows: z.number().int().min(0),
  /** Devices added. */
  imported: z.number().int().min(0),
  /** Cameras those devices brought. */
  cameras: z.number().int().min(0),
  errors: z.array(ImportRowError).max(IMPORT_MAX_LISTED_ERRORS),
  errorCount: z.number().int().min(0),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportProgress = ImportTally.extend({
  importId: Id,
  /** reading: rows checked so far; saving: adding the good rows; connecting: ONVIF rows asked for their channels. */
  phase: z.enum(['reading', 'saving', 'connecting', 'done']),
  /** Rows added so far (saving, connecting). */
  saved: z.number().int().min(0),
  /** connecting: ONVIF rows to connect, and how many are done. */
  toConnect: z.number().int().min(0).optional(),
  connected: z.number().int().min(0).optional(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const importChannels = {
  'sw:import:begin': { req: ImportBegin, res: z.object({ importId: Id }) },
  'sw:import:chunk': { req: z.object({ importId: Id, text: z.string().max(IMPORT_CHUNK_CHARS) }).strict(), res: ImportTally },
  'sw:import:finish': { req: z.object({ importId: Id }).strict(), res: ImportSummary },
  'sw:import:cancel': { req: z.object({ importId: Id }).strict(), res: Ok },
} as const;

export const importEvents = {
  'sw:import:onDidProgress': ImportProgress,
} as const;
