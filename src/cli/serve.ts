/**
 * `gradproof serve`: the playground (built by `npm run build:web` into dist/web) served on
 * 127.0.0.1 only. Static files, GET and HEAD only; a path that leaves the folder is refused.
 */
// node:http is imported when a server starts: loading it costs every other command ~4 ms.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GradproofError } from '../expr/errors.js';

/** Loopback only: the playground is for the person at this machine, never the network. */
export const HOST = '127.0.0.1';

/** The built page beside the built command: dist/cli/serve.js serves dist/web. */
export const playgroundDir = (): string => fileURLToPath(new URL('../web/', import.meta.url));

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * The page's own script and styles only. KaTeX sets inline `style` attributes on what it
 * renders, hence 'unsafe-inline' for styles (not scripts).
 */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The file a URL path names inside `root`, or undefined when there is none or it would leave `root`. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0]!);
  } catch {
    return undefined;
  }
  if (path.endsWith('/')) path += 'index.html';
  const parts = path.split('/').filter((p) => p !== '');
  // Refused outright rather than normalised: `..`, `.`, backslashes, NUL, and drive letters.
  if (parts.some((p) => p === '..' || p === '.' || /[\\\0:]/.test(p))) return undefined;
  const base = realpathSync(root);
  const file = join(base, ...parts);
  try {
    if (!statSync(file).isFile()) return undefined;
    // A symbolic link inside the folder must not lead out of it.
    const real = realpathSync(file);
    return real.startsWith(base + sep) ? real : undefined;
  } catch {
    return undefined;
  }
}

function respond(root: string, req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-cache');
  const plain = (status: number, text: string): void => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    plain(405, 'method not allowed');
    return;
  }
  const file = resolveInside(root, req.url ?? '/');
  if (!file) {
    plain(404, 'not found');
    return;
  }
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    plain(404, 'not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Serves `root` on 127.0.0.1:`port` (0: a free port); resolves with the server and its URL.
 * Throws at once, before listening, when `root` holds no built page.
 */
export function startServer(root: string, port: number): Promise<{ server: Server; url: string }> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new GradproofError('file', `the playground is not built (no ${join(root, 'index.html')}): run \`npm run build:web\` first`);
  }
  return import('node:http').then(({ createServer }) => new Promise((resolve, reject) => {
    const server = createServer((req, res) => respond(root, req, res));
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({ server, url: `http://${HOST}:${actual}/` });
    });
  }));
}

/** The command: prints the URL once listening; a port in use is bad input (exit 2). */
export function serve(port: number): number {
  startServer(playgroundDir(), port).then(
    ({ url }) => process.stdout.write(`gradproof playground: ${url}\n(press Ctrl-C to stop)\n`),
    (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? `port ${port} is in use (try --port 0 for a free one)` : err.message;
      process.stderr.write(`error: cannot serve on ${HOST}:${port}: ${why}\n`);
      process.exitCode = 2;
    },
  );
  return 0;
}
