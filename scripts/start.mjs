// npm start: install the locked dependencies only when node_modules is missing or older than the
// lock file, then serve the playground with Vite's dev server (cross-origin isolated headers included).
// Extra arguments go to Vite: `npm start -- --port 3000`. BROWSER=none stops it opening a browser.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
const stale =
  !existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs;
if (stale) {
  console.log('Installing the locked dependencies (npm ci)…');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const args = process.argv.slice(2);
const open = process.env.CI || process.env.BROWSER === 'none' ? [] : ['--open'];
const vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js', ...open, ...args], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => vite.kill(signal));
vite.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
