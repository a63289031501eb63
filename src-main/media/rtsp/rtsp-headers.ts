// Parsers for the RTSP response headers the client acts on (RFC 2326 12.x).

export interface SessionHeader {
  id: string;
  /** Seconds; 60 when the server does not say (RFC 2326 12.37). */
  timeoutSec: number;
}

export function parseSessionHeader(value: string | undefined): SessionHeader | undefined {
  if (!value) return undefined;
  const [id, ...params] = value.split(';').map((s) => s.trim());
  if (!id || /[\s\r\n]/.test(id)) return undefined;
  let timeoutSec = 60;
  for (const p of params) {
    const m = /^timeout\s*=\s*(\d+)$/i.exec(p);
    if (m && Number(m[1]) > 0) timeoutSec = Number(m[1]);
  }
  return { id, timeoutSec };
}

export interface TransportHeader {
  tcp: boolean;
  interleaved?: [number, number];
  ssrc?: number;
}

/** Reads the first transport spec of a SETUP response's Transport header. */
export function parseTransportHeader(value: string | undefined): TransportHeader | undefined {
  if (!value) return undefined;
  const spec = value.split(',')[0];
  const parts = spec.split(';').map((s) => s.trim());
  const out: TransportHeader = { tcp: /\/TCP$/i.test(parts[0]) };
  for (const p of parts.slice(1)) {
    const il = /^interleaved\s*=\s*(\d+)(?:-(\d+))?$/i.exec(p);
    if (il) out.interleaved = [Number(il[1]), il[2] !== undefined ? Number(il[2]) : Number(il[1]) + 1];
    const ss = /^ssrc\s*=\s*([0-9a-f]{1,8})$/i.exec(p);
    if (ss) out.ssrc = parseInt(ss[1], 16) >>> 0;
  }
  return out;
}

export interface RtpInfoEntry {
  url: string;
  seq?: number;
  rtptime?: number;
}

/** RTP-Info: url=...;seq=N;rtptime=T, url=... (URLs may contain commas only inside queries: split on ",url="). */
export function parseRtpInfo(value: string | undefined): RtpInfoEntry[] {
  if (!value) return [];
  return value
    .split(/,\s*(?=url=)/i)
    .map((entry) => {
      const out: RtpInfoEntry = { url: '' };
      for (const p of entry.split(';').map((s) => s.trim())) {
        const eq = p.indexOf('=');
        if (eq < 0) continue;
        const key = p.slice(0, eq).trim().toLowerCase();
        const v = p.slice(eq + 1).trim();
        if (key === 'url') out.url = v;
        else if (key === 'seq' && /^\d+$/.test(v)) out.seq = Number(v) & 0xffff;
        else if (key === 'rtptime' && /^\d+$/.test(v)) out.rtptime = Number(v) >>> 0;
      }
      return out;
    })
    .filter((e) => e.url !== '');
}

/** Matches an RTP-Info entry to a track control URL (servers echo it absolute or relative). */
export function rtpInfoFor(entries: RtpInfoEntry[], controlUrl: string, onlyTrack: boolean): RtpInfoEntry | undefined {
  const strip = (u: string) => u.replace(/^rtsp:\/\/[^/]*/i, '').replace(/\/$/, '');
  const exact = entries.find((e) => e.url === controlUrl || strip(e.url) === strip(controlUrl));
  if (exact) return exact;
  const suffix = entries.find((e) => e.url.length > 0 && !e.url.includes('://') && controlUrl.endsWith(e.url));
  if (suffix) return suffix;
  return onlyTrack && entries.length === 1 ? entries[0] : undefined;
}

export function parsePublic(value: string | undefined): Set<string> {
  return new Set((value ?? '').split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
}
