// `npm run demo`: runs the demo camera on 127.0.0.1 until SIGINT/SIGTERM and prints its URLs.
// Usage: demo-cli [--port 8554] [--host 127.0.0.1] [--auth user:password] [--basic]
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_STREAMS, startDemoRtspServer } from './rtsp/demo-rtsp-server.js';
import type { DemoRtspAuth } from './rtsp/server-types.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8554' },
      host: { type: 'string', default: '127.0.0.1' },
      auth: { type: 'string' },
      basic: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);

  let auth: DemoRtspAuth | undefined;
  if (values.auth) {
    const colon = values.auth.indexOf(':');
    if (colon <= 0) throw new Error('--auth must be user:password');
    auth = { username: values.auth.slice(0, colon), password: values.auth.slice(colon + 1), scheme: values.basic ? 'basic' : 'digest' };
  }

  const server = await startDemoRtspServer({ host: values.host, port, auth });
  console.log(`Skywall demo camera listening on ${server.host}:${server.port} (RTSP over TCP${auth ? `, ${auth.scheme} auth as ${auth.username}` : ''})`);
  for (const s of DEFAULT_DEMO_STREAMS) console.log(`  ${s.cameraName}: ${server.url(s.path)}`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping demo camera`);
    void server.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`demo camera failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
