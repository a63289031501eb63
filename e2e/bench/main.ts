// Entry of `npm run bench -- <name> [options]` (bundled and started by run.mjs).
import os from 'node:os';
import { runHostileMemory } from '../../src-main/testing/ingest/hostile-memory.js';
import { massOutageSummary, runMassOutage } from '../../src-main/testing/ingest/mass-outage.js';
import { driftJson, runDriftBench } from './drift.js';
import { exportJson, runExportBench } from './export.js';
import { gatewayJson, runGatewayCompare } from './gateway-compare.js';
import { runLatencyBench, latencyJson, platformLatencyJson } from './latency.js';
import { runPtzBench } from './ptz.js';
import { runTtffBench, ttffJson } from './ttff.js';
import { runTreeSearchBench } from './tree-search.js';
import { runWallBench, wallJson } from './wall.js';
import { runScaleBench, scaleJson } from './scale.js';

interface Args {
  name: string;
  flags: Map<string, string>;
}

function parseArgs(argv: string[]): Args {
  const flags = new Map<string, string>();
  let name = '';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2);
      if (v !== undefined) flags.set(k, v);
      else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) flags.set(k, argv[++i]);
      else flags.set(k, 'true');
    } else if (!name) name = a;
  }
  return { name, flags };
}

function numberFlag(flags: Map<string, string>, key: string, fallback: number): number {
  const v = flags.get(key);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${key} wants a positive number, got "${v}"`);
  return n;
}

function onlyFlag(flags: Map<string, string>): 'skywall' | 'baseline' | undefined {
  const v = flags.get('only');
  if (v === undefined) return undefined;
  if (v !== 'skywall' && v !== 'baseline') throw new Error(`--only is "skywall" or "baseline", got "${v}"`);
  return v;
}

const USAGE = `usage: npm run bench -- <latency|ttff|gateway|drift|hostile|outage|export|tree|ptz|wall|scale> [options]
  latency  [--tiles 1,16] [--seconds 45] [--frames 1000] [--warmup 5] [--only skywall|baseline]
  ttff     [--trials 50] [--only skywall|baseline]
  gateway  [--streams 16,64] [--seconds 30] [--mbps 2]
  drift    [--minutes 60] [--only skywall|baseline]
  hostile  [--seconds 20] [--mbps 50]
  outage   [--cameras 64] [--outage 50]
  export   [--minutes 10] [--mbps 4] [--rounds 3] [--dir <target folder>] [--demo-seconds 60]
  tree     [--cameras 1000] [--rounds 50]
  ptz      [--presses 200]
  wall     [--switches 100] [--cold 10]
  scale    [--tiles 36,64] [--seconds 20] [--fps 25]`;

const listFlag = (flags: Map<string, string>, key: string, fallback: string): number[] =>
  (flags.get(key) ?? fallback).split(',').map((v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${key} wants a comma-separated list of counts, got "${flags.get(key)}"`);
    return n;
  });

/** The machine is shared: say how busy it was, since every figure here depends on it. */
function loadNote(when: string): void {
  const [l1, l5] = os.loadavg();
  console.log(`(${when}: load average ${l1.toFixed(2)} / ${l5.toFixed(2)} on ${os.cpus().length} cores)`);
}

async function main(): Promise<void> {
  const { name, flags } = parseArgs(process.argv.slice(2));
  const only = onlyFlag(flags);
  if (['latency', 'ttff', 'gateway', 'drift', 'hostile', 'outage', 'export'].includes(name)) loadNote('start');
  switch (name) {
    case 'latency': {
      const tiles = listFlag(flags, 'tiles', '1,16');
      const results = await runLatencyBench({
        only,
        tiles,
        minSeconds: numberFlag(flags, 'seconds', 45),
        minFrames: numberFlag(flags, 'frames', 1000),
        warmupSeconds: numberFlag(flags, 'warmup', 5),
      });
      loadNote('end');
      for (const r of results) {
        console.log(JSON.stringify(latencyJson(r)));
        const platform = platformLatencyJson(r);
        if (platform) console.log(JSON.stringify(platform));
      }
      return;
    }
    case 'ttff': {
      const result = await runTtffBench({ trials: numberFlag(flags, 'trials', 50), only });
      loadNote('end');
      console.log(JSON.stringify(ttffJson(result)));
      return;
    }
    case 'gateway': {
      const rows = await runGatewayCompare({
        streams: listFlag(flags, 'streams', '16,64'),
        seconds: numberFlag(flags, 'seconds', 30),
        mbps: numberFlag(flags, 'mbps', 2),
      });
      loadNote('end');
      for (const r of rows) console.log(JSON.stringify(gatewayJson(r)));
      return;
    }
    case 'drift': {
      const series = await runDriftBench({ minutes: numberFlag(flags, 'minutes', 60), only });
      loadNote('end');
      console.log(JSON.stringify(driftJson(series)));
      return;
    }
    case 'hostile': {
      const seconds = numberFlag(flags, 'seconds', 20);
      const r = await runHostileMemory({ seconds, bytesPerSecond: numberFlag(flags, 'mbps', 50) * 1024 * 1024 });
      loadNote('end');
      console.log(r.summary);
      const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
      console.log(JSON.stringify({ bench: 'hostile', seconds, sent_mb: mb(r.bytesSent), rss_before_mb: mb(r.rssBefore), rss_peak_mb: mb(r.rssPeak), rss_after_mb: mb(r.rssAfter), rss_delta_mb: mb(r.rssAfter - r.rssBefore) }));
      return;
    }
    case 'outage': {
      // Production backoff (1 s -> 30 s) and limiter: recovery bound = 30 s ceiling + ramp.
      const r = await runMassOutage({ cameras: numberFlag(flags, 'cameras', 64), outageMs: numberFlag(flags, 'outage', 50) * 1000, maxWaitMs: 180_000 });
      loadNote('end');
      console.log(massOutageSummary(r));
      console.log(JSON.stringify({ bench: 'outage', startup_ms: r.startUpMs, outage_ms: r.outageMs, recovery_ms: r.recoveryMs, most_per_s_start: r.mostPerSecondAtStart, most_per_s_restart: r.mostPerSecondAtRestart, restart_accepts: r.restartAccepts.length, drops_after: r.dropsAfterRecovery.length, attempts: r.attempts }));
      return;
    }
    case 'export': {
      const demo = flags.get('demo-seconds');
      const result = await runExportBench({
        minutes: numberFlag(flags, 'minutes', 10),
        mbps: numberFlag(flags, 'mbps', 4),
        rounds: numberFlag(flags, 'rounds', 3),
        dir: flags.get('dir'),
        demoSeconds: demo === '0' ? 0 : numberFlag(flags, 'demo-seconds', 60),
      });
      loadNote('end');
      for (const line of exportJson(result)) console.log(JSON.stringify(line));
      return;
    }
    case 'tree': {
      loadNote('start');
      const result = runTreeSearchBench({ cameras: numberFlag(flags, 'cameras', 1000), rounds: numberFlag(flags, 'rounds', 50) });
      console.log(JSON.stringify({ bench: 'tree', ...result }));
      return;
    }
    case 'ptz': {
      loadNote('start');
      const r = await runPtzBench({ presses: numberFlag(flags, 'presses', 200) });
      loadNote('end');
      console.log(`ptz: ${r.presses} presses; key down to ContinuousMove and key up to Stop at the device`);
      console.log(JSON.stringify({ bench: 'ptz', p50_ms: r.p50_ms, p95_ms: r.p95_ms, stop_p50_ms: r.stop_p50_ms, stop_p95_ms: r.stop_p95_ms }));
      return;
    }
    case 'wall': {
      loadNote('start');
      const r = await runWallBench({ switches: numberFlag(flags, 'switches', 100), coldRounds: numberFlag(flags, 'cold', 10) });
      loadNote('end');
      console.log(JSON.stringify(wallJson(r)));
      return;
    }
    case 'scale': {
      loadNote('start');
      const rows = await runScaleBench({ tiles: listFlag(flags, 'tiles', '36,64'), seconds: numberFlag(flags, 'seconds', 20), fps: numberFlag(flags, 'fps', 25) });
      loadNote('end');
      for (const r of rows) console.log(JSON.stringify(scaleJson(r)));
      return;
    }
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
