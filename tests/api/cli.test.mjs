// The command line: migrate, schema checks on serve, user management, config-dump.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDatabase, runCli, startServer, signedIn, Client } from '../lib/server.mjs';

test('help lists every command from the table', async () => {
  const { code, stdout } = await runCli(['help']);
  assert.equal(code, 0);
  for (const c of ['serve', 'migrate', 'user', 'demo', 'backup', 'restore', 'check', 'config-dump', 'version', 'help']) assert.match(stdout, new RegExp(`\\b${c}\\b`));
  const unknown = await runCli(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /未知命令/);
});

test('serve refuses an unmigrated database and says what to run; migrate fixes it', async () => {
  const db = createDatabase();
  try {
    const refused = await runCli(['serve', '--db', db.url, '--listen', '127.0.0.1:0']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /tuijin migrate/);
    const migrated = await runCli(['migrate', '--db', db.url]);
    assert.equal(migrated.code, 0, migrated.stderr);
    assert.match(migrated.stdout, /0001_init/);
    const again = await runCli(['migrate', '--db', db.url]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /本次应用 0 个迁移/);
  } finally {
    db.drop();
  }
});

test('user add, list and passwd work against the database the server uses', async () => {
  const db = createDatabase();
  try {
    assert.equal((await runCli(['migrate', '--db', db.url])).code, 0);
    const weak = await runCli(['user', 'add', '--db', db.url, '--username', 'ops', '--password', 'ops', '--role', 'admin']);
    assert.notEqual(weak.code, 0);
    assert.match(weak.stderr, /--password/);
    const badRole = await runCli(['user', 'add', '--db', db.url, '--username', 'ops', '--password', 'Yunwei@2026', '--role', 'root']);
    assert.notEqual(badRole.code, 0);
    assert.match(badRole.stderr, /--role/);
    const add = await runCli(['user', 'add', '--db', db.url, '--username', 'ops', '--password', 'Yunwei@2026',
      '--role', 'admin', '--name', '运维管理员']);
    assert.equal(add.code, 0, add.stderr);
    const list = await runCli(['user', 'list', '--db', db.url]);
    assert.match(list.stdout, /ops\s+admin\s+运维管理员/);

    const server = await startServer({ demo: false, database: db });
    try {
      const c = await signedIn(server.url, 'ops', 'Yunwei@2026');
      assert.equal((await c.get('/api/v1/session')).body.user.display_name, '运维管理员');
      const passwd = await runCli(['user', 'passwd', '--db', db.url, '--username', 'ops', '--password', 'Xinmima@2026']);
      assert.equal(passwd.code, 0, passwd.stderr);
      assert.equal((await c.get('/api/v1/session')).status, 401, 'passwd ends open sessions');
      assert.equal((await new Client(server.url).login('ops', 'Xinmima@2026')).status, 200);
    } finally {
      await server.stop({ keepDatabase: true });
    }
  } finally {
    db.drop();
  }
});

test('configuration: file < environment < flags, and config-dump masks secrets', async () => {
  const db = createDatabase();
  try {
    const file = join(db.dir, 'tuijin.toml');
    writeFileSync(file, 'listen = "127.0.0.1:9100"\nworkers = 3\nlog_level = "debug"\n');
    const dump = await runCli(['config-dump', '--config', file, '--log_level', 'error',
      '--db', 'postgresql://tuijin:s3cr3t-pw@127.0.0.1:5432/tuijin'], { env: { TUIJIN_WORKERS: '5' } });
    assert.equal(dump.code, 0, dump.stderr);
    assert.match(dump.stdout, /^listen = 127\.0\.0\.1:9100$/m);
    assert.match(dump.stdout, /^workers = 5$/m);
    assert.match(dump.stdout, /^log_level = error$/m);
    assert.match(dump.stdout, /^db = postgresql:\/\/tuijin:\*\*\*\*@127\.0\.0\.1:5432\/tuijin$/m);
    assert.doesNotMatch(dump.stdout, /s3cr3t/);

    writeFileSync(file, 'workers = "many"\n');
    const bad = await runCli(['config-dump', '--config', file]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /workers/);
  } finally {
    db.drop();
  }
});

test('demo is idempotent: a second load adds nothing', async () => {
  const db = createDatabase();
  try {
    const first = await runCli(['demo', '--db', db.url]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /新增单位 \d+ 个,用户 \d+ 个/);
    assert.match(first.stdout, /admin/);
    const second = await runCli(['demo', '--db', db.url]);
    assert.match(second.stdout, /新增单位 0 个,用户 0 个/);
  } finally {
    db.drop();
  }
});
