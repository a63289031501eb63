// Why an export stopped. The service turns `code` into the operator's language; `message`
// is English detail for logs. Every failure of the writer is one of these, never a raw errno.
export const EXPORT_FAILURES = [
  /** Less free space than 1.1 x the expected size, found before writing anything. */
  'not_enough_space',
  /** The file system filled up while writing. */
  'disk_full',
  /** The device reported an I/O error. */
  'io_error',
  /** The target folder vanished: drive removed or unmounted. */
  'target_gone',
  /** The target is read-only or we may not write there. */
  'not_writable',
  /** The bytes read back differ from the bytes written. */
  'verify_failed',
  /** The source delivered a different number of bytes than it announced. */
  'source_mismatch',
  /** The operator cancelled. */
  'cancelled',
] as const;

export type ExportFailure = (typeof EXPORT_FAILURES)[number];

export class ExportError extends Error {
  constructor(
    readonly code: ExportFailure,
    message: string,
    /** The file being written when it happened, relative to the export folder. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

export function isExportError(e: unknown): e is ExportError {
  return e instanceof ExportError;
}

/** Maps a Node file-system error to the export failure it means for the operator. */
export function exportErrorFrom(e: unknown, file?: string): ExportError {
  if (isExportError(e)) return e;
  const err = e as NodeJS.ErrnoException;
  const detail = `${err?.code ?? 'error'}: ${err?.message ?? String(e)}`;
  switch (err?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new ExportError('disk_full', `target file system is full (${detail})`, file);
    case 'EIO':
    case 'EFBIG':
      return new ExportError('io_error', `device error while writing (${detail})`, file);
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
    case 'ESTALE':
    case 'ENOTDIR':
      return new ExportError('target_gone', `target folder is no longer there (${detail})`, file);
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new ExportError('not_writable', `cannot write to the target (${detail})`, file);
    case 'ABORT_ERR':
      return new ExportError('cancelled', 'export cancelled', file);
    default:
      return new ExportError('io_error', `unexpected error while writing (${detail})`, file);
  }
}
