// Maps RTSP failures to SkywallError codes with actionable, credential-free messages.
import { SkywallError } from '../../common/model/errors.js';
import { redactUrl } from './rtsp-url.js';

export function statusError(method: string, url: string, status: number, reason: string): SkywallError {
  const where = `${method} ${redactUrl(url)}`;
  const params = { method, status, url: redactUrl(url) };
  if (status === 401) return new SkywallError('auth_failed', `${where}: the device rejected the user name or password (401)`, params);
  if (status === 403) return new SkywallError('auth_failed', `${where}: the user may not open this stream (403 Forbidden)`, params);
  if (status === 404) return new SkywallError('not_found', `${where}: no such stream on the device (404); check the channel and stream path`, params);
  if (status === 415 || status === 451 || status === 461) {
    return new SkywallError('protocol', `${where}: the device refused the request (${status} ${reason}); it may not support RTP over the RTSP TCP connection`, params);
  }
  if (status === 453 || status === 503) {
    return new SkywallError('protocol', `${where}: the device is busy (${status} ${reason}); it may have reached its limit of concurrent streams`, params);
  }
  return new SkywallError('protocol', `${where}: unexpected answer ${status} ${reason}`, params);
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL', 'ECONNABORTED', 'ENETDOWN', 'EHOSTDOWN']);

export function socketError(err: NodeJS.ErrnoException, host: string, port: number): SkywallError {
  const code = err.code ?? 'unknown';
  if (code === 'ETIMEDOUT') return new SkywallError('timeout', `Connection to ${host}:${port} timed out`, { host, port, reason: 'connect' });
  if (UNREACHABLE_CODES.has(code)) {
    const what = code === 'ECONNREFUSED' ? 'refused the connection' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'could not be resolved' : `is unreachable (${code})`;
    return new SkywallError('unreachable', `${host}:${port} ${what}`, { host, port, reason: code });
  }
  return new SkywallError('unreachable', `Connection to ${host}:${port} failed (${code})`, { host, port, reason: code });
}
