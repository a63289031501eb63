// Runs one runGatewayBench in its own small process (bundled on its own by run.mjs, so the
// process holds the gateway and little else) and prints the result as `GATEWAY_RESULT <json>`.
import { runGatewayBench } from './gateway.js';

const arg = (key: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${key}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${key} wants a positive number`);
  return n;
};

const result = await runGatewayBench({ streams: arg('streams', 16), seconds: arg('seconds', 30), bitrateMbps: arg('mbps', 2) });
console.log(`GATEWAY_RESULT ${JSON.stringify(result)}`);
process.exit(0);
