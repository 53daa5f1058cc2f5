// Crashes: the server is killed with SIGKILL in the middle of a large ledger import and in the
// middle of a burst of report submissions, then started again on the same database. Every
// write that was acknowledged (200 received) is there, nothing of the interrupted import is
// (it is one transaction), and the database is sound: SQLite passes `tuijin check` (PRAGMA
// integrity_check); on both the same import then goes through in full.
//
// "In the middle of the import" is observed, not timed. PostgreSQL: the test holds a row lock
// on the project the ledger's last row updates, so the import's transaction waits there with
// every other row written, and the server is killed once pg_stat_activity shows it waiting.
// SQLite: once the database's write lock has been held for two probes in a row (a probe is a
// BEGIN IMMEDIATE that is refused), the server is stopped with SIGSTOP; if it still holds the
// lock, it is frozen inside the import's transaction and is killed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, signedIn, runCli, createDatabase, DIALECT } from '../lib/server.mjs';
import { ledgerXlsx } from '../lib/ledger.mjs';
import { unitProjects, reportBurst, WAN } from '../lib/burst.mjs';

const ROWS = 3000;
const OWNER = '云河数字基建发展有限公司';  // not a unit yet: the import would add it
const ANCHOR = '城东路综合管廊一期(续建)';

async function killHard(server) {
  server.proc.kill('SIGKILL');
  const { signal } = await server.exited;
  assert.equal(signal, 'SIGKILL');
}

// The database is sound: SQLite's integrity check through the CLI; PostgreSQL is checked by
// the server starting on it and by the counts the tests compare.
async function assertSound(db) {
  if (DIALECT !== 'sqlite') return;
  const check = await runCli(['check', '--db', db.url]);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /完整性检查通过/);
}

async function projectTotal(client, q = '') {
  const res = await client.get(`/api/v1/projects?page_size=1${q ? '&q=' + encodeURIComponent(q) : ''}`);
  assert.equal(res.status, 200, res.text);
  return res.body.total;
}

async function unitNamed(client, name) {
  const res = await client.get('/api/v1/units');
  return res.body.items.find((u) => u.name === name);
}

// A 3,000-row ledger: new projects of a new 业主单位, and last the anchor project, updated.
function bigLedger() {
  const rows = [['一、区重点项目']];
  for (let i = 1; i < ROWS; i++) {
    rows.push([i, `云河区老旧小区改造提升第${i}批`, OWNER, '城东路街道办事处', 1000 + i + (i % 7) / 4, null, 200 + (i % 50),
      `2026-${String((i % 12) + 1).padStart(2, '0')}`, '改建', `改造住宅楼${(i % 30) + 1}栋、管网${i % 9}公里`]);
  }
  rows.push([ROWS, ANCHOR, '云河城市建设投资集团有限公司', '城东路街道办事处', 52000, 8000, null, '2025-06', '新建', '管廊6.2公里']);
  return ledgerXlsx({ sheetName: '重点项目', title: '云河区2027年重点项目台账(第一批)', rows });
}

// Waits until the server is inside the import's transaction (see the header comment).
async function untilImportWrites(db, proc) {
  for (let i = 0; i < 3000 && proc.exitCode === null; i++) {
    if (DIALECT === 'postgres') {
      const waiting = execFileSync('psql', [db.url, '-At', '-c',
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"]).toString().trim();
      if (waiting === '1') return;
    } else if (writeLocked(db.url)) {
      await sleep(20);
      if (writeLocked(db.url)) {
        // Frozen, and still holding the write lock: inside the transaction, which can no
        // longer commit before the kill.
        proc.kill('SIGSTOP');
        if (writeLocked(db.url)) return;
        proc.kill('SIGCONT');
      }
    }
    await sleep(5);
  }
  throw new Error('the import never got to write');
}

function writeLocked(file) {
  try {
    execFileSync('sqlite3', ['-cmd', '.timeout 0', file, 'BEGIN IMMEDIATE; ROLLBACK;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    return false;
  } catch (e) {
    if (/locked|busy/i.test(e.stderr?.toString() || '')) return true;
    throw e;
  }
}

// PostgreSQL: a session of the test that holds `SELECT … FOR UPDATE` on a project until released.
async function holdRowLock(url, projectId) {
  const psql = spawn('psql', [url, '-q', '-v', 'ON_ERROR_STOP=1'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const locked = new Promise((resolve) => psql.stdout.on('data', (d) => { out += d; if (out.includes('locked')) resolve(); }));
  psql.stdin.write(`BEGIN; SELECT 'locked' FROM projects WHERE id = ${Number(projectId)} FOR UPDATE;\n`);
  await locked;
  const ended = new Promise((r) => psql.on('exit', r));
  return async () => { psql.stdin.end('ROLLBACK;\n'); await ended; };
}

test('kill -9 in the middle of a 3,000-row import: nothing of it is there after the restart, and it then imports whole', async (t) => {
  const db = createDatabase();
  let server = await startServer({ database: db });
  try {
    let staff = await signedIn(server.url, 'fgw');
    const lead = await unitNamed(staff, '城东路街道办事处');
    const owner = await unitNamed(staff, '云河城市建设投资集团有限公司');
    assert.ok(lead && owner && !(await unitNamed(staff, OWNER)));
    const anchorRes = await staff.post('/api/v1/projects', {
      name: ANCHOR, level: 'district', lead_unit_id: lead.id, owner_unit_id: owner.id, total_investment: 48000 * WAN, planned_start: '2025-06',
    });
    assert.equal(anchorRes.status, 201, anchorRes.text);
    const anchor = anchorRes.body;
    const before = await projectTotal(staff);

    const ledger = await bigLedger();
    const upload = () => staff.post('/api/v1/imports/projects?filename=' + encodeURIComponent('2027年重点项目台账.xlsx'),
      new Uint8Array(ledger), { headers: { 'content-type': 'application/octet-stream' } });
    const preview = await upload();
    assert.equal(preview.status, 200, preview.text);
    assert.deepEqual(preview.body.summary, { total: ROWS, create: ROWS - 1, update: 1, unchanged: 0, error: 0 });

    const release = DIALECT === 'postgres' ? await holdRowLock(db.url, anchor.id) : null;
    let answered = false;
    const commit = staff.post(`/api/v1/imports/projects/${preview.body.import_id}/commit`, { plan_id: preview.body.plan_id })
      .then(() => { answered = true; }, () => {});
    const sentAt = Date.now();
    try {
      await untilImportWrites(db, server.proc);
      await killHard(server);
      t.diagnostic(`killed ${Date.now() - sentAt} ms after the commit was sent`);
    } finally {
      await release?.();
    }
    await commit;
    assert.equal(answered, false, 'the commit was not answered');
    await assertSound(db);

    server = await startServer({ demo: false, database: db });
    staff = await signedIn(server.url, 'fgw');
    assert.equal(await projectTotal(staff), before, 'no project of the import');
    assert.equal(await projectTotal(staff, '云河区老旧小区改造提升'), 0);
    assert.equal(await unitNamed(staff, OWNER), undefined, 'the new 业主单位 was not added');
    const kept = (await staff.get(`/api/v1/projects/${anchor.id}`)).body;
    assert.equal(kept.total_investment, 48000 * WAN, 'the anchor project is as it was');
    assert.equal(kept.version, anchor.version);

    // The database takes the same import in full.
    const again = await upload();
    assert.deepEqual(again.body.summary, { total: ROWS, create: ROWS - 1, update: 1, unchanged: 0, error: 0 });
    const doneAt = Date.now();
    const done = await staff.post(`/api/v1/imports/projects/${again.body.import_id}/commit`, { plan_id: again.body.plan_id });
    t.diagnostic(`the import's commit took ${Date.now() - doneAt} ms`);
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.created, ROWS - 1);
    assert.equal(done.body.updated, 1);
    assert.equal(await projectTotal(staff), before + ROWS - 1);
    assert.equal((await staff.get(`/api/v1/projects/${anchor.id}`)).body.total_investment, 52000 * WAN);
    assert.ok(await unitNamed(staff, OWNER));
  } finally {
    server.proc.kill('SIGCONT'); // never leave it frozen
    await server.stop();
    await assertSound(db);
    db.drop();
  }
});

test('kill -9 in the middle of a burst of report submissions: every acknowledged save and submit is there', async (t) => {
  const db = createDatabase();
  let server = await startServer({ database: db });
  try {
    const staff = await signedIn(server.url, 'fgw');
    const unit = await signedIn(server.url, 'chengdong');
    const me = (await unit.get('/api/v1/session')).body.user;
    const prefix = '城东路街道雨污分流改造(崩溃)';
    const projects = await unitProjects(staff, me.unit_id, 16, prefix);

    let killed = false;
    const burst = reportBurst(unit, projects, {
      workers: 8,
      stop: () => killed,
      onAck: () => {
        if (!killed && burst.acked.size >= 60) {
          killed = true;
          server.proc.kill('SIGKILL');
        }
      },
    });
    await burst.done;
    assert.equal((await server.exited).signal, 'SIGKILL');
    const submitsAcked = [...burst.acked.values()].filter((e) => e.submitted).length;
    t.diagnostic(`${burst.attempted.size} reports sent, ${burst.acked.size} saves and ${submitsAcked} submits acknowledged`);
    assert.ok(burst.attempted.size > burst.acked.size || [...burst.acked.values()].some((e) => !e.submitted),
      'some writes were cut off by the kill');
    await assertSound(db);

    server = await startServer({ demo: false, database: db });
    const reader = await signedIn(server.url, 'fgw');
    for (const [key, sent] of burst.attempted) {
      const res = await reader.get(`/api/v1/projects/${sent.project}/reports/${sent.period}`);
      assert.equal(res.status, 200, res.text);
      const r = res.body.report;
      const ack = burst.acked.get(key);
      if (ack) {
        assert.ok(r, `acknowledged save ${key} is there`);
        assert.equal(r.amount, ack.amount);
        if (ack.submitted) assert.equal(r.state, 'submitted', `acknowledged submit ${key} is there`);
        else assert.ok(['draft', 'submitted'].includes(r.state), r.state);
      } else if (r) {
        // Committed before the kill but not answered: whole, with the amount sent.
        assert.equal(r.amount, sent.amount);
      }
    }
    // Counted through the grid: per period at least the acknowledged, at most the attempted.
    for (const period of new Set([...burst.attempted.values()].map((e) => e.period))) {
      const grid = await reader.get(`/api/v1/reports?period=${period}&page_size=500`);
      const count = grid.body.items.filter((i) => i.project.name.startsWith(prefix) && i.report).length;
      const low = [...burst.acked.values()].filter((e) => e.period === period).length;
      const high = [...burst.attempted.values()].filter((e) => e.period === period).length;
      assert.ok(count >= low && count <= high, `${period}: ${count} reports, expected ${low}…${high}`);
    }
    // And the database takes writes again.
    const writer = await signedIn(server.url, 'chengdong');
    const after = await writer.put(`/api/v1/projects/${projects[0].id}/reports/2026-11`, { amount: 77 * WAN, progress_text: '恢复后填报' });
    assert.equal(after.status, 200, after.text);
  } finally {
    await server.stop();
    await assertSound(db);
    db.drop();
  }
});
