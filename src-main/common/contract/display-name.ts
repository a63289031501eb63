import { z } from 'zod';

/** The longest name the operator can give a device, camera or wall (tile labels are sized for it). */
export const DISPLAY_NAME_MAX = 64;

/**
 * Why a name was refused. Names are refused, not cleaned: a name the app silently changed would
 * not be the one the operator typed or will search for. Leading and trailing spaces are trimmed.
 */
export type DisplayNameProblem = 'blank' | 'too_long' | 'control' | 'bidi' | 'zero_width';

// C0 and C1 controls (NUL, CR, LF, tab...) and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// Direction overrides, embeddings and isolates (U+202A-202E, U+2066-2069) and the invisible
// direction marks: they can make "CAM\u202E4pm.exe" read as something else.
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
// Invisible characters that make two equal-looking names differ.
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/;

/** The first problem with an already trimmed name, or undefined if it is fine. */
export function displayNameProblem(name: string): DisplayNameProblem | undefined {
  if (name.length === 0) return 'blank';
  // UTF-16 length first: no need to split a 10,000-character paste into code points.
  if (name.length > DISPLAY_NAME_MAX * 2 || [...name].length > DISPLAY_NAME_MAX) return 'too_long';
  if (CONTROL.test(name)) return 'control';
  if (BIDI.test(name)) return 'bidi';
  if (ZERO_WIDTH.test(name)) return 'zero_width';
  return undefined;
}

/** Error code the router answers with, per problem (i18n `error.<code>` names field and limit). */
export const DISPLAY_NAME_ERROR = {
  blank: 'name_blank',
  too_long: 'name_too_long',
  control: 'name_invalid_chars',
  bidi: 'name_invalid_chars',
  zero_width: 'name_invalid_chars',
} as const;

/**
 * Every name an operator types (device, camera, wall) goes through this schema. A refusal is a
 * custom issue whose params carry the error code and the limit, so the router can answer with a
 * specific error instead of a generic "invalid request".
 */
export const displayName = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    const problem = displayNameProblem(name);
    if (!problem) return;
    ctx.addIssue({
      code: 'custom',
      message: `name is ${problem === 'too_long' ? `longer than ${DISPLAY_NAME_MAX} characters` : problem === 'blank' ? 'blank' : `not allowed: it contains ${problem} characters`}`,
      params: { errorCode: DISPLAY_NAME_ERROR[problem], reason: problem, max: DISPLAY_NAME_MAX },
    });
  });
