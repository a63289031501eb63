// One health check of one endpoint, without ever logging in: an RTSP endpoint is asked OPTIONS
// with no credentials (any RTSP answer, 401 included, means the service is up), any other
// endpoint only has to accept a TCP connection. So a check can never count as a rejected login
// against a device's lockout.
import { connect, type Socket } from 'node:net';

export interface Endpoint {
  host: string;
  port: number;
  /** Ask RTSP OPTIONS; otherwise a TCP connection is the whole check. */
  rtsp: boolean;
}

export type ProbeResult = { ok: true } | { ok: false; reason: 'unreachable' | 'timeout' | 'protocol' };

/** At most this much of an answer is read: the status line is all a check needs. */
const MAX_ANSWER_BYTES = 4096;

export function endpointKey(e: Endpoint): string {
  return `${e.rtsp ? 'rtsp' : 'tcp'}://${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;
}

export function probeEndpoint(e: Endpoint, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let socket: Socket | undefined;
    let done = false;
    let answer = '';
    const finish = (r: ProbeResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeoutMs);
    try {
      socket = connect({ host: e.host, port: e.port });
    } catch {
      finish({ ok: false, reason: 'unreachable' });
      return;
    }
    socket.setNoDelay(true);
    socket.once('error', () => finish({ ok: false, reason: 'unreachable' }));
    socket.once('close', () => finish(answer.startsWith('RTSP/') ? { ok: true } : { ok: false, reason: answer ? 'protocol' : 'unreachable' }));
    socket.once('connect', () => {
      if (!e.rtsp) return finish({ ok: true });
      const target = `rtsp://${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}/`;
      socket!.write(`OPTIONS ${target} RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Skywall health check\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n') || answer.length >= MAX_ANSWER_BYTES) {
        finish(answer.startsWith('RTSP/') ? { ok: true } : { ok: false, reason: 'protocol' });
      }
    });
  });
}
