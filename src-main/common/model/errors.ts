// Typed errors that cross the contract. The renderer turns `code` into a sentence in the
// operator's language (i18n key `error.<code>`); `params` fill the sentence. `message` is
// English detail for logs and never carries secrets.
export const ERROR_CODES = [
  'bad_payload',
  'name_blank',
  'name_too_long',
  'name_invalid_chars',
  'unknown_channel',
  'forbidden_sender',
  'not_found',
  'conflict',
  'auth_failed',
  'auth_locked',
  'timeout',
  'unreachable',
  'unsupported_codec',
  'unsupported_format',
  'over_budget',
  'protocol',
  /** A platform (WVP, Artemis) answered with an error code; params.msg is its own message. */
  'platform_refused',
  'storage',
  'ptz_busy',
  'ptz_unsupported',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface SkywallErrorShape {
  code: ErrorCode;
  message: string;
  params?: Record<string, string | number>;
}

export class SkywallError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string | number> | undefined;

  constructor(code: ErrorCode, message: string, params?: Record<string, string | number>) {
    super(message);
    this.name = 'SkywallError';
    this.code = code;
    this.params = params;
  }

  toShape(): SkywallErrorShape {
    return this.params ? { code: this.code, message: this.message, params: this.params } : { code: this.code, message: this.message };
  }
}

export function isSkywallError(e: unknown): e is SkywallError {
  return e instanceof SkywallError;
}

export function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}
