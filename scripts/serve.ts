// Serves dist/ with the isolation headers: `node --import ./tests/node/register.mjs scripts/serve.ts [--base /x/] [--no-headers]`.
import { startStaticServer } from '../tests/server.ts';

const args = process.argv.slice(2);
const base = args.includes('--base') ? args[args.indexOf('--base') + 1] : '/';
const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 4173;
const s = await startStaticServer({
  root: 'dist',
  base,
  port,
  headers: !args.includes('--no-headers'),
});
console.log(`Serving dist/ at ${s.url}`);
