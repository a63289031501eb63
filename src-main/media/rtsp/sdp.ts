// Minimal SDP parser (RFC 8866) for RTSP DESCRIBE answers: session and media sections,
// rtpmap, fmtp and control attributes. Unknown lines are kept as attributes or ignored.

export class SdpError extends Error {
  override name = 'SdpError';
}

export interface RtpMap {
  encoding: string;
  clockRate: number;
  channels?: number;
}

export interface SdpMedia {
  type: string; // video, audio, application...
  port: number;
  protocol: string;
  formats: number[];
  control?: string;
  rtpmap: Map<number, RtpMap>;
  /** fmtp parameters per payload type, keys lower-cased. */
  fmtp: Map<number, Record<string, string>>;
  attributes: Array<[string, string]>;
}

export interface SessionDescription {
  sessionName?: string;
  control?: string;
  attributes: Array<[string, string]>;
  media: SdpMedia[];
}

export function parseSdp(text: string): SessionDescription {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length === 0 || !/^v=0$/.test(lines[0])) throw new SdpError('SDP does not start with v=0');
  const session: SessionDescription = { attributes: [], media: [] };
  let media: SdpMedia | undefined;

  for (const line of lines) {
    if (line.length < 2 || line[1] !== '=' || !/[a-z]/.test(line[0])) {
      throw new SdpError(`malformed SDP line: ${JSON.stringify(line.slice(0, 60))}`);
    }
    const type = line[0];
    const value = line.slice(2);
    if (type === 'm') {
      media = parseMediaLine(value);
      session.media.push(media);
    } else if (type === 's' && !media) {
      session.sessionName = value;
    } else if (type === 'a') {
      const colon = value.indexOf(':');
      const name = colon >= 0 ? value.slice(0, colon) : value;
      const attrValue = colon >= 0 ? value.slice(colon + 1) : '';
      if (media) addMediaAttribute(media, name, attrValue);
      else {
        session.attributes.push([name, attrValue]);
        if (name === 'control') session.control = attrValue.trim();
      }
    }
  }
  if (session.media.length === 0) throw new SdpError('SDP has no media (m=) section');
  return session;
}

function parseMediaLine(value: string): SdpMedia {
  // m=<media> <port>[/<count>] <proto> <fmt> ...
  const parts = value.split(/\s+/);
  if (parts.length < 4) throw new SdpError(`malformed m= line: ${JSON.stringify(value)}`);
  const port = Number(parts[1].split('/')[0]);
  const formats = parts.slice(3).map(Number);
  if (!Number.isInteger(port) || formats.some((f) => !Number.isInteger(f) || f < 0 || f > 127)) {
    throw new SdpError(`malformed m= line: ${JSON.stringify(value)}`);
  }
  return { type: parts[0].toLowerCase(), port, protocol: parts[2], formats, rtpmap: new Map(), fmtp: new Map(), attributes: [] };
}

function addMediaAttribute(media: SdpMedia, name: string, value: string): void {
  media.attributes.push([name, value]);
  if (name === 'control') {
    media.control = value.trim();
  } else if (name === 'rtpmap') {
    // a=rtpmap:<pt> <encoding>/<clock>[/<channels>]
    const m = /^(\d+)\s+([^/\s]+)\/(\d+)(?:\/(\d+))?/.exec(value.trim());
    if (!m) throw new SdpError(`malformed rtpmap: ${JSON.stringify(value)}`);
    media.rtpmap.set(Number(m[1]), { encoding: m[2], clockRate: Number(m[3]), channels: m[4] ? Number(m[4]) : undefined });
  } else if (name === 'fmtp') {
    const m = /^(\d+)\s+(.*)$/.exec(value.trim());
    if (!m) return; // an empty fmtp says nothing
    const params: Record<string, string> = {};
    for (const item of m[2].split(';')) {
      const eq = item.indexOf('=');
      if (eq < 0) continue;
      params[item.slice(0, eq).trim().toLowerCase()] = item.slice(eq + 1).trim();
    }
    media.fmtp.set(Number(m[1]), params);
  }
}
