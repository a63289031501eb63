// WS-Discovery for the demo ONVIF device: a UDP socket on loopback that answers a Probe for
// network video transmitters with a ProbeMatch naming the device service address and scopes.
// It never joins a multicast group: clients reach it by unicast to its port (tests and the demo).
import { createSocket, type Socket } from 'node:dgram';
import { randomUUID } from 'node:crypto';
import { escapeXml } from './soap-writer.js';

export interface DiscoveryResponder {
  readonly port: number;
  /** Probes received (answered or not). */
  readonly probes: number;
  close(): Promise<void>;
}

export interface DiscoveryAnswer {
  endpoint: string;
  xaddr: string;
  scopes: string[];
}

const MAX_PROBE_BYTES = 16 * 1024;

function relatesTo(probe: string): string | undefined {
  return /<(?:\w+:)?MessageID>\s*([^<\s]{1,200})\s*<\//.exec(probe)?.[1];
}

function probeMatch(messageId: string, a: DiscoveryAnswer): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" ' +
    'xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl">' +
    '<SOAP-ENV:Header><wsa:MessageID>urn:uuid:' + randomUUID() + '</wsa:MessageID>' +
    `<wsa:RelatesTo>${escapeXml(messageId)}</wsa:RelatesTo>` +
    '<wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>' +
    '<wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></SOAP-ENV:Header>' +
    '<SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch>' +
    `<wsa:EndpointReference><wsa:Address>${escapeXml(a.endpoint)}</wsa:Address></wsa:EndpointReference>` +
    '<d:Types>dn:NetworkVideoTransmitter</d:Types>' +
    `<d:Scopes>${a.scopes.map(escapeXml).join(' ')}</d:Scopes>` +
    `<d:XAddrs>${escapeXml(a.xaddr)}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>` +
    '</d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>'
  );
}

/** Starts answering probes on host:port (port 0: a random free port). */
export async function startDiscoveryResponder(host: string, answer: () => DiscoveryAnswer, port = 0): Promise<DiscoveryResponder> {
  const socket: Socket = createSocket('udp4');
  let probes = 0;
  socket.on('message', (msg, from) => {
    probes++;
    if (msg.length > MAX_PROBE_BYTES) return;
    const text = msg.toString('utf8');
    // Answer probes for any type or for video transmitters; ignore everything else (Hello, Bye, our own matches).
    if (!/<(?:\w+:)?Probe[\s>]/.test(text)) return;
    const types = /<(?:\w+:)?Types>([^<]*)<\//.exec(text)?.[1] ?? '';
    if (types.trim() !== '' && !/NetworkVideoTransmitter|Device/.test(types)) return;
    const id = relatesTo(text);
    if (!id) return;
    const reply = Buffer.from(probeMatch(id, answer()), 'utf8');
    socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    get probes() {
      return probes;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
