// Reads the Transport header of a SETUP request (RFC 2326 12.39). The demo camera only does
// RTP interleaved in the RTSP TCP connection; anything else is answered 461.

export type TransportChoice =
  | { kind: 'tcp-interleaved'; channels: [number, number] | undefined }
  | { kind: 'unsupported'; reason: string };

export function chooseTransport(header: string | undefined): TransportChoice {
  if (!header) return { kind: 'unsupported', reason: 'no Transport header' };
  // A client may list alternatives separated by commas; take the first we can serve.
  for (const spec of header.split(',')) {
    const [protocol, ...params] = spec.trim().split(';').map((s) => s.trim());
    if (protocol.toUpperCase() !== 'RTP/AVP/TCP') continue;
    const interleaved = params.find((p) => p.toLowerCase().startsWith('interleaved='));
    if (!interleaved) return { kind: 'tcp-interleaved', channels: undefined };
    const m = /^interleaved=(\d+)(?:-(\d+))?$/i.exec(interleaved);
    if (!m) return { kind: 'unsupported', reason: `bad interleaved parameter ${interleaved}` };
    const rtp = Number(m[1]);
    const rtcp = m[2] !== undefined ? Number(m[2]) : rtp + 1;
    if (rtp > 255 || rtcp > 255) return { kind: 'unsupported', reason: 'interleaved channel above 255' };
    return { kind: 'tcp-interleaved', channels: [rtp, rtcp] };
  }
  return { kind: 'unsupported', reason: 'only RTP/AVP/TCP interleaved transport is served' };
}
