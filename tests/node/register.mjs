// `node --import ./tests/node/register.mjs script.ts`: run TypeScript scripts with the repo's hooks.
import { register } from 'node:module';
register('./ts-hooks.mjs', import.meta.url);
