// How the transcode reacts to the status of the stream it reads (the camera's direct hub key),
// so a transcoded tile shows the camera's real state instead of a generic timeout:
// - auth_failed / offline with a reason: the attempt ends with that reason (auth stops the
//   hub's retries of the transcoded key too; unsupported_codec takes it offline);
// - reconnecting: the attempt ends with the source's reason (unreachable, timeout...), except
//   when the source was already reconnecting as we subscribed: then we wait for it, so the
//   transcoded key does not spin through attempts while the source backs off;
// - stalled: passed on; connecting / live: nothing to do (we report live on our first picture).
import type { HubStatus } from '../hub/hub-types.js';
import type { ProducerError } from '../hub/producer.js';

export type SourceVerdict = { action: 'none' } | { action: 'stalled' } | { action: 'close'; error?: ProducerError };

/** `first`: this is the status handed over at subscribe, not a change seen while subscribed. */
export function sourceVerdict(status: HubStatus, first: boolean): SourceVerdict {
  const about = `the camera stream ${status.key}`;
  switch (status.state) {
    case 'auth_failed': {
      const code = status.errorCode ?? 'auth_failed';
      return { action: 'close', error: { code, message: `${about} was refused (${code}); fix the credentials and retry` } };
    }
    case 'offline':
      return status.errorCode
        ? { action: 'close', error: { code: status.errorCode, message: `${about} is offline (${status.errorCode})` } }
        : { action: 'close' };
    case 'reconnecting':
      if (first) return { action: 'none' };
      return status.errorCode
        ? { action: 'close', error: { code: status.errorCode, message: `${about} dropped (${status.errorCode}); it is reconnecting` } }
        : { action: 'close' };
    case 'stalled':
      return { action: 'stalled' };
    default:
      return { action: 'none' };
  }
}
