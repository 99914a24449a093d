// Node ESM loader hooks: strip TypeScript with sucrase so worker_threads can run the same
// `*.worker.ts` entries the browser runs. Imports in this repo name their `.ts` files explicitly.
import { readFile } from 'node:fs/promises';
import { transform } from 'sucrase';

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !/\.tsx?$/.test(url.split('?')[0])) return nextLoad(url, context);
  const path = new URL(url);
  const source = await readFile(path, 'utf8');
  const { code } = transform(source, {
    transforms: ['typescript'],
    disableESTransforms: true,
    filePath: path.pathname,
  });
  return { format: 'module', source: code, shortCircuit: true };
}

export async function resolve(specifier, context, nextResolve) {
  // Vite-style `?raw`/`?worker` queries have no meaning in Node tests.
  if (specifier.includes('?')) specifier = specifier.slice(0, specifier.indexOf('?'));
  return nextResolve(specifier, context);
}
