// One ONVIF call through the callback API of `onvif`, as a promise with a hard deadline.
// The library may call back twice (xml2js re-enters the callback when a handler throws) or
// throw synchronously, so the promise settles exactly once and parsing errors are caught.

import { SkywallError } from '../../common/model/errors.js';
import { toSkywallError, type CallSite } from './onvif-errors.js';

export type LibCallback = (err: Error | null, value?: unknown, xml?: string) => void;

/** Runs one library call with the device's deadline and error mapping (onvif-device.ts makes it). */
export type Caller = <T>(operation: string, run: (cb: LibCallback) => void, parse: (value: unknown, xml: string | undefined) => T) => Promise<T>;

export function callOnvif<T>(
  at: CallSite,
  timeoutMs: number,
  run: (cb: LibCallback) => void,
  parse: (value: unknown, xml: string | undefined) => T,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        resolve(outcome());
      } catch (e) {
        reject(e);
      }
    };
    // The library's timeout is per HTTP request (Digest makes two); this bounds the whole call.
    const timer = setTimeout(() => finish(() => {
      throw toSkywallError(new Error('Network timeout'), undefined, at, timeoutMs);
    }), timeoutMs);
    try {
      run((err, value, xml) =>
        finish(() => {
          if (err) throw toSkywallError(err, xml, at, timeoutMs);
          try {
            return parse(value, xml);
          } catch (e) {
            if (e instanceof SkywallError) throw e;
            throw new SkywallError('protocol', `ONVIF ${at.operation} on ${at.host}:${at.port}: the answer has an unexpected shape`, {
              host: at.host,
              port: at.port,
              operation: at.operation,
            });
          }
        }),
      );
    } catch (e) {
      finish(() => {
        throw toSkywallError(e, undefined, at, timeoutMs);
      });
    }
  });
}
