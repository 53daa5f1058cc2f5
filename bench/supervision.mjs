// make bench, Step 5: supervision at scale on SQLite. The list of one unit's items (a unit
// user's first page, as the 我的督办 page asks for it) with 10,000 items in the system, p50 and
// p99; then the daily reminder run over 100,000 open items (all of them in one run: digests
// for every unit user, written in one transaction), and the same list again at 100,000.
// Items are written straight into the database with one INSERT … SELECT (sqlite3), spread
// over the district's units with deadlines from 60 days ago to 120 days ahead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile, record, results, timed } from './lib.mjs';
import { startServer, signedIn } from '../tests/lib/server.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.env.TUIJIN_BIN ||= join(root, 'build/tuijin');
const dir = mkdtempSync(join(tmpdir(), 'tuijin-bench-sup-'));
const dbPath = join(dir, 'bench.db');

function sql(text) { return execFileSync('sqlite3', [dbPath], { input: text, encoding: 'utf8' }); }

// `count` more open items numbered from `from`, round-robin over the district's streets,
// townships, zone and departments; every third has a co-unit.
function insertItems(from, count) {
  sql(`PRAGMA busy_timeout = 10000;
BEGIN;
CREATE TEMP TABLE lead AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM units WHERE kind IN ('street','township','zone','department');
WITH RECURSIVE n(x) AS (SELECT ${from} UNION ALL SELECT x + 1 FROM n WHERE x < ${from + count - 1})
INSERT INTO supervision_items (kind, number, title, description, category, source, issuing_office, lead_unit_id, issued_on,
  deadline, original_deadline, priority, status, created_at, created_by, updated_at)
SELECT 'item', 'B-' || x, '重点项目推进问题督办' || x, '压测数据', '用地', 'other', '区发展和改革局',
  (SELECT id FROM lead WHERE k = x % (SELECT COUNT(*) FROM lead)),
  date('now', '-90 days'), date('now', ((x % 180) - 60) || ' days'), date('now', ((x % 180) - 60) || ' days'),
  'normal', CASE x % 3 WHEN 0 THEN 'pending_receipt' ELSE 'in_progress' END,
  strftime('%Y-%m-%dT%H:%M:%S+08:00', 'now'), (SELECT id FROM users WHERE username = 'fgw'), strftime('%Y-%m-%dT%H:%M:%S+08:00', 'now')
FROM n;
INSERT INTO supervision_co_units (item_id, unit_id)
SELECT i.id, (SELECT id FROM lead WHERE k = (CAST(substr(i.number, 3) AS INTEGER) + 1) % (SELECT COUNT(*) FROM lead))
FROM supervision_items i WHERE i.number LIKE 'B-%' AND CAST(substr(i.number, 3) AS INTEGER) BETWEEN ${from} AND ${from + count - 1}
  AND CAST(substr(i.number, 3) AS INTEGER) % 3 = 0;
COMMIT;`);
}

async function listBench(client, label, target) {
  const samples = [];
  for (let i = 0; i < 20; i += 1) await client.get('/api/v1/supervision-items?page_size=20');  // warm
  for (let i = 0; i < 200; i += 1) {
    const { ms, r } = await timed(() => client.get(`/api/v1/supervision-items?page_size=20&page=${1 + (i % 3)}`));
    if (r.status !== 200) throw new Error(r.text);
    samples.push(ms);
  }
  const first = await client.get('/api/v1/supervision-items?page_size=20');
  record(`${label}: list of one unit's items, p50`, percentile(samples, 50), 'ms', target);
  record(`${label}: list of one unit's items, p99`, percentile(samples, 99), 'ms');
  record(`${label}: the unit's items`, first.body.total, 'items');
}

const server = await startServer({ database: { url: dbPath, dir, drop() {} } });
try {
  const unit = await signedIn(server.url, 'chengdong');
  const admin = await signedIn(server.url, 'admin');
  const existing = Number(sql('SELECT COUNT(*) FROM supervision_items;').trim());
  insertItems(1, 10000 - existing);
  await listBench(unit, '10,000 items', '(target p50 < 20 ms)');
  insertItems(10000 - existing + 1, 90000);
  const open = Number(sql("SELECT COUNT(*) FROM supervision_items WHERE status NOT IN ('done','cancelled');").trim());
  const dry = await timed(() => admin.post('/api/v1/supervision-reminders/run', { date: '2031-01-06', dry_run: true }));
  record(`reminders over ${open} open items, computed only (dry run)`, dry.ms, 'ms');
  const run = await timed(() => admin.post('/api/v1/supervision-reminders/run', {}));
  if (run.r.status !== 200) throw new Error(run.r.text);
  record(`daily reminder run over ${run.r.body.open_items} open items (${run.r.body.sent} digests written)`, run.ms, 'ms', '(target < 5 s)');
  await listBench(unit, '100,000 items', '');
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log('\n| measure | value |\n|---|---|');
for (const r of results) console.log(`| ${r.name} ${r.target} | ${typeof r.value === 'number' ? r.value.toFixed(1) : r.value} ${r.unit} |`);
