// A raw TCP client for loopback servers: sends bytes exactly as given (request lines no HTTP
// library would produce) and reads the answer's status line until the server closes or goes quiet.
import { connect } from 'node:net';

export interface RawAnswer {
  /** Status code of the first response line, or undefined when the server sent nothing. */
  status: number | undefined;
  text: string;
}

export function rawRequest(port: number, request: string, quietMs = 1500): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : undefined, text });
    };
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(finish, quietMs);
    };
    socket.on('connect', () => {
      socket.write(request);
      arm();
    });
    socket.on('data', (d) => {
      text += d.toString('latin1');
      arm();
    });
    socket.on('close', finish);
    socket.on('error', finish);
  });
}

/** An upgrade request for `target` with the headers a WebSocket client sends. */
export function upgradeRequest(target: string, origin?: string): string {
  return [
    `GET ${target} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...(origin ? [`Origin: ${origin}`] : []),
    '',
    '',
  ].join('\r\n');
}

export function getRequest(target: string): string {
  return `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;
}

/** Request targets that once ended a process or that no parser should choke on. */
export const HOSTILE_TARGETS = ['//[', '/%E0%A4%A', '//', '///x', '//evil.example/ipc', 'http://[/', '/ipc?token=%', '/%', '/live/%E0%A4%A', '*', '/\\\\evil', '/a%00b'];
