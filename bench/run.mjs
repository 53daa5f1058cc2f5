// `make bench`: builds the data sets, runs the real server, measures, and prints one table.
// Figures go to BENCHMARKS.md by hand, with this command. No timing is asserted anywhere.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'build/tuijin');
const BENCH = join(root, 'build/tuijin_bench');
const PROJECTS = Number(process.env.BENCH_PROJECTS || 10000);
const dir = mkdtempSync(join(tmpdir(), 'tuijin-bench-'));
const results = [];

function record(name, value, unit, target = '') {
  results.push({ name, value, unit, target });
  console.log(`${name}: ${typeof value === 'number' ? value.toFixed(2) : value} ${unit} ${target}`);
}

function percentile(samples, p) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function startServer(db) {
  const proc = spawn(BIN, ['serve', '--listen', '127.0.0.1:0', '--db', db, '--data_dir', join(dir, 'data'),
    '--log_level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((res, rej) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) res(`http://127.0.0.1:${m[1]}`);
    });
    proc.on('exit', (code) => rej(new Error(`server exited ${code}`)));
  });
  return { url, proc };
}

async function login(url) {
  const res = await fetch(url + '/api/v1/session', { method: 'POST', body: JSON.stringify({ username: 'fgw', password: 'Tuijin@2026' }) });
  const body = await res.json();
  return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token };
}

async function timed(fn) {
  const t = process.hrtime.bigint();
  const r = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, r };
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function series(n, fn) {
  const samples = [];
  for (let i = 0; i < n; i++) samples.push((await timed(() => fn(i))).ms);
  return samples;
}

try {
  console.log(`tuijin bench: ${PROJECTS} projects, in ${dir}`);
  const big = join(dir, 'big.db');
  const gen = await timed(async () => execFileSync(BIN, ['demo', '--db', big, '--projects', String(PROJECTS), '--log_level', 'warn']));
  record(`demo --projects ${PROJECTS}`, gen.ms / 1000, 's');

  const a = await startServer(big);
  const s = await login(a.url);
  const get = (path) => fetch(a.url + path, { headers: { cookie: s.cookie } }).then(async (r) => {
    const buf = await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return buf;
  });
  await series(20, (i) => get(`/api/v1/projects?page=${i + 1}`)); // warm up
  const list = await series(300, (i) => get(`/api/v1/projects?page=${(i * 7) % 400 + 1}&page_size=20${i % 3 ? '' : '&level=district&stage=construction'}`));
  record('list API p50 (page of 20, filters)', percentile(list, 50), 'ms', 'target < 10 ms');
  record('list API p99', percentile(list, 99), 'ms');
  const words = ['污水', '道路', '物流', '学校', '改造项目', '产业园', '冷链物流园', '城中村改造', '410104', '城投'];
  const search = await series(300, (i) => get(`/api/v1/projects?q=${encodeURIComponent(words[i % words.length])}&page_size=20`));
  record('search p50 (2–5 Chinese characters, codes)', percentile(search, 50), 'ms', 'target < 20 ms');
  record('search p99', percentile(search, 99), 'ms');
  let ledger;
  const exports = await series(5, async () => { ledger = Buffer.from(await get('/api/v1/exports/projects?group_by=level')); });
  record(`export of ${PROJECTS} projects (API, end to end)`, percentile(exports, 50), 'ms', 'target < 150 ms');
  const ledgerPath = join(dir, 'ledger.xlsx');
  writeFileSync(ledgerPath, ledger);
  record('ledger size', ledger.length / 1024 / 1024, 'MB');
  a.proc.kill('SIGTERM');

  // Import the exported ledger into a library with the demo units but no projects.
  const empty = join(dir, 'empty.db');
  execFileSync(BIN, ['demo', '--db', empty, '--projects', '0', '--log_level', 'warn']);
  const b = await startServer(empty);
  const sb = await login(b.url);
  const rssBefore = peakRssMb(b.proc.pid);
  const post = (path, body, type) => fetch(b.url + path, { method: 'POST', body, headers: { cookie: sb.cookie, 'x-csrf-token': sb.csrf, 'content-type': type } });
  const preview = await timed(async () => (await post('/api/v1/imports/projects?filename=ledger.xlsx', ledger, 'application/octet-stream')).json());
  if (preview.r.summary.create !== PROJECTS) throw new Error(`preview: ${JSON.stringify(preview.r.summary || preview.r)}`);
  // As the import dialog does: the commit names the preview the server kept (plan_id).
  const commit = await timed(async () => (await post(`/api/v1/imports/projects/${preview.r.import_id}/commit`,
    JSON.stringify({ plan_id: preview.r.plan_id }), 'application/json')).json());
  if (commit.r.created !== PROJECTS) throw new Error(`commit: ${JSON.stringify(commit.r)}`);
  record(`import of ${PROJECTS} rows: preview (upload, parse, check)`, preview.ms, 'ms');
  record(`import of ${PROJECTS} rows: commit (one transaction)`, commit.ms, 'ms');
  record(`import of ${PROJECTS} rows: preview + commit`, preview.ms + commit.ms, 'ms', 'target < 500 ms');
  record('server peak RSS during import', peakRssMb(b.proc.pid), 'MB', `target < 150 MB (before import: ${rssBefore.toFixed(1)} MB)`);
  b.proc.kill('SIGTERM');

  // The parser and writer alone, against openpyxl on the same file and row count.
  const cpp = JSON.parse(execFileSync(BENCH, [ledgerPath, '--benchmark_format=json'], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const ms = (name) => cpp.benchmarks.find((x) => x.name.startsWith(name)).real_time;
  const py = JSON.parse(execFileSync('/usr/bin/python3', [join(root, 'bench/openpyxl_ref.py'), ledgerPath, String(PROJECTS), join(dir, 'py.xlsx')]));
  record('xlsx parse (tuijin reader)', ms('BM_ReadLedger'), 'ms');
  record('xlsx parse (openpyxl read-only)', py.read_ms, 'ms');
  record('parse ratio openpyxl / tuijin', py.read_ms / ms('BM_ReadLedger'), '×', 'target ≥ 10×');
  record(`xlsx write ${PROJECTS} rows (tuijin)`, ms(`BM_WriteLedger/${PROJECTS === 5000 ? 5000 : 10000}/`), 'ms');
  record(`xlsx write ${PROJECTS} rows (openpyxl write-only)`, py.write_ms, 'ms');
  record('write ratio openpyxl / tuijin', py.write_ms / ms(`BM_WriteLedger/${PROJECTS === 5000 ? 5000 : 10000}/`), '×', 'target ≥ 10×');
  record(`xlsx write of the exported ${PROJECTS} rows (tuijin, real text)`, ms('BM_RewriteLedger'), 'ms');

  console.log('\n| measure | value | target |\n|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${typeof r.value === 'number' ? r.value.toFixed(r.unit === '×' ? 1 : 2) : r.value} ${r.unit} | ${r.target} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
