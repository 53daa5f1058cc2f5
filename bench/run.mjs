// `make bench`: builds the data sets, runs the real server, measures, and prints one table.
// Figures go to BENCHMARKS.md by hand, with this command. No timing is asserted anywhere.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, record, results, timed } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'build/tuijin');
const BENCH = join(root, 'build/tuijin_bench');
const PROJECTS = Number(process.env.BENCH_PROJECTS || 10000);
const PAGE_SIZE = 20;

// The C++ writer benchmark writes a fixed set of row counts (BM_WriteLedger's Args in
// bench/xlsx_bench.cc); it is compared with openpyxl writing PROJECTS rows, so PROJECTS must be
// one of them. Checked before the data sets are built.
function writerRowCounts() {
  let listing;
  try {
    listing = execFileSync(BENCH, ['/dev/null', '--benchmark_list_tests=true'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (e) {
    throw new Error(`${BENCH} does not run (${e.message.split('\n')[0]}): build it with \`make bench\` or \`cmake --build build --target tuijin_bench\``);
  }
  return [...listing.matchAll(/^BM_WriteLedger\/(\d+)\b/gm)].map((m) => Number(m[1]));
}
const WRITE_ROWS = writerRowCounts();
if (WRITE_ROWS.length === 0) throw new Error(`${BENCH} lists no BM_WriteLedger/<rows> benchmark`);
if (!Number.isInteger(PROJECTS) || !WRITE_ROWS.includes(PROJECTS)) {
  console.error(`BENCH_PROJECTS=${process.env.BENCH_PROJECTS ?? PROJECTS}: the xlsx writer benchmark (BM_WriteLedger in bench/xlsx_bench.cc) ` +
    `writes ${WRITE_ROWS.join(' or ')} rows, and its time is compared with openpyxl writing BENCH_PROJECTS rows: ` +
    `use one of ${WRITE_ROWS.join(', ')}, or add the count to BM_WriteLedger's Args.`);
  process.exit(2);
}
const REPORT_MONTHS = Number(process.env.BENCH_REPORT_MONTHS || 36);
const dir = mkdtempSync(join(tmpdir(), 'tuijin-bench-'));

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

// Stops a server started above, if it still runs, and waits until it has exited.
async function stopServer(server) {
  const { proc } = server || {};
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((res) => proc.once('exit', res));
  proc.kill('SIGTERM');
  await exited;
}

async function login(url) {
  const res = await fetch(url + '/api/v1/session', { method: 'POST', body: JSON.stringify({ username: 'fgw', password: 'Tuijin@2026' }) });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token };
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

let a, b;
try {
  console.log(`tuijin bench: ${PROJECTS} projects, in ${dir}`);
  const big = join(dir, 'big.db');
  const gen = await timed(async () => execFileSync(BIN, ['demo', '--db', big, '--projects', String(PROJECTS),
    '--report-months', String(REPORT_MONTHS), '--log_level', 'warn']));
  record(`demo --projects ${PROJECTS} --report-months ${REPORT_MONTHS}`, gen.ms / 1000, 's');

  a = await startServer(big);
  const s = await login(a.url);
  const get = (path) => fetch(a.url + path, { headers: { cookie: s.cookie } }).then(async (r) => {
    const buf = await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    return buf;
  });
  const json = (buf) => JSON.parse(Buffer.from(buf).toString('utf8'));
  await series(20, (i) => get(`/api/v1/projects?page=${i + 1}`)); // warm up
  // Every third request is filtered. Pages step by 7 through the first 400, wrapped to the pages
  // each query has: a page past the end would be an empty answer, cheaper than a real one.
  const queries = ['', '&level=district&stage=construction'];
  const pages = [];
  for (const q of queries) {
    const { total } = json(await get(`/api/v1/projects?page_size=${PAGE_SIZE}${q}`));
    const label = q ? `list (${q.slice(1)})` : 'list (unfiltered)';
    if (!total) throw new Error(`${label}: no projects`);
    pages.push(Math.ceil(total / PAGE_SIZE));
    console.log(`${label}: ${total} projects, ${pages.at(-1)} pages of ${PAGE_SIZE}`);
  }
  const listPath = (i) => {
    const k = i % 3 ? 0 : 1;
    return `/api/v1/projects?page=${(i * 7) % Math.min(400, pages[k]) + 1}&page_size=${PAGE_SIZE}${queries[k]}`;
  };
  const list = [];
  for (let i = 0; i < 300; i++) {
    const { ms, r } = await timed(() => get(listPath(i)));
    list.push(ms);
    if (!json(r).items?.length) throw new Error(`${listPath(i)}: no items`);
  }
  record('list API p50 (page of 20, filters)', percentile(list, 50), 'ms', 'target < 10 ms');
  record('list API p99', percentile(list, 99), 'ms');
  // Names, contents, a division code and an owner (建设投资: 云河城市建设投资集团有限公司); each must hit.
  const words = ['污水', '道路', '物流', '学校', '改造项目', '产业园', '冷链物流园', '城中村改造', '410104', '建设投资'];
  const hits = [];
  for (const w of words) {
    const { total } = json(await get(`/api/v1/projects?q=${encodeURIComponent(w)}&page_size=${PAGE_SIZE}`));
    // A word without hits would time an empty answer, cheaper than a real one.
    if (!total) throw new Error(`search "${w}": no projects`);
    hits.push(`${w} ${total}`);
  }
  record('search hits per word', hits.join(', '), 'projects');
  const search = await series(300, (i) => get(`/api/v1/projects?q=${encodeURIComponent(words[i % words.length])}&page_size=${PAGE_SIZE}`));
  record('search p50 (2–5 Chinese characters, codes)', percentile(search, 50), 'ms', 'target < 20 ms');
  record('search p99', percentile(search, 99), 'ms');
  let ledger;
  const exports = await series(5, async () => { ledger = Buffer.from(await get('/api/v1/exports/projects?group_by=level')); });
  record(`export of ${PROJECTS} projects (API, end to end)`, percentile(exports, 50), 'ms', 'target < 150 ms');
  const ledgerPath = join(dir, 'ledger.xlsx');

  // Progress reporting (Step 3) on the same library: every project under way has a report
  // for each of REPORT_MONTHS months; the latest month is partly missing.
  const reportCount = /新增进度填报 (\d+) 条/.exec(gen.r.toString());
  if (!reportCount) throw new Error(`demo printed no report count: ${gen.r}`);
  record('progress reports in the library', Number(reportCount[1]), 'reports');
  const subProjects = /子工程 (\d+) 个/.exec(gen.r.toString());
  if (subProjects) record('sub-projects in the library (besides the top-level ones)', Number(subProjects[1]), 'sub-projects');
  const current = json(await get('/api/v1/periods')).current;
  // The unit with the most projects reporting this period, for the period grid.
  const missing = json(await get(`/api/v1/reports/missing?period=${current}`));
  const allUnits = json(await get(`/api/v1/reports?period=${current}&page_size=1`));
  const byUnit = new Map();
  for (let page = 1; page <= Math.ceil(allUnits.total / 500); page++) {
    for (const r of json(await get(`/api/v1/reports?period=${current}&page=${page}&page_size=500`)).items) {
      if (r.project.lead_unit_id === null) continue; // no unit's grid
      byUnit.set(r.project.lead_unit_id, (byUnit.get(r.project.lead_unit_id) || 0) + 1);
    }
  }
  if (byUnit.size === 0) throw new Error(`period grid ${current}: no project of any unit reports (${allUnits.total} rows)`);
  const [bigUnit, bigUnitCount] = [...byUnit.entries()].sort((x, y) => y[1] - x[1])[0];
  record('period grid unit size', bigUnitCount, 'projects (the largest unit; target grid is 500)');
  const gridPath = `/api/v1/reports?period=${current}&unit_id=${bigUnit}&page_size=500`;
  const gridRows = json(await get(gridPath)).items.length;
  if (gridRows !== Math.min(500, bigUnitCount)) throw new Error(`period grid: ${gridRows} rows, expected ${Math.min(500, bigUnitCount)}`);
  const grid = await series(50, () => get(gridPath));
  record(`period grid of a unit (${gridRows} projects, figures derived) p50`, percentile(grid, 50), 'ms', 'target < 50 ms (500 projects)');
  const missingTimes = await series(50, () => get(`/api/v1/reports/missing?period=${current}`));
  record(`missing-reports list p50 (${missing.total} missing)`, percentile(missingTimes, 50), 'ms', 'target < 50 ms');
  // Submitting one report: projects with no report, a draft or a returned one this period.
  const toSubmit = missing.projects.slice(0, 200);
  if (toSubmit.length < 50) throw new Error(`only ${toSubmit.length} projects to submit`);
  const submitTimes = [];
  for (const p of toSubmit) {
    const detail = json(await get(`/api/v1/projects/${p.id}/reports/${current}`));
    const body = { amount: 1_000_000, progress_text: '按计划推进', ...(detail.report ? { version: detail.report.version } : {}) };
    const t = await timed(() => fetch(a.url + `/api/v1/projects/${p.id}/reports/${current}/submit`, {
      method: 'POST', body: JSON.stringify(body), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
    }).then(async (r) => { if (r.status !== 200) throw new Error(`submit ${p.id}: ${r.status} ${await r.text()}`); }));
    submitTimes.push(t.ms);
  }
  record(`submit one report p50 (API, end to end, ${submitTimes.length} reports)`, percentile(submitTimes, 50), 'ms', 'target < 10 ms');
  record('submit one report p99', percentile(submitTimes, 99), 'ms');
  writeFileSync(ledgerPath, ledger);
  record('ledger size', ledger.length / 1024 / 1024, 'MB');

  // Red/yellow/green and the dashboard (Step 4) on the same library, for the month being
  // reported. Live: each request names another page size of the status list or another
  // star filter of the dashboard, so no answer comes from the cache. Cached: the same request
  // again with its ETag (304).
  const dash = json(await get(`/api/v1/dashboard?period=${current}`));
  if (dash.totals.projects < PROJECTS / 2) throw new Error(`dashboard counts ${dash.totals.projects} projects`);
  record('dashboard projects counted', dash.totals.projects, 'projects', `(${dash.colours.red} red, ${dash.colours.yellow} yellow)`);
  const statusTimes = await series(20, (i) => get(`/api/v1/statuses?period=${current}&page_size=${20 + i}`));
  record(`every project's colour for a month (statuses API, live, ${PROJECTS} projects) p50`, percentile(statusTimes, 50), 'ms');
  const liveDash = await series(30, (i) => get(`/api/v1/dashboard?period=${current}&star_min=${(i % 5) + 1}&n=${i}`));
  record(`dashboard API live p50 (${PROJECTS} projects × ${REPORT_MONTHS} months)`, percentile(liveDash, 50), 'ms');
  record('dashboard API live p99', percentile(liveDash, 99), 'ms');
  const first = await fetch(a.url + `/api/v1/dashboard?period=${current}`, { headers: { cookie: s.cookie } });
  const etag = first.headers.get('etag');
  await first.arrayBuffer();
  const cached = await series(300, () => fetch(a.url + `/api/v1/dashboard?period=${current}`, {
    headers: { cookie: s.cookie, 'if-none-match': etag },
  }).then((r) => { if (r.status !== 304) throw new Error(`cached dashboard: ${r.status}`); }));
  record('dashboard API cached (ETag, 304) p50', percentile(cached, 50), 'ms');
  await stopServer(a);

  // Import the exported ledger into a library with the demo units but no projects.
  const empty = join(dir, 'empty.db');
  execFileSync(BIN, ['demo', '--db', empty, '--projects', '0', '--log_level', 'warn']);
  b = await startServer(empty);
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
  await stopServer(b);

  // The parser and writer alone, against openpyxl on the same file and row count.
  // Only the writer run of PROJECTS rows (checked above to be one of BM_WriteLedger's).
  const cpp = JSON.parse(execFileSync(BENCH, [ledgerPath, '--benchmark_format=json',
    `--benchmark_filter=^(BM_ReadLedger|BM_WriteLedger/${PROJECTS}|BM_RewriteLedger)(/|$)`], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const ms = (name) => {
    const run = cpp.benchmarks.find((x) => x.name.startsWith(name));
    if (!run) throw new Error(`tuijin_bench ran no ${name}: ${cpp.benchmarks.map((x) => x.name).join(', ')}`);
    if (run.error_occurred) throw new Error(`${run.name}: ${run.error_message}`);
    return run.real_time;
  };
  // Both sides must have read and written what they claim to: a ledger with cells, every
  // exported row rewritten, openpyxl's PROJECTS rows.
  const counter = (name, key) => cpp.benchmarks.find((x) => x.name.startsWith(name))?.[key];
  if (!(counter('BM_ReadLedger', 'cells') > 0)) throw new Error('BM_ReadLedger read no cells');
  const rewritten = counter('BM_RewriteLedger', 'rows');
  if (rewritten !== PROJECTS) throw new Error(`BM_RewriteLedger wrote ${rewritten} rows of the ledger's ${PROJECTS}`);
  const py = JSON.parse(execFileSync('/usr/bin/python3', [join(root, 'bench/openpyxl_ref.py'), ledgerPath, String(PROJECTS), join(dir, 'py.xlsx')]));
  if (!(py.cells > 0) || py.rows !== PROJECTS) throw new Error(`openpyxl: ${JSON.stringify(py)}`);
  record('xlsx parse (tuijin reader)', ms('BM_ReadLedger'), 'ms');
  record('xlsx parse (openpyxl read-only)', py.read_ms, 'ms');
  record('parse ratio openpyxl / tuijin', py.read_ms / ms('BM_ReadLedger'), '×', 'target ≥ 10×');
  record(`xlsx write ${PROJECTS} rows (tuijin)`, ms(`BM_WriteLedger/${PROJECTS}/`), 'ms');
  record(`xlsx write ${PROJECTS} rows (openpyxl write-only)`, py.write_ms, 'ms');
  record('write ratio openpyxl / tuijin', py.write_ms / ms(`BM_WriteLedger/${PROJECTS}/`), '×', 'target ≥ 10×');
  record(`xlsx write of the exported ${PROJECTS} rows (tuijin, real text)`, ms('BM_RewriteLedger'), 'ms');

  console.log('\n| measure | value | target |\n|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${typeof r.value === 'number' ? r.value.toFixed(r.unit === '×' ? 1 : 2) : r.value} ${r.unit} | ${r.target} |`);
} finally {
  // A check that threw above leaves its server running otherwise.
  await stopServer(a);
  await stopServer(b);
  rmSync(dir, { recursive: true, force: true });
}
