// npm test: every check a change must pass, in the order that fails fastest.
// Type check, lint, unit tests (Node, real worker_threads), build, browser tests (Debian Chromium).
// Ends with one line "tests: N passed, N failed" counted from vitest's JSON reports.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const steps = [
  ['type check', 'npx', ['tsc', '-b', '--noEmit']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
  ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  [
    'unit tests',
    'npx',
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/unit.json',
    ],
  ],
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  [
    'browser tests',
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'vitest.browser.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/browser.json',
    ],
  ],
];

// A clean clone: install the locked dependencies and Debian's Chromium first, so `npm test` alone works.
if (!existsSync('node_modules/.package-lock.json')) {
  console.log('=== installing dependencies (npm ci)');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' }).status !== 0)
    process.exit(1);
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const root = process.getuid?.() === 0;
  console.log(
    `=== ${chromium} is missing: installing Debian's chromium${root ? '' : ' with sudo'}`,
  );
  const sh = `${root ? '' : 'sudo '}apt-get update -qq && ${root ? '' : 'sudo '}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core`;
  if (spawnSync('bash', ['-c', sh], { stdio: 'inherit' }).status !== 0) {
    console.error(
      'Could not install chromium. Install it (apt-get install chromium) or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
let failedStep = null;

// Type check, lint and format only read files: they run side by side (about 25 s saved), each one's
// output printed whole when it ends.
const STATIC = 3;
const runBuffered = ([name, cmd, args]) =>
  new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { env: process.env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (status) => {
      console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
      if (out) process.stdout.write(out);
      console.log(
        `=== ${name}: ${status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      );
      resolve(status === 0 ? null : name);
    });
  });
const staticFailures = (await Promise.all(steps.slice(0, STATIC).map(runBuffered))).filter(Boolean);
if (staticFailures.length) failedStep = staticFailures.join(', ');

for (const [name, cmd, args] of failedStep ? [] : steps.slice(STATIC)) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  console.log(
    `=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (r.status !== 0) {
    failedStep = name;
    break;
  }
}

let passed = 0;
let failed = 0;
for (const f of ['test-results/unit.json', 'test-results/browser.json']) {
  if (!existsSync(f)) continue;
  const j = JSON.parse(readFileSync(f, 'utf8'));
  passed += j.numPassedTests ?? 0;
  failed += j.numFailedTests ?? 0;
}
if (failedStep) console.log(`\nStopped at: ${failedStep}`);
console.log(`tests: ${passed} passed, ${failed + (failedStep && failed === 0 ? 1 : 0)} failed`);
process.exit(failedStep ? 1 : 0);
