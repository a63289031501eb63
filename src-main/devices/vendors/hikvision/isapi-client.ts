// Hikvision ISAPI over HTTP with Digest authentication (RFC 7616, as the devices ask: MD5 with
// qop=auth). The first request goes without credentials to read the challenge; later ones answer
// it directly (nonce count rising), and a stale nonce is answered once more. A refusal of the
// credentials ends the client: nothing more is sent with them (the device locks its login after a
// few failures), so a wrong password costs the device one rejected request.
import { SkywallError } from '../../../common/model/errors.js';
import { Authenticator, pickChallenge } from '../../../media/rtsp/digest-auth.js';
import { deviceGet, type DeviceHttpAnswer } from '../../device-http.js';
import { refuseXmlDeclarations } from '../../xml-guard.js';

export interface IsapiClientOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  /** Per request (default 5 s). */
  timeoutMs?: number;
  /** Largest answer read (default 5 MB). */
  maxBytes?: number;
}

export interface IsapiClient {
  /** GET an ISAPI path; the XML body of a 200, `undefined` for 403/404 (not supported here), else a SkywallError. */
  get(path: string): Promise<string | undefined>;
}

function challengesOf(answer: DeviceHttpAnswer): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) if (answer.rawHeaders[i].toLowerCase() === 'www-authenticate') out.push(answer.rawHeaders[i + 1]);
  return out;
}

export function createIsapiClient(o: IsapiClientOptions): IsapiClient {
  const timeoutMs = o.timeoutMs ?? 5000;
  const where = `ISAPI ${o.host}:${o.port}`;
  let auth: Authenticator | undefined;
  let refused = false;

  const send = (path: string): Promise<DeviceHttpAnswer> =>
    deviceGet({
      host: o.host,
      port: o.port,
      path,
      timeoutMs,
      ...(o.maxBytes !== undefined ? { maxBytes: o.maxBytes } : {}),
      headers: { Accept: 'application/xml', ...(auth ? { Authorization: auth.header('GET', path) } : {}) },
    });

  const wrongPassword = (): SkywallError => {
    refused = true;
    return new SkywallError('auth_failed', `${where}: the device refused the user name or password; not retried`, { host: o.host, port: o.port, failure: 'wrong_password' });
  };

  /** Takes the challenge of a 401; false when there is none we can answer. */
  const takeChallenge = (answer: DeviceHttpAnswer): boolean => {
    const challenge = pickChallenge(challengesOf(answer));
    if (!challenge || o.username === undefined || o.password === undefined) return false;
    auth = new Authenticator(challenge, o.username, o.password);
    return true;
  };

  return {
    async get(path) {
      if (refused) throw new SkywallError('auth_failed', `${where}: these credentials were refused before; not sent again`, { host: o.host, port: o.port, failure: 'wrong_password' });
      let answer = await send(path);
      if (answer.status === 401) {
        const hadAuth = auth !== undefined;
        const stale = /stale\s*=\s*"?true/i.test(challengesOf(answer).join(','));
        // Our answer to the challenge was refused, and not because the nonce ran out: wrong credentials.
        if (hadAuth && !stale) throw wrongPassword();
        if (!takeChallenge(answer)) {
          if (o.username === undefined || o.password === undefined) throw new SkywallError('auth_failed', `${where}: the device asks for a user name and password`, { host: o.host, port: o.port, failure: 'wrong_password' });
          throw new SkywallError('protocol', `${where}: the device asks for an authentication Skywall does not speak`, { host: o.host, port: o.port, failure: 'not_isapi' });
        }
        answer = await send(path);
        if (answer.status === 401) throw wrongPassword();
      }
      if (answer.status === 403 || answer.status === 404) return undefined;
      if (answer.status !== 200) throw new SkywallError('protocol', `${where}: ${path} answered HTTP ${answer.status}`, { host: o.host, port: o.port, status: answer.status, failure: 'not_isapi' });
      refuseXmlDeclarations(answer.body, `${where} ${path}`);
      return answer.body;
    },
  };
}
