/**
 * `gradproof serve`: the built playground on 127.0.0.1 only, static files with their content
 * types, 404 for anything else, no way out of the folder; a missing build is bad input (exit 2).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GradproofError } from '../../src/expr/errors.js';
import { resolveInside, startServer } from '../../src/cli/serve.js';
import { ROOT, type Run, expectBadInput, gradproof } from '../cli/run.js';
import { buildPlayground } from './build.js';

/** A GET (or another method) with the path sent exactly as written, not normalised as fetch() would. */
function get(url: string, path: string, method = 'GET'): Promise<{ status: number; type: string | undefined; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the file a URL path names', () => {
  const root = mkdtempSync(join(tmpdir(), 'gradproof-serve-'));
  const outside = mkdtempSync(join(tmpdir(), 'gradproof-outside-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  mkdirSync(join(root, 'fonts'));
  writeFileSync(join(root, 'fonts', 'a.woff2'), 'font');
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it.each([
    ['/', 'index.html'],
    ['/index.html', 'index.html'],
    ['/index.html?x=1#top', 'index.html'],
    ['/fonts/a.woff2', 'fonts/a.woff2'],
    ['/fonts//a.woff2', 'fonts/a.woff2'],
  ])('%s is %s', (path, file) => {
    expect(resolveInside(root, path)).toBe(join(root, file));
  });

  it.each([
    '/../package.json',
    '/fonts/../index.html',
    '/%2e%2e/package.json',
    '/%2E%2E%2Fpackage.json',
    '/..%5cpackage.json',
    '/./index.html',
    '/fonts/',
    '/fonts',
    '/missing.html',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/link.txt',
    '/C:/Windows/win.ini',
  ])('%s is nothing', (path) => {
    expect(resolveInside(root, path)).toBeUndefined();
  });
});

describe('the server', () => {
  const root = mkdtempSync(join(tmpdir(), 'gradproof-serve-'));
  let server: Server;
  let url: string;
  beforeAll(async () => {
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>page</title>');
    for (const f of ['playground.js', 'playground.css', 'katex.min.css']) writeFileSync(join(root, f), f);
    mkdirSync(join(root, 'fonts'));
    writeFileSync(join(root, 'fonts', 'KaTeX_Main-Regular.woff2'), 'font');
    writeFileSync(join(root, 'notes.xyz'), 'bytes');
    ({ server, url } = await startServer(root, 0));
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only, on the free port it was given', async () => {
    const address = server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    const port = typeof address === 'object' && address ? address.port : 0;
    expect(port).toBeGreaterThan(0);
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect(await accepts('127.0.0.1', port)).toBe(true);
    // Not on IPv6 loopback, and not on any address of the machine's network interfaces.
    expect(await accepts('::1', port)).toBe(false);
    const external = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal).map((i) => i!.address);
    for (const host of external) expect(await accepts(host, port), host).toBe(false);
  });

  it.each([
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>page</title>'],
    ['/playground.js', 'text/javascript; charset=utf-8', 'playground.js'],
    ['/playground.css', 'text/css; charset=utf-8', 'playground.css'],
    ['/fonts/KaTeX_Main-Regular.woff2', 'font/woff2', 'font'],
    ['/notes.xyz', 'application/octet-stream', 'bytes'],
  ])('GET %s: 200, %s', async (path, type, body) => {
    expect(await get(url, path)).toEqual({ status: 200, type, body });
  });

  it.each(['/missing', '/../package.json', '/%2e%2e/package.json', '/fonts/../../package.json', '/..%2fpackage.json'])('GET %s: 404', async (path) => {
    expect(await get(url, path)).toEqual({ status: 404, type: 'text/plain; charset=utf-8', body: 'not found\n' });
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(url, '/', 'POST')).status).toBe(405);
    expect(await get(url, '/', 'HEAD')).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '' });
  });

  it('sends a content security policy that allows no script but its own', async () => {
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      request(url, (res) => {
        res.resume();
        resolve(res.headers);
      })
        .on('error', reject)
        .end();
    });
    expect(headers['content-security-policy']).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a folder without a built page, saying how to build it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'gradproof-empty-'));
    try {
      expect(() => startServer(empty, 0)).toThrow(GradproofError);
      expect(() => startServer(empty, 0)).toThrow(/the playground is not built .*: run `npm run build:web` first$/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('gradproof serve', () => {
  // A copy of the test build of the command, beside it under node_modules/ so its packages
  // resolve, with no web/ folder until a test builds one.
  const copy = join(ROOT, 'node_modules', '.cache', 'gradproof-serve-test', String(process.pid));
  let child: ChildProcess | undefined;
  beforeAll(() => {
    rmSync(copy, { recursive: true, force: true });
    cpSync(dirname(dirname(inject('gradproofCli'))), copy, { recursive: true });
  });
  afterAll(() => {
    child?.kill();
    rmSync(copy, { recursive: true, force: true });
  });

  it('without a built page: exit 2, and how to build it', () => {
    const lines = expectBadInput(runCopy('serve'));
    expect(lines[0]).toBe(`error: the playground is not built (no ${join(copy, 'web', 'index.html')}): run \`npm run build:web\` first`);
  });

  it.each([
    [['serve', '--port', 'x'], "error: --port takes a port number from 0 to 65535, not 'x'"],
    [['serve', '--port', '65536'], "error: --port takes a port number from 0 to 65535, not '65536'"],
    [['serve', 'now'], "error: serve takes no argument, only --port N (found 'now')"],
    [['derive', 'x', '--wrt', 'x', '--port', '1'], 'error: --port goes with serve'],
  ])('gradproof %j: %s', (args, message) => {
    expect(expectBadInput(gradproof(...args))[0]).toBe(message);
  });

  it('--port 0 picks a free port, prints the URL and serves the page', async () => {
    buildPlayground(join(copy, 'web'));
    child = spawn(process.execPath, [join(copy, 'cli', 'main.js'), 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child!.stdout!.setEncoding('utf8').on('data', (c: string) => {
        out += c;
        const m = /^gradproof playground: (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(out);
        if (m) resolve(m[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    const page = await get(url, '/');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<script defer src="playground.js"></script>');
    expect((await get(url, '/katex.min.css')).type).toBe('text/css; charset=utf-8');
    expect((await get(url, '/../package.json')).status).toBe(404);
  }, 30_000);

  /** The copied command, from the project root. */
  function runCopy(...args: string[]): Run {
    const r = spawnSync(process.execPath, [join(copy, 'cli', 'main.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw r.error;
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }
});
