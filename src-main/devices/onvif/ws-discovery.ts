// WS-Discovery probe for ONVIF devices: one Probe for NetworkVideoTransmitter, multicast to
// 239.255.255.250:3702 on the site's network and/or unicast to given responders (the demo
// devices on loopback, and tests), then every ProbeMatch collected for the wait. The `onvif`
// package's Discovery sends only to the multicast group, so loopback responders cannot be
// reached through it; this is the one ONVIF exchange Skywall makes itself (decisions.md).
// Answers are untrusted: size-capped, DTD refused, fields length-capped, matched by RelatesTo.
import { randomUUID } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { refuseXmlDeclarations } from '../xml-guard.js';

export interface DiscoveryTarget {
  host: string;
  port: number;
}

export interface DiscoveredDevice {
  /** The device's stable WS-Addressing endpoint (urn:uuid:...). */
  endpoint: string;
  /** Device service address the answer gave, and its parts. */
  xaddr: string;
  host: string;
  port: number;
  path: string;
  name?: string;
  manufacturer?: string;
  model?: string;
}

export interface ProbeOptions {
  /** Unicast responders to probe besides (or instead of) the multicast group. */
  targets?: DiscoveryTarget[];
  /** Send to 239.255.255.250:3702 too (default true). */
  multicast?: boolean;
  /** How long answers are collected (default 3 s). */
  waitMs?: number;
}

export const WS_DISCOVERY_GROUP: DiscoveryTarget = { host: '239.255.255.250', port: 3702 };
const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_FIELD = 128;

function probeXml(messageId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    `<s:Header><a:Action s:mustUnderstand="1">http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe</a:Action><a:MessageID>${messageId}</a:MessageID>` +
    '<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>' +
    '<s:Body><d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe></s:Body></s:Envelope>'
  );
}

function element(xml: string, name: string): string | undefined {
  const m = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${name}(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z_][\\w.-]*:)?${name}>`).exec(xml);
  return m ? unescape(m[1]!.trim()) : undefined;
}

function unescape(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

function scopeValue(scopes: string[], kind: string): string | undefined {
  const prefix = `onvif://www.onvif.org/${kind}/`;
  const hit = scopes.find((s) => s.toLowerCase().startsWith(prefix));
  if (!hit) return undefined;
  let value = hit.slice(prefix.length);
  try {
    value = decodeURIComponent(value);
  } catch {
    // A stray % is kept as sent.
  }
  value = value.replace(/[_+]/g, ' ').trim();
  return value ? value.slice(0, MAX_FIELD) : undefined;
}

/** One ProbeMatch answer, or undefined when it is not one for our probe or not usable. */
export function parseProbeMatch(xml: string, messageId: string): DiscoveredDevice | undefined {
  if (xml.length > MAX_ANSWER_BYTES) return undefined;
  try {
    refuseXmlDeclarations(xml, 'WS-Discovery answer');
  } catch {
    return undefined;
  }
  if (element(xml, 'RelatesTo') !== messageId || !/ProbeMatch[\s>]/.test(xml)) return undefined;
  const endpoint = element(xml, 'Address');
  const xaddrs = (element(xml, 'XAddrs') ?? '').split(/\s+/).filter(Boolean);
  const scopes = (element(xml, 'Scopes') ?? '').split(/\s+/).filter(Boolean);
  for (const xaddr of xaddrs) {
    let url: URL;
    try {
      url = new URL(xaddr);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const name = scopeValue(scopes, 'name');
    const manufacturer = scopeValue(scopes, 'manufacturer') ?? scopeValue(scopes, 'mfr');
    const model = scopeValue(scopes, 'hardware');
    return {
      endpoint: (endpoint ?? xaddr).slice(0, MAX_FIELD),
      xaddr: xaddr.slice(0, 2048),
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port,
      path: url.pathname || '/onvif/device_service',
      ...(name ? { name } : {}),
      ...(manufacturer ? { manufacturer } : {}),
      ...(model ? { model } : {}),
    };
  }
  return undefined;
}

/** Probes and collects answers for `waitMs`; devices are listed once each, in answer order. */
export async function probeOnvifDevices(options: ProbeOptions = {}): Promise<DiscoveredDevice[]> {
  const targets = [...(options.targets ?? []), ...(options.multicast === false ? [] : [WS_DISCOVERY_GROUP])];
  const messageId = `urn:uuid:${randomUUID()}`;
  const socket = createSocket({ type: 'udp4', reuseAddr: true });
  const found = new Map<string, DiscoveredDevice>();
  socket.on('message', (msg) => {
    if (msg.length > MAX_ANSWER_BYTES) return;
    const device = parseProbeMatch(msg.toString('utf8'), messageId);
    if (device && !found.has(device.endpoint)) found.set(device.endpoint, device);
  });
  // A network without multicast (or a closed port) must not end the scan of the others.
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.bind(0, () => resolve()));
  const probe = Buffer.from(probeXml(messageId), 'utf8');
  for (const t of targets) socket.send(probe, t.port, t.host, () => undefined);
  await new Promise((r) => setTimeout(r, options.waitMs ?? 3000));
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return [...found.values()];
}
