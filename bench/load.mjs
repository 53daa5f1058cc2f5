// make bench, Step 8: load. BENCH_LOAD_CLIENTS (200) concurrent clients on loopback for
// BENCH_LOAD_SECONDS (60) against the real server with demo data, signed in as ~20 accounts
// (the demo users and accounts made through the administration API), mixing reads (project
// list, project detail, statuses, dashboard) with report submissions (save a draft, then
// submit it). Every response that is not 2xx counts as an error, except a 409 report.stale
// (a version conflict, expected) and, on PostgreSQL, a 503 while the database is restarted.
//
//   sqlite:   the mix for the whole run; errors must be zero.
//   postgres: the same mix on a throwaway PostgreSQL that is restarted (pg_ctl restart -m
//             fast) at BENCH_LOAD_RESTART_AT (20) seconds: requests during the outage must get
//             503 quickly (their latency is measured), the server must serve again by itself,
//             and every report whose submit was answered 200 must be there afterwards (read
//             back through the API).
//
//   BENCH_LOAD_DBS=sqlite,postgres (default both)
import { spawn, execFileSync } from 'node:child_process';
import http from 'node:http';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, record, results } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = process.env.TUIJIN_BIN || join(root, 'build/tuijin');
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS || 60);
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS || 200);
const RESTART_AT = Number(process.env.BENCH_LOAD_RESTART_AT || 20);
const DBS = (process.env.BENCH_LOAD_DBS || 'sqlite,postgres').split(',').filter(Boolean);
const PASSWORD = 'Tuijin@2026';
const REQUEST_TIMEOUT_MS = 15000;
const dir = mkdtempSync(join(tmpdir(), 'tuijin-bench-load-'));
chmodSync(dir, 0o755); // the throwaway PostgreSQL runs as postgres below it
const running = [];
const PGBIN = (() => {
  try { return execFileSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1']).toString().trim(); } catch { return ''; }
})();
const asPg = (cmd, args) => (process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);

async function startServer(db) {
  const proc = spawn(BIN, ['serve', '--demo', '--listen', '127.0.0.1:0', '--db', db, '--data_dir', join(dir, `data-${running.length}`),
    '--log_level', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TUIJIN_DAILY_REMINDERS: 'false' } });
  running.push(proc);
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`server did not start:\n${out}${log}`)), 120000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) { clearTimeout(timer); res(`http://127.0.0.1:${m[1]}`); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); rej(new Error(`server exited ${code}:\n${out}${log}`)); });
  });
  return { url, proc, log: () => log };
}

async function stop(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

// One keep-alive agent for the whole run: a connection per concurrent client.
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 16 });

// { status, body (parsed JSON or null), ms, error (network error or timeout) }
function request(base, method, path, { session, body } = {}) {
  const u = new URL(base + path);
  const headers = {};
  if (session) {
    headers.cookie = session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
  }
  let payload;
  if (body !== undefined) {
    payload = Buffer.from(JSON.stringify(body));
    headers['content-type'] = 'application/json';
    headers['content-length'] = payload.length;
  }
  const t0 = process.hrtime.bigint();
  const ms = () => Number(process.hrtime.bigint() - t0) / 1e6;
  return new Promise((res) => {
    const req = http.request({ agent, host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let json = null;
        try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
        res({ status: r.statusCode, body: json, headers: r.headers, ms: ms() });
      });
      r.on('error', (e) => res({ status: 0, error: e.message, ms: ms() }));
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => res({ status: 0, error: e.message, ms: ms() }));
    req.end(payload);
  });
}

async function login(base, username, password = PASSWORD) {
  const r = await request(base, 'POST', '/api/v1/session', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login as ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  const cookie = [].concat(r.headers['set-cookie'])[0].split(';')[0];
  return { cookie, csrf: r.body.csrf_token, username };
}

// An account made by the administrator: its initial password is changed at the first sign-in.
async function createAccount(base, admin, fields) {
  const initial = 'Chushi#Mima2026';
  const created = await request(base, 'POST', '/api/v1/users', { session: admin, body: { ...fields, password: initial } });
  if (created.status !== 201) throw new Error(`creating ${fields.username}: ${created.status} ${JSON.stringify(created.body)}`);
  const first = await login(base, fields.username, initial);
  const changed = await request(base, 'PUT', '/api/v1/session/password', {
    session: first, body: { current_password: initial, new_password: 'Jiazai#2026x' },
  });
  if (changed.status !== 204) throw new Error(`password of ${fields.username}: ${changed.status} ${JSON.stringify(changed.body)}`);
  return login(base, fields.username, 'Jiazai#2026x');
}

const pad = (n) => String(n).padStart(2, '0');
function monthsFrom(year, month, count) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const m = month - 1 + i;
    out.push(`${year + Math.floor(m / 12)}-${pad((m % 12) + 1)}`);
  }
  return out;
}
// Periods reported on in the run: 2019-01 … 2025-12, in the past so that the clock does not matter.
const PERIODS = monthsFrom(2019, 1, 84);
const READ_PERIODS = monthsFrom(2025, 1, 12);

// The accounts, the projects they report on and the (project, period) pairs still free.
async function prepare(base) {
  const admin = await login(base, 'admin');
  const staff = await login(base, 'fgw');
  const units = (await request(base, 'GET', '/api/v1/units?page_size=500', { session: staff })).body.items;
  const unitUsers = ['chengdong', 'nanguan', 'kaifaqu', 'zhujian', 'chengtou'];
  const accounts = [{ session: staff, role: 'staff' }, { session: await login(base, 'quzhang'), role: 'leader' }];
  const unitOf = {};
  for (const name of unitUsers) {
    const s = await login(base, name);
    const me = (await request(base, 'GET', '/api/v1/session', { session: s })).body.user;
    unitOf[name] = me.unit_id;
    accounts.push({ session: s, role: 'unit', unit: me.unit_id });
  }
  // Two more reporters for each of those units, and three more staff: 20 accounts.
  let n = 0;
  for (const name of unitUsers) {
    for (let k = 1; k <= 2; k++) {
      n += 1;
      const s = await createAccount(base, admin, { username: `${name}.tb${k}`, display_name: `填报员${n}`, role: 'unit', unit_id: unitOf[name] });
      accounts.push({ session: s, role: 'unit', unit: unitOf[name] });
    }
  }
  for (let k = 1; k <= 3; k++) {
    accounts.push({ session: await createAccount(base, admin, { username: `fgw.k${k}`, display_name: `项目科${k}`, role: 'staff' }), role: 'staff' });
  }
  // 40 projects in construction for each reporting unit, every month since 2019 to report on.
  const pairs = {}; // unit id → [{ project, period }], popped by that unit's reporters; 'any' for staff
  const projectsByUnit = {};
  for (const name of unitUsers) {
    const unit = unitOf[name];
    pairs[unit] = [];
    projectsByUnit[unit] = [];
    const unitName = units.find((u) => u.id === unit)?.name ?? name;
    for (let i = 1; i <= 40; i++) {
      const r = await request(base, 'POST', '/api/v1/projects', {
        session: staff,
        body: {
          name: `${unitName}压力测试项目第${i}号`, level: 'district', lead_unit_id: unit, total_investment: 5000 * 1_000_000,
          planned_start: '2019-01', stage: 'construction', actual_start: '2019-01-10',
        },
      });
      if (r.status !== 201) throw new Error(`creating a project: ${r.status} ${JSON.stringify(r.body)}`);
      projectsByUnit[unit].push(r.body.id);
      for (const period of PERIODS) pairs[unit].push({ project: r.body.id, period });
    }
  }
  // Staff report on the last 10 of each unit's projects; unit reporters on the first 30.
  pairs.any = [];
  for (const unit of Object.keys(projectsByUnit)) {
    const staffShare = pairs[unit].splice(30 * PERIODS.length);
    pairs.any.push(...staffShare);
  }
  for (const list of Object.values(pairs)) list.sort(() => Math.random() - 0.5);
  const allProjects = (await request(base, 'GET', '/api/v1/projects?page_size=500', { session: staff })).body;
  return { accounts, pairs, projectsByUnit, allProjectIds: allProjects.items.map((p) => p.id), totalProjects: allProjects.total };
}

function makeStats() {
  return { byKind: {}, errors: [], conflicts: 0, unavailable: [], acked: new Map(), total: 0, timeline: [] };
}

function note(stats, kind, r, t) {
  stats.total += 1;
  const k = (stats.byKind[kind] ||= { ok: [], n: 0 });
  k.n += 1;
  stats.timeline.push([t, r.status, r.ms]);
  if (r.status >= 200 && r.status < 300) { k.ok.push(r.ms); return 'ok'; }
  if (r.status === 409 && r.body?.error?.code === 'report.stale') { stats.conflicts += 1; return 'conflict'; }
  if (r.status === 503) { stats.unavailable.push({ t, ms: r.ms, kind }); return 'unavailable'; }
  stats.errors.push({ t, kind, status: r.status, error: r.error, body: r.body?.error });
  return 'error';
}

// One client: a loop of requests until the deadline; about one in five is a submission.
async function client(base, ctx, stats, account, t0, deadline) {
  const { session, role, unit } = account;
  const now = () => (Date.now() - t0) / 1000;
  const mine = role === 'unit' ? ctx.projectsByUnit[unit] : ctx.allProjectIds;
  while (Date.now() < deadline) {
    const dice = Math.random();
    const t = now();
    if (dice < 0.2 && role !== 'leader') {
      const pool = ctx.pairs[role === 'unit' ? unit : 'any'];
      const pair = pool.pop();
      if (!pair) continue;
      const amount = Math.floor(Math.random() * 5000 + 1) * 10_000;
      const path = `/api/v1/projects/${pair.project}/reports/${pair.period}`;
      const saved = await request(base, 'PUT', path, { session, body: { amount, progress_text: `${pair.period}完成基础施工`, physical_percent: 40 } });
      if (note(stats, 'save', saved, t) !== 'ok') continue;
      const submitted = await request(base, 'POST', `${path}/submit`, { session, body: { version: saved.body.report.version } });
      if (note(stats, 'submit', submitted, now()) === 'ok') stats.acked.set(`${pair.project}/${pair.period}`, { ...pair, amount, session });
    } else if (dice < 0.4) {
      const page = 1 + Math.floor(Math.random() * 5);
      note(stats, 'list', await request(base, 'GET', `/api/v1/projects?page=${page}&page_size=20`, { session }), t);
    } else if (dice < 0.6) {
      const id = mine[Math.floor(Math.random() * mine.length)];
      note(stats, 'detail', await request(base, 'GET', `/api/v1/projects/${id}`, { session }), t);
    } else if (dice < 0.8) {
      const period = READ_PERIODS[Math.floor(Math.random() * READ_PERIODS.length)];
      note(stats, 'statuses', await request(base, 'GET', `/api/v1/statuses?period=${period}&page_size=20`, { session }), t);
    } else {
      const period = READ_PERIODS[Math.floor(Math.random() * READ_PERIODS.length)];
      note(stats, 'dashboard', await request(base, 'GET', `/api/v1/dashboard?period=${period}`, { session }), t);
    }
  }
}

// Reads every report whose submit was answered 200 back through the API: lost = not there,
// or not submitted with the amount that was saved.
async function verifyAcked(base, stats) {
  const lost = [];
  const entries = [...stats.acked.values()];
  for (let i = 0; i < entries.length; i += 50) {
    await Promise.all(entries.slice(i, i + 50).map(async (e) => {
      const r = await request(base, 'GET', `/api/v1/projects/${e.project}/reports/${e.period}`, { session: e.session });
      const rep = r.body?.report;
      if (r.status !== 200 || !rep || rep.state !== 'submitted' || rep.amount !== e.amount) {
        lost.push({ ...e, session: undefined, status: r.status, state: rep?.state, got: rep?.amount });
      }
    }));
  }
  return lost;
}

function summarize(label, stats, seconds) {
  record(`${label}: requests`, stats.total, '', '');
  record(`${label}: throughput`, stats.total / seconds, 'req/s', '');
  record(`${label}: errors (non-2xx other than 409 report.stale${label.includes('postgres') ? ' and 503 in the outage' : ''})`, stats.errors.length, '', '= 0');
  record(`${label}: version conflicts (409 report.stale)`, stats.conflicts, '', '');
  for (const [kind, k] of Object.entries(stats.byKind)) {
    record(`${label}: ${kind} (${k.n} requests, ${k.ok.length} ok) p50`, percentile(k.ok, 50) ?? NaN, 'ms', '');
    record(`${label}: ${kind} p99`, percentile(k.ok, 99) ?? NaN, 'ms', '');
  }
  record(`${label}: reports submitted (answered 200)`, stats.acked.size, '', '');
  if (stats.errors.length) {
    const sample = stats.errors.slice(0, 10).map((e) => JSON.stringify(e)).join('\n  ');
    console.log(`  first errors:\n  ${sample}`);
  }
}

async function run(dbName) {
  let db = join(dir, 'load.db');
  let pg;
  if (dbName === 'postgres') {
    const pgdir = join(dir, 'pg');
    const port = 20000 + Math.floor(Math.random() * 20000);
    const url = execFileSync(join(root, 'scripts/pg.sh'), ['start', pgdir, String(port)]).toString().trim();
    execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-q', '-c', 'CREATE DATABASE tuijin_load']);
    pg = { dir: pgdir, url: `${url}/tuijin_load` };
    db = pg.url;
  }
  const server = await startServer(db);
  const label = `load ${dbName}${pg ? ` (restart at ${RESTART_AT} s)` : ''}, ${CLIENTS} clients, ${SECONDS} s`;
  try {
    const ctx = await prepare(server.url);
    console.log(`${dbName}: ${ctx.accounts.length} accounts, ${ctx.totalProjects} projects`);
    const stats = makeStats();
    const t0 = Date.now();
    const deadline = t0 + SECONDS * 1000;
    let restart;
    if (pg) {
      restart = new Promise((res) => setTimeout(() => {
        const began = (Date.now() - t0) / 1000;
        const [cmd, args] = asPg(join(PGBIN, 'pg_ctl'), ['-D', join(pg.dir, 'data'), '-m', 'fast', '-w', 'restart', '-l', join(pg.dir, 'server.log')]);
        const p = spawn(cmd, args, { stdio: 'ignore' });
        p.on('exit', (code) => res({ began, ended: (Date.now() - t0) / 1000, code }));
      }, RESTART_AT * 1000));
    }
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(server.url, ctx, stats, ctx.accounts[i % ctx.accounts.length], t0, deadline)));
    const seconds = (Date.now() - t0) / 1000;
    summarize(label, stats, seconds);
    if (pg) {
      const r = await restart;
      if (r.code !== 0) throw new Error(`pg_ctl restart exited ${r.code}`);
      record(`${label}: pg_ctl restart -m fast took`, (r.ended - r.began) * 1000, 'ms', `(from ${r.began.toFixed(1)} s)`);
      const u = stats.unavailable;
      record(`${label}: 503 responses`, u.length, '', '');
      if (u.length) {
        const ms = u.map((x) => x.ms);
        record(`${label}: 503 latency p50`, percentile(ms, 50), 'ms', '');
        record(`${label}: 503 latency p99`, percentile(ms, 99), 'ms', '');
        record(`${label}: 503 latency max`, Math.max(...ms), 'ms', '< 2000');
        const first = Math.min(...u.map((x) => x.t)), last = Math.max(...u.map((x) => x.t));
        record(`${label}: 503s sent between`, `${first.toFixed(2)} s and ${last.toFixed(2)} s`, '', '');
        // The first request begun after the last 503 that was answered 2xx: serving again.
        const back = stats.timeline.filter(([t, s]) => t > last && s >= 200 && s < 300).map(([t]) => t);
        record(`${label}: first 2xx begun after the last 503 at`, back.length ? `${Math.min(...back).toFixed(2)} s` : 'never', '', '');
        const lateOnes = u.filter((x) => x.t > r.ended + 1);
        record(`${label}: 503s begun more than 1 s after PostgreSQL was back`, lateOnes.length, '', '= 0');
      }
    }
    const lost = await verifyAcked(server.url, stats);
    record(`${label}: acknowledged submissions missing afterwards`, lost.length, '', '= 0');
    if (lost.length) console.log('  lost:', JSON.stringify(lost.slice(0, 5)));
    // The server is still up and answering.
    const ready = await request(server.url, 'GET', '/readyz');
    record(`${label}: /readyz after the run`, ready.status, '', '= 200');
  } finally {
    await stop(server.proc);
    if (pg) execFileSync(join(root, 'scripts/pg.sh'), ['stop', pg.dir]);
  }
}

try {
  for (const name of DBS) await run(name);
  console.log('\n| Measure | Value | Target |\n|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${typeof r.value === 'number' ? r.value.toFixed(2) : r.value} ${r.unit} | ${r.target} |`);
} finally {
  for (const p of running) await stop(p);
  agent.destroy();
  rmSync(dir, { recursive: true, force: true });
}
