// `npm test`: lint, types, unit tests (Vitest), the fuzz targets, then end-to-end tests (Playwright), and one
// closing line "N passed, N failed" summing both runners.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preflight } from './preflight.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===`);
  return r.status === 0;
}

if (!preflight()) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const gate = (ok) => {
  if (ok) passed++;
  else failed++;
  return ok;
};

gate(run('lint', bin('eslint'), ['.', '--max-warnings=0']));
gate(run('import cycles', process.execPath, [path.join(root, 'build/check-cycles.mjs')]));
gate(run('typecheck', process.execPath, [path.join(root, 'build/typecheck.mjs')]));

/** One Vitest pass; its passed and failed tests are added to the totals. */
function vitestPass(label, name, env = {}) {
  const json = path.join(tmp, `${name}.json`);
  rmSync(json, { force: true });
  const ok = run(label, bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${json}`], env);
  if (!existsSync(json)) return void failed++;
  const v = JSON.parse(readFileSync(json, 'utf8'));
  passed += v.numPassedTests;
  // A suite that fails to load has no failed tests of its own: count it.
  const counted = v.numFailedTests + v.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  failed += counted;
  if (v.numTotalTests === 0) failed++;
  // Uncaught errors fail the run without failing a test: count them as one failure.
  else if (!ok && counted === 0) {
    console.log('vitest failed without a failed test: an uncaught exception or unhandled rejection (see "Unhandled Errors" above)');
    failed++;
  }
}

vitestPass('unit tests (vitest)', 'vitest');
// Tests that load the machine on purpose run alone, one file at a time (see vitest.config.ts).
vitestPass('load tests (vitest, alone)', 'vitest-load', { SKYWALL_TESTS: 'load' });

// Fuzzing: 10,000 inputs per target from a fixed seed (the same inputs every run), one line
// per target; each target that breaks its promise counts as one failure.
const fuzzJson = path.join(tmp, 'fuzz.json');
rmSync(fuzzJson, { force: true });
run('fuzz (10,000 inputs per target)', process.execPath, [path.join(root, 'build/fuzz.mjs'), '--runs', '10000', '--seed', '20261203', '--json', fuzzJson]);
if (existsSync(fuzzJson)) {
  for (const r of JSON.parse(readFileSync(fuzzJson, 'utf8')).results) gate(r.passed);
} else failed++;

/** One Playwright pass (see playwright.config.ts); its expected and unexpected tests are added to the totals. */
function playwrightPass(label, pass) {
  const json = path.join(tmp, `playwright-${pass}.json`);
  rmSync(json, { force: true });
  run(label, bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: json, SKYWALL_E2E_PASS: pass });
  if (!existsSync(json)) return void failed++;
  const s = JSON.parse(readFileSync(json, 'utf8')).stats;
  passed += s.expected + (s.flaky ?? 0);
  failed += s.unexpected;
  if (s.expected + s.unexpected === 0) failed++;
}

if (run('build', process.execPath, [path.join(root, 'build/build.mjs')])) {
  playwrightPass('end-to-end tests (playwright, two at a time)', 'shared');
  playwrightPass('end-to-end tests on the clock (playwright, one at a time)', 'alone');
} else failed++;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
