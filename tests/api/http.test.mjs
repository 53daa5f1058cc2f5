// The HTTP layer as a client sees it: errors as JSON with codes, limits, health checks,
// embedded web assets, many idle connections, and a graceful stop on SIGTERM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, Client, signedIn } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('health and readiness checks answer', async () => {
  const c = new Client(server.url);
  const health = await c.get('/healthz');
  assert.equal(health.status, 200);
  assert.equal(health.body.status, 'ok');
  const ready = await c.get('/readyz');
  assert.equal(ready.status, 200);
  assert.equal(ready.body.status, 'ready');
  assert.match(health.headers.get('x-request-id'), /^[0-9a-f]+-[0-9a-f]+$/);
});

test('malformed JSON is a 400 with a code, and the server keeps serving', async () => {
  const c = new Client(server.url);
  const res = await c.post('/api/v1/session', '{"username": "admin", "password": ');
  assert.equal(res.status, 400);
  assert.equal(res.body.error.code, 'request.malformed_json');
  assert.ok(res.body.error.message.length > 0);
  const notObject = await c.post('/api/v1/session', '["admin"]');
  assert.equal(notObject.status, 400);
  assert.equal(notObject.body.error.code, 'request.expected_object');
  assert.equal((await c.get('/healthz')).status, 200);
});

test('unknown API route is 404 and a known path with the wrong method is 405', async () => {
  const c = new Client(server.url);
  const missing = await c.get('/api/v1/no-such-thing');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, 'route.not_found');
  const wrong = await c.request('PATCH', '/api/v1/session');
  assert.equal(wrong.status, 405);
  assert.equal(wrong.body.error.code, 'route.method_not_allowed');
});

test('a body over the limit is refused with 413 before it is read', async () => {
  const c = new Client(server.url);
  const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) });
  const res = await c.post('/api/v1/session', big);
  assert.equal(res.status, 413);
  assert.equal(res.body.error.code, 'request.too_large');
  assert.equal((await c.get('/healthz')).status, 200);
});

test('a chunked body over the limit is refused with 413 too', async () => {
  const reply = await rawRequest(server.url, (sock) => {
    sock.write('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    const chunk = 'a'.repeat(256 * 1024);
    for (let i = 0; i < 6; i++) sock.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    sock.write('0\r\n\r\n');
  });
  assert.match(reply, /^HTTP\/1\.1 413/);
});

test('oversized headers are refused with 431', async () => {
  const reply = await rawRequest(server.url, (sock) => {
    sock.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: ${'y'.repeat(64 * 1024)}\r\n\r\n`);
  });
  assert.match(reply, /^HTTP\/1\.1 431/);
  assert.equal((await new Client(server.url).get('/healthz')).status, 200);
});

test('garbage on the wire gets a 400 and the connection is closed', async () => {
  const reply = await rawRequest(server.url, (sock) => sock.write('HELLO THERE\r\n\r\n'));
  assert.match(reply, /^HTTP\/1\.1 400/);
});

test('keep-alive serves several requests on one connection', async () => {
  const reply = await rawRequest(server.url, (sock) => {
    sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  });
  assert.equal(reply.match(/HTTP\/1\.1 200/g).length, 2);
});

test('the web app is embedded: hashed assets immutable, index.html no-cache for client routes', async () => {
  const c = new Client(server.url);
  const index = await c.get('/projects/42');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /text\/html/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const script = /src="(\/assets\/[^"]+\.js)"/.exec(index.text);
  assert.ok(script, 'index.html references a hashed script');
  const asset = await c.get(script[1], { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal((await c.get('/assets/does-not-exist.js')).status, 404);
  assert.match(index.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
});

test('500 idle connections do not stop /healthz from answering', async () => {
  const sockets = [];
  try {
    for (let i = 0; i < 500; i++) {
      sockets.push(await new Promise((resolve, reject) => {
        const s = net.connect(new URL(server.url).port, '127.0.0.1', () => resolve(s));
        s.on('error', reject);
      }));
    }
    const started = Date.now();
    const res = await fetch(server.url + '/healthz', { signal: AbortSignal.timeout(5000) });
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started < 5000);
    // The idle sockets are still open: none was dropped to make room.
    assert.equal(sockets.filter((s) => s.destroyed).length, 0);
  } finally {
    for (const s of sockets) s.destroy();
  }
});

test('SIGTERM during a request: the request completes, then the process exits 0', async () => {
  const own = await startServer();
  try {
    const port = new URL(own.url).port;
    const body = JSON.stringify({ username: 'admin', password: 'Tuijin@2026' });
    const sock = net.connect(port, '127.0.0.1');
    await new Promise((r) => sock.on('connect', r));
    let reply = '';
    sock.on('data', (d) => { reply += d; });
    const closed = new Promise((r) => sock.on('close', r));
    // Send the head and half the body, stop the server, then send the rest.
    sock.write(`POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    sock.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 200));
    own.proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(own.proc.exitCode, null, 'the server waits for the request in flight');
    sock.write(body.slice(10));
    await closed;
    assert.match(reply, /^HTTP\/1\.1 200/);
    assert.match(reply, /"csrf_token"/);
    const { code } = await own.exited;
    assert.equal(code, 0);
    // New connections are refused once stopping.
    await assert.rejects(fetch(own.url + '/healthz'));
  } finally {
    await own.stop();
  }
});

test('a signed-in request carries no-store caching', async () => {
  const admin = await signedIn(server.url, 'admin');
  const res = await admin.get('/api/v1/session');
  assert.equal(res.headers.get('cache-control'), 'no-store');
});

// Writes with `send` on a raw socket and returns everything read until the server closes
// the connection (or 5 s pass).
function rawRequest(base, send) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(new URL(base).port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => { sock.destroy(); resolve(data); }, 5000);
    sock.on('connect', () => send(sock));
    sock.on('data', (d) => { data += d; });
    sock.on('error', (e) => { if (!data) { clearTimeout(timer); reject(e); } });
    sock.on('close', () => { clearTimeout(timer); resolve(data); });
  });
}
