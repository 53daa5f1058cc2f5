// make bench, Step 6: a month's ledger and briefing for a district of 5,000 projects on SQLite.
// The month is locked first (its snapshot is taken then, and timed); then the ledger .xlsx
// (p50 of 20, through the API: the stored snapshot read and the workbook written), against
// openpyxl writing the same rows in write-only mode in the same run; the briefing as DOCX and
// as PDF (p50); the server's peak memory (VmHWM, restarted before each) while each is written; and, when LibreOffice is there
// (scripts/setup.sh --bench installs it), the DOCX converted to PDF by it, as Word-compatibility
// evidence.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, record, results, timed } from './lib.mjs';
import { startServer, signedIn } from '../tests/lib/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = process.env.TUIJIN_BIN ||= join(root, 'build/tuijin');
const PROJECTS = Number(process.env.BENCH_BRIEFING_PROJECTS || 5000);
const dir = mkdtempSync(join(tmpdir(), 'tuijin-bench-brief-'));
const dbPath = join(dir, 'bench.db');

// Resident now, anonymous (heap) and file-backed (mapped fonts, the binary) apart.
function rssSplitMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)[1]) / 1024;
  return `heap ${kb('RssAnon').toFixed(1)} MB + files ${kb('RssFile').toFixed(1)} MB`;
}

// The peak since the last reset: writing 5 to clear_refs restarts VmHWM (Linux ≥ 4.0), so each
// document's own peak is read apart from the sign-in's (Argon2id takes 64 MB while it hashes).
function resetPeak(pid) {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function download(client, path) {
  const res = await client.request('GET', path, { raw: true });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

async function p50(client, path, n) {
  const samples = [];
  let last;
  for (let i = 0; i < n; i += 1) {
    const { ms, r } = await timed(() => download(client, path));
    samples.push(ms);
    last = r;
  }
  return { p50: percentile(samples, 50), bytes: last };
}

// One document kind in a server of its own, started on the prepared database: its p50, and
// the process's peak while writing it (restarted after the sign-in), so what one kind leaves
// behind (SQLite's mapped pages, the fonts) is not charged to the next.
async function measured(path, n) {
  const own = await startServer({ demo: false, database: { url: dbPath, dir, drop() {} } });
  try {
    const client = await signedIn(own.url, 'fgw');
    resetPeak(own.proc.pid);
    const r = await p50(client, path, n);
    return { ...r, peak: peakRssMb(own.proc.pid), resident: rssSplitMb(own.proc.pid) };
  } finally {
    await own.stop();
  }
}

execFileSync(BIN, ['demo', '--projects', String(PROJECTS), '--db', dbPath], { stdio: 'ignore' });
const server = await startServer({ demo: false, database: { url: dbPath, dir, drop() {} } });
try {
  const staff = await signedIn(server.url, 'fgw');
  const period = '2026-10';
  const lock = await timed(() => staff.post(`/api/v1/periods/${period}/lock`, { reason: '基准测试' }));
  if (lock.r.status !== 200) throw new Error(lock.r.text);
  const info = (await staff.get(`/api/v1/ledgers?period=${period}`)).body;
  record(`lock ${period} with ${info.summary.projects} projects (colours and ledger snapshot taken)`, lock.ms, 'ms');
  record('server peak RSS over sign-in and lock', peakRssMb(server.proc.pid), 'MB', '(Argon2id takes 64 MB while it hashes a password)');
  const template = (await staff.get('/api/v1/briefing-templates')).body.items.find((t) => t.kind === 'special');
  const b = await staff.post('/api/v1/briefings', { template_id: template.id, period, issued_on: '2026-11-05' });
  if (b.status !== 201) throw new Error(b.text);
  await server.stop();

  const ledger = await measured(`/api/v1/ledgers/projects.xlsx?period=${period}`, 20);
  record(`ledger .xlsx of ${info.summary.projects} projects, p50 (API, from the snapshot)`, ledger.p50, 'ms', '(target < 100 ms)');
  record('server peak RSS while writing the ledgers', ledger.peak, 'MB', `(target < 150 MB; resident after: ${ledger.resident})`);
  const ledgerPath = join(dir, 'ledger.xlsx');
  writeFileSync(ledgerPath, ledger.bytes);
  const py = JSON.parse(execFileSync('/usr/bin/python3', [join(root, 'bench/openpyxl_rows.py'), ledgerPath, join(dir, 'py.xlsx')]));
  record(`openpyxl write-only, the same ${py.rows} rows`, py.write_ms, 'ms');
  record('ledger ratio openpyxl / tuijin', py.write_ms / ledger.p50, '×', '(target ≥ 10×)');

  const docx = await measured(`/api/v1/briefings/${b.body.id}/document.docx`, 20);
  record('briefing DOCX, p50', docx.p50, 'ms', '(target < 200 ms)');
  record('server peak RSS while writing the DOCX', docx.peak, 'MB', `(target < 150 MB; resident after: ${docx.resident})`);
  const pdf = await measured(`/api/v1/briefings/${b.body.id}/document.pdf`, 20);
  record('briefing PDF, p50', pdf.p50, 'ms', '(target < 500 ms)');
  record('server peak RSS while writing the PDF', pdf.peak, 'MB', `(target < 150 MB; resident after: ${pdf.resident})`);
  const docxPath = join(dir, 'briefing.docx');
  writeFileSync(docxPath, docx.bytes);
  writeFileSync(join(dir, 'briefing.pdf'), pdf.bytes);
  const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'briefing.pdf')], { encoding: 'utf8' }))[1];
  record('briefing PDF pages', Number(pages), 'pages');

  const soffice = ['soffice', 'libreoffice'].find((c) => spawnSync('which', [c]).status === 0);
  if (soffice) {
    const out = join(dir, 'lo');
    const { ms, r } = await timed(async () => spawnSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
      '--convert-to', 'pdf', '--outdir', out, docxPath], { encoding: 'utf8', timeout: 180000 }));
    const converted = join(out, 'briefing.pdf');
    if (r.status !== 0 || !existsSync(converted)) throw new Error(`LibreOffice could not convert the DOCX: ${r.stderr}`);
    const loPages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [converted], { encoding: 'utf8' }))[1];
    record(`DOCX converted by LibreOffice (${soffice} --headless --convert-to pdf)`, ms, 'ms', `(${loPages} pages)`);
  } else {
    record('DOCX converted by LibreOffice', 'skipped: LibreOffice not installed (scripts/setup.sh --bench)', '');
  }
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log('\n| measure | value |\n|---|---|');
for (const r of results) console.log(`| ${r.name} ${r.target} | ${typeof r.value === 'number' ? r.value.toFixed(1) : r.value} ${r.unit} |`);
