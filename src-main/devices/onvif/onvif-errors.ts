// Turns the `onvif` library's errors (plain Error messages, Node socket errors, SOAP faults
// with the raw XML beside them) into SkywallError codes with an actionable message.

import { SkywallError } from '../../common/model/errors.js';

export interface CallSite {
  host: string;
  port: number;
  /** ONVIF operation, e.g. GetProfiles */
  operation: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL']);

/** ter: subcodes found in a SOAP fault, without prefixes (e.g. ["InvalidArgVal", "NoToken"]). */
export function faultSubcodes(xml: string | undefined): string[] {
  if (!xml || !/Fault/.test(xml)) return [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:[\w-]+:)?Value[^>]*>\s*([^<\s]+)\s*</g)) out.push(m[1].replace(/^[\w-]+:/, ''));
  return out;
}

function faultReason(message: string): string {
  return message.replace(/^ONVIF SOAP Fault:\s*/, '').slice(0, 200);
}

export function isAuthRejection(err: Error, xml: string | undefined): boolean {
  if (/^Digest authentication failed/.test(err.message)) return true;
  if (faultSubcodes(xml).includes('NotAuthorized')) return true;
  if (/sender not authori[sz]ed/i.test(err.message)) return true;
  // Some devices answer 401 with an HTML page instead of a SOAP fault.
  return !!xml && !/Envelope/i.test(xml) && /unauthori[sz]ed|access denied/i.test(xml);
}

export function toSkywallError(err: unknown, xml: string | undefined, at: CallSite, timeoutMs: number): SkywallError {
  if (err instanceof SkywallError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  const where = `ONVIF ${at.operation} on ${at.host}:${at.port}`;
  const params = { host: at.host, port: at.port, operation: at.operation };
  const code = (e as NodeJS.ErrnoException).code;

  if (e.message === 'Network timeout' || code === 'ETIMEDOUT') {
    return new SkywallError('timeout', `${where}: no answer within ${timeoutMs} ms`, { ...params, timeoutMs });
  }
  if (code && UNREACHABLE.has(code)) {
    return new SkywallError('unreachable', `${where}: cannot reach the device (${code}); check address, port and network`, params);
  }
  if (isAuthRejection(e, xml)) {
    return new SkywallError(
      'auth_failed',
      `${where}: the device rejected the username or password; not retried (devices may lock out after repeated failures)`,
      params,
    );
  }
  if (/^Digest authentication headers not found/.test(e.message)) {
    return new SkywallError('protocol', `${where}: the device asks for an HTTP authentication scheme other than Digest (e.g. Basic), which is not supported`, params);
  }
  const subcodes = faultSubcodes(xml);
  if (subcodes.some((s) => s === 'NoToken' || s === 'NoProfile' || s === 'NoEntity' || s === 'NoConfig')) {
    return new SkywallError('not_found', `${where}: ${faultReason(e.message)}`, params);
  }
  if (subcodes.includes('PresetExist')) {
    return new SkywallError('conflict', `${where}: ${faultReason(e.message)}`, params);
  }
  if (/^ONVIF SOAP Fault/.test(e.message)) {
    return new SkywallError('protocol', `${where}: the device answered with a fault: ${faultReason(e.message)}`, params);
  }
  return new SkywallError('protocol', `${where}: unexpected answer (${e.message.slice(0, 200)})`, params);
}
