import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { allHeaders } from '../vite-plugins/headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

export interface StaticServerOptions {
  root: string;
  /** Serve under this path, like a GitHub Pages project site ("/course/interleave/"). */
  base?: string;
  /** false: a host that sends no headers at all (GitHub Pages). */
  headers?: boolean;
  port?: number;
}

/**
 * A plain static file server like the ones the site is deployed to: files as they are, no rewrite
 * rules, a 404 for anything else; with or without the isolation headers.
 */
export async function startStaticServer(
  o: StaticServerOptions,
): Promise<{ url: string; server: Server; requests: string[]; close(): Promise<void> }> {
  const root = resolve(o.root);
  const base = o.base ?? '/';
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    const send = (status: number, body: string | Buffer, type = 'text/plain') => {
      res.writeHead(status, { 'Content-Type': type, ...(o.headers === false ? {} : allHeaders) });
      res.end(body);
    };
    if (!url.pathname.startsWith(base)) return send(404, 'not found');
    let rel = decodeURIComponent(url.pathname.slice(base.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) return send(403, 'forbidden');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'not found');
      send(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(404, 'not found');
    }
  });
  await new Promise<void>((r) => server.listen(o.port ?? 0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    server,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
