// PostgreSQL going away under a running server (PostgreSQL only; skipped on SQLite): while
// the database is stopped, requests are answered 503 with db.unavailable at once, not held
// and not 500; once it is started again the server serves by itself (its pooled connections,
// all broken by the restart, are reopened when next used: the very first request succeeds),
// and what was written before the outage is there.
//
// The test stops and starts its own throwaway cluster (scripts/pg.sh), not the shared one
// that other test files use at the same time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, signedIn, DIALECT } from '../lib/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WAN = 1_000_000;
const skip = DIALECT !== 'postgres' && 'PostgreSQL only';
// A request that is held instead of answered fails the test rather than hanging it.
const BOUND_MS = 5000;

let pg, server, staff, unit, me;

function pgCtl(...args) {
  const bin = execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1']).toString().trim();
  const cmd = [join(bin, 'pg_ctl'), '-D', join(pg.dir, 'data'), ...args];
  if (process.getuid() === 0) execFileSync('runuser', ['-u', 'postgres', '--', ...cmd], { stdio: 'ignore' });
  else execFileSync(cmd[0], cmd.slice(1), { stdio: 'ignore' });
}
const stopPg = () => pgCtl('-m', 'fast', '-w', 'stop');
// The options scripts/pg.sh starts it with.
const startPg = () => pgCtl('-w', '-l', join(pg.dir, 'server.log'), '-o',
  `-c listen_addresses=127.0.0.1 -p ${pg.port} -c unix_socket_directories=${pg.dir} -c fsync=off -c max_connections=300`, 'start');

before(async () => {
  if (skip) return;
  const base = mkdtempSync(join(tmpdir(), 'tuijin-outage-'));
  chmodSync(base, 0o755);
  pg = { dir: join(base, 'pg'), port: 20000 + Math.floor(Math.random() * 20000) };
  const url = execFileSync(join(root, 'scripts/pg.sh'), ['start', pg.dir, String(pg.port)]).toString().trim();
  execFileSync('psql', ['-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-d', 'postgres', '-q', '-c', 'CREATE DATABASE tuijin_outage']);
  server = await startServer({ database: { url: `${url}/tuijin_outage`, dir: base, drop: () => {} } });
  staff = await signedIn(server.url, 'fgw');
  unit = await signedIn(server.url, 'chengdong');
  me = (await unit.get('/api/v1/session')).body.user;
});

after(async () => {
  await server?.stop();
  if (pg) execFileSync(join(root, 'scripts/pg.sh'), ['stop', pg.dir]);
});

async function bounded(client, method, path, body) {
  const h = { cookie: client.cookie };
  if (method !== 'GET') { h['x-csrf-token'] = client.csrf; h['content-type'] = 'application/json'; }
  const res = await fetch(server.url + path, {
    method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(BOUND_MS),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

test('PostgreSQL stopped: 503 at once; started again: served from the first request, nothing lost', { skip, timeout: 120000 }, async () => {
  const created = await staff.post('/api/v1/projects', {
    name: '城东路街道七里河截污纳管应急工程', level: 'district', lead_unit_id: me.unit_id, total_investment: 6200 * WAN,
    planned_start: '2025-02', stage: 'construction', actual_start: '2025-02-18',
  });
  assert.equal(created.status, 201, created.text);
  const p = created.body;
  const path = `/api/v1/projects/${p.id}/reports/2025-05`;
  const saved = await unit.put(path, { amount: 415 * WAN, progress_text: '完成主管道铺设1.2公里', physical_percent: 35 });
  assert.equal(saved.status, 200, saved.text);
  const submitted = await unit.post(`${path}/submit`, { version: saved.body.report.version });
  assert.equal(submitted.status, 200, submitted.text);

  stopPg();
  try {
    for (const [client, method, url, body] of [
      [staff, 'GET', '/api/v1/projects?page_size=20'],
      [staff, 'GET', `/api/v1/projects/${p.id}`],
      [unit, 'PUT', `/api/v1/projects/${p.id}/reports/2025-06`, { amount: 120 * WAN, progress_text: '检查井砌筑' }],
      [staff, 'GET', '/api/v1/dashboard?period=2025-04'],
    ]) {
      // Several times each: every pooled connection the requests lease is a broken one.
      for (let i = 0; i < 3; i++) {
        const r = await bounded(client, method, url, body);
        assert.equal(r.status, 503, `${method} ${url}: ${r.text}`);
        assert.equal(r.body.error.code, 'db.unavailable', r.text);
      }
    }
    const ready = await fetch(server.url + '/readyz', { signal: AbortSignal.timeout(BOUND_MS) });
    assert.equal(ready.status, 503);
  } finally {
    startPg();
  }

  // Back: every request succeeds, the first one included; the write from before is there.
  const list = await bounded(staff, 'GET', `/api/v1/projects?q=${encodeURIComponent('七里河截污纳管')}`);
  assert.equal(list.status, 200, list.text);
  assert.deepEqual(list.body.items.map((x) => x.name), ['城东路街道七里河截污纳管应急工程']);
  for (let i = 0; i < 20; i++) {
    const r = await bounded(unit, 'GET', path);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.report.state, 'submitted');
    assert.equal(r.body.report.amount, 415 * WAN);
  }
  // Writes go through again, and the one refused during the outage was not made.
  const refused = await bounded(unit, 'GET', `/api/v1/projects/${p.id}/reports/2025-06`);
  assert.equal(refused.status, 200, refused.text);
  assert.equal(refused.body.report, null);
  const again = await bounded(unit, 'PUT', `/api/v1/projects/${p.id}/reports/2025-06`, { amount: 120 * WAN, progress_text: '检查井砌筑' });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.report.amount, 120 * WAN);
  assert.equal((await fetch(server.url + '/readyz')).status, 200);
});
