// Test/bench child (not used at runtime): the demo RTSP server in a process of its own, as a
// real camera/NVR would be, so its work does not delay the client under test (and the other way
// round). argv[2]: number of streams (/cam0 ... /camN-1, H.264 clip). Messages: start {port?},
// stop, accepts (the server's acceptLog).
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';

const count = Number(process.argv[2] ?? 1);
const streams = Array.from({ length: count }, (_, i) => ({ path: `/cam${i}`, clip: 'h264' as const }));
let server: DemoRtspServer | undefined;

process.on('message', (msg: { id: number; cmd: string; port?: number }) => {
  const reply = (body: Record<string, unknown>) => process.send!({ id: msg.id, ...body });
  if (msg.cmd === 'start') {
    void startDemoRtspServer({ streams, port: msg.port ?? 0 }).then((s) => {
      server = s;
      reply({ port: s.port });
    });
  } else if (msg.cmd === 'stop') {
    const s = server;
    server = undefined;
    void (s ? s.close() : Promise.resolve()).then(() => reply({}));
  } else if (msg.cmd === 'accepts') {
    reply({ accepts: server ? [...server.acceptLog] : [], playing: server?.stats().playing ?? 0 });
  }
});
process.on('SIGTERM', () => void (server ? server.close() : Promise.resolve()).then(() => process.exit(0)));
process.send!({ ready: true });
