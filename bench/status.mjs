// make bench, Step 4: red/yellow/green and the dashboard at district scale (1,000 projects ×
// 60 months) and province scale (100,000 × 60, on SQLite and on PostgreSQL): the dashboard API
// computed live (p50, p99; each request another filter, so none comes from the cache), every
// project's colour for a month (the statuses API) and the lock of a month that freezes them,
// the cached answer (ETag, 304), and the throughput of the cached dashboard against nginx
// serving the same JSON bytes as a static file, in the same wrk run on loopback.
//
//   BENCH_STATUS_SCALES=district,province,province-pg (default: all three)
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, record, results, timed } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'build/tuijin');
const MONTHS = 60;
const SCALES = {
  district: { projects: 1000, db: 'sqlite' },
  province: { projects: 100000, db: 'sqlite' },
  'province-pg': { projects: 100000, db: 'postgres' },
};
const chosen = (process.env.BENCH_STATUS_SCALES || 'district,province,province-pg').split(',').filter(Boolean);
const dir = mkdtempSync(join(tmpdir(), 'tuijin-bench-status-'));
// The throwaway PostgreSQL (run as postgres) and nginx's workers (nobody) work below it.
chmodSync(dir, 0o755);
const running = [];

function spawnUntil(cmd, args, pattern, opts = {}) {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  running.push(proc);
  return new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`${cmd} did not start:\n${out}`)), 120000);
    const on = (d) => {
      out += d;
      const m = pattern.exec(out);
      if (m) { clearTimeout(timer); res({ proc, m }); }
    };
    proc.stdout.on('data', on);
    proc.stderr.on('data', on);
    proc.on('exit', (code) => { clearTimeout(timer); rej(new Error(`${cmd} exited ${code}:\n${out}`)); });
  });
}

async function stop(proc) {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

// A throwaway PostgreSQL cluster (scripts/pg.sh) with one database for the bench.
function startPostgres() {
  const pgdir = join(dir, 'pg');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const url = execFileSync(join(root, 'scripts/pg.sh'), ['start', pgdir, String(port)]).toString().trim();
  execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-q', '-c',
    'CREATE DATABASE tuijin_bench']);
  return { url: `${url}/tuijin_bench`, stop: () => execFileSync(join(root, 'scripts/pg.sh'), ['stop', pgdir]) };
}

// The month being reported now, as the server names it.
function reportingMonth() {
  const now = new Date(Date.now() + 8 * 3600 * 1000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

// wrk's requests per second against `url` with these headers, 2 threads, 32 connections.
function wrk(url, headers = []) {
  const args = ['-t2', '-c32', '-d8s', '--latency', ...headers.flatMap((h) => ['-H', h]), url];
  const out = execFileSync('wrk', args).toString();
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  if (!rps) throw new Error(`wrk printed no rate:\n${out}`);
  if (non2xx) throw new Error(`wrk got ${non2xx[1]} error responses from ${url}`);
  return Number(rps[1]);
}

async function nginxServing(bytes) {
  const prefix = join(dir, 'nginx');
  mkdirSync(join(prefix, 'html'), { recursive: true });
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  writeFileSync(join(prefix, 'html', 'dashboard.json'), bytes);
  const port = 20000 + Math.floor(Math.random() * 20000);
  writeFileSync(join(prefix, 'nginx.conf'), `daemon off;
worker_processes 2;
error_log ${prefix}/logs/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path ${prefix}/tmp; proxy_temp_path ${prefix}/tmp; fastcgi_temp_path ${prefix}/tmp;
  uwsgi_temp_path ${prefix}/tmp; scgi_temp_path ${prefix}/tmp;
  server { listen 127.0.0.1:${port}; root ${prefix}/html; }
}
`);
  mkdirSync(join(prefix, 'tmp'), { recursive: true });
  const proc = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: 'ignore' });
  running.push(proc);
  for (let i = 0; i < 50; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/dashboard.json`);
      if (r.status === 200 && Buffer.from(await r.arrayBuffer()).equals(bytes)) return { proc, url: `http://127.0.0.1:${port}/dashboard.json` };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('nginx did not serve the file');
}

async function benchScale(name) {
  const scale = SCALES[name];
  if (!scale) throw new Error(`unknown scale ${name}`);
  let pg;
  let db = join(dir, `${name}.db`);
  if (scale.db === 'postgres') {
    pg = startPostgres();
    db = pg.url;
  }
  const label = `${name} (${scale.projects.toLocaleString('en')} projects × ${MONTHS} months, ${scale.db})`;
  try {
    const gen = await timed(async () => execFileSync(BIN, ['demo', '--db', db, '--projects', String(scale.projects),
      '--report-months', String(MONTHS), '--log_level', 'warn'], { maxBuffer: 1 << 24 }));
    record(`${label}: demo data generated`, gen.ms / 1000, 's');
    const { proc, m } = await spawnUntil(BIN, ['serve', '--listen', '127.0.0.1:0', '--db', db, '--data_dir',
      join(dir, `${name}-data`), '--log_level', 'warn'], /http:\/\/127\.0\.0\.1:(\d+)/);
    const url = `http://127.0.0.1:${m[1]}`;
    try {
      const login = await fetch(url + '/api/v1/session', { method: 'POST', body: JSON.stringify({ username: 'fgw', password: 'Tuijin@2026' }) });
      if (login.status !== 200) throw new Error(`login ${login.status}`);
      const cookie = login.headers.get('set-cookie').split(';')[0];
      const csrf = (await login.json()).csrf_token;
      const get = async (path, headers = {}) => {
        const r = await fetch(url + path, { headers: { cookie, ...headers } });
        const buf = Buffer.from(await r.arrayBuffer());
        return { status: r.status, headers: r.headers, buf };
      };
      const month = reportingMonth();
      const first = await get(`/api/v1/dashboard?period=${month}`);
      if (first.status !== 200) throw new Error(`dashboard ${first.status}`);
      const d = JSON.parse(first.buf.toString('utf8'));
      if (d.totals.projects < scale.projects / 2) throw new Error(`dashboard counts only ${d.totals.projects} projects`);
      record(`${label}: projects on the dashboard`, d.totals.projects, 'projects',
        `(${d.colours.red} red, ${d.colours.yellow} yellow, ${d.colours.green} green)`);
      const samples = scale.projects > 10000 ? 10 : 40;
      const live = [];
      for (let i = 0; i < samples; i++) {
        const t = await timed(() => get(`/api/v1/dashboard?period=${month}&star_min=${(i % 5) + 1}&n=${i}`));
        if (t.r.status !== 200) throw new Error(`dashboard ${t.r.status}`);
        live.push(t.ms);
      }
      const target = scale.projects > 10000 ? 'target < 500 ms' : 'target < 30 ms';
      record(`${label}: dashboard API live p50`, percentile(live, 50), 'ms', target);
      record(`${label}: dashboard API live p99`, percentile(live, 99), 'ms');
      // Right after a write: every project's year is read again before the figures.
      const afterWrite = [];
      for (let i = 0; i < Math.min(samples, 10); i++) {
        const w = await fetch(url + '/api/v1/saved-filters', {
          method: 'POST', body: JSON.stringify({ scope: 'projects', name: `bench ${i}`, query: 'level=province' }),
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        });
        if (w.status >= 300) throw new Error(`write ${w.status} ${await w.text()}`);
        const t = await timed(() => get(`/api/v1/dashboard?period=${month}&after=${i}`));
        if (t.r.status !== 200) throw new Error(`dashboard ${t.r.status}`);
        afterWrite.push(t.ms);
      }
      record(`${label}: dashboard API right after a write (data read again) p50`, percentile(afterWrite, 50), 'ms');
      const statuses = [];
      for (let i = 0; i < Math.min(samples, 10); i++) {
        const t = await timed(() => get(`/api/v1/statuses?period=${month}&page_size=${20 + i}`));
        if (t.r.status !== 200) throw new Error(`statuses ${t.r.status}`);
        statuses.push(t.ms);
      }
      record(`${label}: every project's colour for a month (statuses API, live) p50`, percentile(statuses, 50), 'ms');
      const etag = first.headers.get('etag');
      const cached = [];
      for (let i = 0; i < 200; i++) {
        const t = await timed(() => get(`/api/v1/dashboard?period=${month}`, { 'if-none-match': etag }));
        if (t.r.status !== 304) throw new Error(`cached dashboard ${t.r.status}`);
        cached.push(t.ms);
      }
      record(`${label}: dashboard API cached (ETag, 304) p50`, percentile(cached, 50), 'ms');
      // Freezing a month: every project's colour computed and stored in the lock's transaction.
      const lock = await timed(() => fetch(url + `/api/v1/periods/${month}/lock`, {
        method: 'POST', body: JSON.stringify({ reason: 'bench' }),
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      }).then(async (r) => { if (r.status !== 200) throw new Error(`lock ${r.status} ${await r.text()}`); }));
      record(`${label}: lock a month, recomputing and freezing every project's colour`, lock.ms / 1000, 's',
        scale.projects > 10000 ? 'target < 5 s' : '');
      if (name === chosen[0]) {
        // Throughput of the cached dashboard (200 with the body) against nginx serving its bytes.
        const again = await get(`/api/v1/dashboard?period=${month}`);
        const nginx = await nginxServing(again.buf);
        try {
          const staticRps = wrk(nginx.url);
          const tuijinRps = wrk(`${url}/api/v1/dashboard?period=${month}`, [`cookie: ${cookie}`]);
          record(`${label}: nginx, the dashboard JSON (${(again.buf.length / 1024).toFixed(1)} KB) as a static file`, staticRps, 'req/s');
          record(`${label}: tuijin, the cached dashboard`, tuijinRps, 'req/s');
          record(`${label}: tuijin ÷ nginx`, tuijinRps / staticRps, '×', 'target ≥ 0.5');
        } finally {
          await stop(nginx.proc);
        }
      }
    } finally {
      await stop(proc);
    }
  } finally {
    if (pg) pg.stop();
    if (scale.db === 'sqlite') rmSync(db, { force: true });
  }
}

try {
  console.log(`tuijin bench (Step 4): ${chosen.join(', ')}, in ${dir}`);
  for (const name of chosen) await benchScale(name);
  console.log('\n| measure | value | target |\n|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${typeof r.value === 'number' ? r.value.toFixed(2) : r.value} ${r.unit} | ${r.target} |`);
} finally {
  for (const p of running) await stop(p);
  rmSync(dir, { recursive: true, force: true });
}
