// Test helper: a bare SOAP 1.2 client with hand-made WS-UsernameToken and Digest headers,
// so the stub can be checked without the `onvif` library in between.

import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { parseXml, type XmlElement } from '../../demo/onvif/xml-reader.js';

export interface SoapReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** the first element inside env:Body, when the reply is XML */
  body: XmlElement | undefined;
}

export function soapPost(url: string, operationXml: string, opts: { header?: string; authorization?: string } = {}): Promise<SoapReply> {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">' +
    `<s:Header>${opts.header ?? ''}</s:Header><s:Body>${operationXml}</s:Body></s:Envelope>`;
  return rawPost(url, xml, opts.authorization);
}

export function rawPost(url: string, payload: string, authorization?: string): Promise<SoapReply> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(payload, 'utf8');
    const headers: Record<string, string | number> = { 'Content-Type': 'application/soap+xml; charset=utf-8', 'Content-Length': body.length };
    if (authorization) headers.Authorization = authorization;
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let first: XmlElement | undefined;
        try {
          first = parseXml(text).children.find((c) => c.name === 'Body')?.children[0];
        } catch {
          first = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: first });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function usernameTokenHeader(username: string, password: string, created: Date, nonce: Buffer = randomBytes(16)): string {
  const createdText = created.toISOString();
  const digest = createHash('sha1').update(nonce).update(createdText).update(password).digest('base64');
  return (
    '<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" ' +
    'xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"><wsse:UsernameToken>' +
    `<wsse:Username>${username}</wsse:Username>` +
    '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">' +
    `${digest}</wsse:Password><wsse:Nonce>${nonce.toString('base64')}</wsse:Nonce><wsu:Created>${createdText}</wsu:Created>` +
    '</wsse:UsernameToken></wsse:Security>'
  );
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** Authorization header answering a `Digest realm=..., nonce=..., qop="auth"` challenge. */
export function digestAuthorization(challenge: string, username: string, password: string, method: string, uri: string, nc = 1): string {
  const realm = /realm="([^"]*)"/.exec(challenge)?.[1] ?? '';
  const nonce = /nonce="([^"]*)"/.exec(challenge)?.[1] ?? '';
  const cnonce = randomBytes(8).toString('hex');
  const ncText = nc.toString(16).padStart(8, '0');
  const response = md5(`${md5(`${username}:${realm}:${password}`)}:${nonce}:${ncText}:${cnonce}:auth:${md5(`${method}:${uri}`)}`);
  return `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", qop=auth, nc=${ncText}, cnonce="${cnonce}", response="${response}", algorithm=MD5`;
}

/** Text of ter: subcodes in a fault body, e.g. ["ter:InvalidArgVal", "ter:NoToken"]. */
export function faultSubcodes(body: XmlElement | undefined): string[] {
  const out: string[] = [];
  let sub = body?.children.find((c) => c.name === 'Code')?.children.find((c) => c.name === 'Subcode');
  while (sub) {
    const v = sub.children.find((c) => c.name === 'Value');
    if (v) out.push(v.text.trim());
    sub = sub.children.find((c) => c.name === 'Subcode');
  }
  return out;
}
