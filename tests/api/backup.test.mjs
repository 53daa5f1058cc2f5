// Backup and restore (备份与恢复). SQLite: `tuijin backup` while the server takes a burst of
// report submissions, `tuijin restore` to a new file, a server on the restored file has every
// write acknowledged before the backup began and none sent after it ended; restore refuses
// what it must (an existing target, a server's open database, a damaged file, a newer schema).
// PostgreSQL: `tuijin backup` names pg_dump; pg_dump + pg_restore into a new database, and a
// server there has the reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signedIn, runCli, createDatabase, DIALECT } from '../lib/server.mjs';
import { unitProjects, reportBurst } from '../lib/burst.mjs';

const sqliteOnly = { skip: DIALECT !== 'sqlite' && 'SQLite only' };
const postgresOnly = { skip: DIALECT !== 'postgres' && 'PostgreSQL only' };

// The report of a project and period as the API shows it (null when there is none).
async function reportOf(client, project, period) {
  const res = await client.get(`/api/v1/projects/${project}/reports/${period}`);
  assert.equal(res.status, 200, res.text);
  return res.body.report;
}

// How many reports a period's grid shows for the unit's projects named `prefix`….
async function reportCount(client, period, prefix) {
  const res = await client.get(`/api/v1/reports?period=${period}&page_size=500&q=${encodeURIComponent(prefix)}`);
  assert.equal(res.status, 200, res.text);
  return res.body.items.filter((r) => r.project.name.startsWith(prefix) && r.report).length;
}

test('backup during a burst of submissions, restore to a new file: every write acknowledged before the backup is there', sqliteOnly, async () => {
  const db = createDatabase();
  const server = await startServer({ database: db });
  let restoredServer;
  try {
    const staff = await signedIn(server.url, 'fgw');
    const unit = await signedIn(server.url, 'chengdong');
    const me = (await unit.get('/api/v1/session')).body.user;
    const prefix = '城东路街道背街小巷提质改造(备份)';
    const projects = await unitProjects(staff, me.unit_id, 12, prefix);

    // Workers keep writing until 30 more writes were acknowledged after the backup ended.
    let backupEnded = null;
    let afterEnd = 0;
    let started;
    const begun = new Promise((r) => { started = r; });
    const burst = reportBurst(unit, projects, {
      workers: 6,
      stop: () => backupEnded !== null && afterEnd >= 30,
      onAck: () => {
        if (backupEnded !== null) afterEnd++;
        if (burst.acked.size >= 40) started();
      },
    });
    await begun;
    // What was acknowledged before the backup began: each report with its amount and state.
    const before = [...burst.acked.values()].map((e) => ({ ...e }));
    const sentBefore = new Set(burst.attempted.keys());
    const out = join(db.dir, 'backup', 'tuijin-备份.db');
    execFileSync('mkdir', ['-p', join(db.dir, 'backup')]);
    const backup = await runCli(['backup', '--db', db.url, '--out', out]);
    backupEnded = new Set(burst.attempted.keys());
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /已备份到 .*tuijin-备份\.db\(完整性检查通过,结构版本 \d+/);
    assert.ok(!existsSync(`${out}.part`), 'the .part file was renamed');
    await burst.done;
    // Reports first sent after the backup ended: none of them may be in it.
    const sentAfter = [...burst.attempted.keys()].filter((k) => !backupEnded.has(k));
    assert.ok(sentAfter.length >= 10, `writes went on after the backup (${sentAfter.length})`);
    assert.ok(before.length >= 40 && sentBefore.size >= before.length);

    const restoredDir = join(db.dir, 'restored');
    const restored = join(restoredDir, 'tuijin.db');
    const restore = await runCli(['restore', '--db', restored, '--from', out]);
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, /完整性检查通过/);
    assert.match(restore.stdout, /请重新启动服务/);
    assert.deepEqual(readdirSync(restoredDir), ['tuijin.db'], 'nothing but the database beside it');
    const check = await runCli(['check', '--db', restored]);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /完整性检查通过\(PRAGMA integrity_check\)/);

    restoredServer = await startServer({ demo: false, database: { url: restored, dir: restoredDir, drop: () => {} } });
    const reader = await signedIn(restoredServer.url, 'fgw');
    for (const e of before) {
      const r = await reportOf(reader, e.project, e.period);
      assert.ok(r, `report ${e.project}/${e.period} acknowledged before the backup is in the restore`);
      assert.equal(r.amount, e.amount);
      if (e.submitted) assert.equal(r.state, 'submitted', `${e.project}/${e.period} was submitted before the backup`);
    }
    for (const key of sentAfter) {
      const [project, period] = key.split('/');
      assert.equal(await reportOf(reader, project, period), null, `report ${key} was first sent after the backup ended`);
    }
    // Counted by period through the grid as well: at least what was acknowledged before, at
    // most what had been sent when the backup ended.
    const periods = new Set([...burst.attempted.values()].map((e) => e.period));
    for (const period of periods) {
      const count = await reportCount(reader, period, prefix);
      const low = before.filter((e) => e.period === period).length;
      const high = [...backupEnded].filter((k) => k.endsWith(`/${period}`)).length;
      assert.ok(count >= low && count <= high, `${period}: ${count} reports, expected ${low}…${high}`);
    }
    // The live database has them all, including the writes after the backup.
    const live = await signedIn(server.url, 'fgw');
    for (const key of sentAfter.slice(0, 5)) {
      const [project, period] = key.split('/');
      if (burst.acked.has(key)) assert.ok(await reportOf(live, project, period));
    }
  } finally {
    await restoredServer?.stop();
    await server.stop();
    db.drop();
  }
});

test('restore refuses an existing target without --force, a running server\'s database, a damaged file and a newer schema', sqliteOnly, async () => {
  const db = createDatabase();
  const server = await startServer({ database: db });
  try {
    const out = join(db.dir, 'b.db');
    assert.equal((await runCli(['backup', '--db', db.url, '--out', out])).code, 0);
    const same = await runCli(['backup', '--db', db.url, '--out', db.url]);
    assert.notEqual(same.code, 0);
    assert.match(same.stderr, /不能是数据库文件本身/);

    const target = join(db.dir, 'target.db');
    assert.equal((await runCli(['restore', '--db', target, '--from', out])).code, 0);
    const again = await runCli(['restore', '--db', target, '--from', out]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /目标数据库已存在.*--force/);
    const forced = await runCli(['restore', '--db', target, '--from', out, '--force']);
    assert.equal(forced.code, 0, forced.stderr);

    // The server has its database open: --force does not overwrite it under it.
    const inUse = await runCli(['restore', '--db', db.url, '--from', out, '--force']);
    assert.notEqual(inUse.code, 0);
    assert.match(inUse.stderr, /正在被使用/);
    assert.equal(server.proc.exitCode, null, 'the server still runs');
    const staff = await signedIn(server.url, 'fgw');
    assert.equal((await staff.get('/api/v1/projects?page_size=1')).status, 200);

    const damaged = join(db.dir, 'damaged.db');
    writeFileSync(damaged, Buffer.from('云河区重点项目台账'.repeat(500)));
    const notDb = await runCli(['restore', '--db', join(db.dir, 'x.db'), '--from', damaged]);
    assert.notEqual(notDb.code, 0);
    assert.match(notDb.stderr, /不是 SQLite 数据库文件/);
    assert.ok(!existsSync(join(db.dir, 'x.db')));

    // A backup made by a newer tuijin (one more migration applied).
    const newer = join(db.dir, 'newer.db');
    copyFileSync(out, newer);
    execFileSync('sqlite3', [newer, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future', '2027-01-01 00:00:00')"]);
    const refused = await runCli(['restore', '--db', join(db.dir, 'y.db'), '--from', newer]);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /备份的数据库结构版本 9999 比本程序支持的版本 \d+ 新/);
    assert.ok(!existsSync(join(db.dir, 'y.db')));
  } finally {
    await server.stop();
    db.drop();
  }
});

// pg_dump and pg_restore of the server binaries scripts/pg.sh uses.
function pgTool(name) {
  const dirs = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  return join('/usr/lib/postgresql', dirs[dirs.length - 1], 'bin', name);
}

test('PostgreSQL: backup names pg_dump; pg_dump and pg_restore into a new database keep every report', postgresOnly, async () => {
  const db = createDatabase();
  const copy = createDatabase();
  const server = await startServer({ database: db });
  let restoredServer;
  try {
    const named = await runCli(['backup', '--db', db.url, '--out', join(db.dir, 'x.dump')]);
    assert.equal(named.code, 2);
    assert.ok(named.stderr.includes(`pg_dump --format=custom --file ${join(db.dir, 'x.dump')} ${db.url}`), named.stderr);

    const staff = await signedIn(server.url, 'fgw');
    const unit = await signedIn(server.url, 'chengdong');
    const me = (await unit.get('/api/v1/session')).body.user;
    const prefix = '南关片区雨污分流改造(备份)';
    const projects = await unitProjects(staff, me.unit_id, 6, prefix);
    const burst = reportBurst(unit, projects, { workers: 3, stop: () => burst.acked.size >= 24 && [...burst.acked.values()].every((e) => e.submitted) });
    await burst.done;

    const dump = join(db.dir, 'tuijin.dump');
    execFileSync(pgTool('pg_dump'), ['--format=custom', '--file', dump, db.url]);
    execFileSync(pgTool('pg_restore'), ['--dbname', copy.url, '--no-owner', dump]);
    await server.stop({ keepDatabase: true });

    restoredServer = await startServer({ demo: false, database: copy });
    const reader = await signedIn(restoredServer.url, 'fgw');
    for (const e of burst.acked.values()) {
      const r = await reportOf(reader, e.project, e.period);
      assert.ok(r, `report ${e.project}/${e.period} is in the restored database`);
      assert.equal(r.amount, e.amount);
      assert.equal(r.state, e.submitted ? 'submitted' : 'draft');
    }
    const periods = new Set([...burst.acked.values()].map((e) => e.period));
    for (const period of periods) {
      assert.equal(await reportCount(reader, period, prefix), [...burst.acked.values()].filter((e) => e.period === period).length);
    }
  } finally {
    await restoredServer?.stop();
    await server.stop();
    copy.drop();
    db.drop();
  }
});
