// The audit trail (操作日志) on SQLite and PostgreSQL: a unit user's update is recorded with the
// changed fields old and new; sign-ins (and failed ones) and sign-outs, refused writes and
// downloads are recorded with who, when and from where; secrets never reach the log; only the
// administrator reads and exports it; and the database itself refuses to change or delete a row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { startServer, signedIn, Client, DIALECT } from '../lib/server.mjs';

let server, admin, staff, chengdong;

before(async () => {
  server = await startServer();
  admin = await signedIn(server.url, 'admin');
  staff = await signedIn(server.url, 'fgw');
  chengdong = await signedIn(server.url, 'chengdong');
});
after(async () => { await server?.stop(); });

async function entries(query) {
  const res = await admin.get(`/api/v1/audit-log?${query}`);
  assert.equal(res.status, 200, res.text);
  return res.body;
}

test('a unit user\'s update of its project is recorded with the fields it changed, old and new', async () => {
  const mine = (await chengdong.get('/api/v1/projects?page_size=1')).body.items[0];
  const before = (await chengdong.get(`/api/v1/projects/${mine.id}`)).body;
  const edited = await chengdong.put(`/api/v1/projects/${mine.id}`, {
    ...before, contact_name: '赵敏（城东路）', contact_phone: '13803710099', version: before.version,
  });
  assert.equal(edited.status, 200, edited.text);

  const log = await entries(`action=projects.update&resource_id=${mine.id}`);
  assert.equal(log.total, 1);
  const e = log.items[0];
  assert.equal(e.username, 'chengdong');
  assert.equal(e.role, 'unit');
  assert.equal(e.address, '127.0.0.1');
  assert.equal(e.status, 200);
  assert.equal(e.method, 'PUT');
  assert.equal(e.path, `/api/v1/projects/${mine.id}`);
  assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
  assert.deepEqual(e.old_values, { contact_name: before.contact_name ?? null, contact_phone: before.contact_phone ?? null });
  assert.deepEqual(e.new_values, { contact_name: '赵敏（城东路）', contact_phone: '13803710099' });

  // A refused write is recorded too, with why.
  const theirs = (await staff.get('/api/v1/projects?page_size=200')).body.items
    .find((p) => p.lead_unit_id !== mine.lead_unit_id && p.owner_unit_id !== mine.lead_unit_id);
  const refused = await chengdong.put(`/api/v1/projects/${theirs.id}`, { name: '越权修改' });
  assert.ok([403, 404].includes(refused.status), refused.text);
  const r = (await entries(`username=chengdong&result=failed&resource_id=${theirs.id}`)).items[0];
  assert.ok(r, 'the refused update is in the log');
  assert.equal(r.status, refused.status);
  assert.equal(r.summary, refused.body.error.message);
  assert.equal(r.old_values, null, 'nothing changed');
});

test('sign-in, a failed sign-in and sign-out are recorded; passwords never are', async () => {
  const failed = await new Client(server.url).login('nanguan', '错误的密码123');
  assert.equal(failed.status, 401);
  const c = await signedIn(server.url, 'nanguan');
  assert.equal((await c.del('/api/v1/session')).status, 204);
  const log = (await entries('username=nanguan')).items.map((e) => [e.action, e.status]);
  assert.deepEqual(log.slice(0, 3), [['session.logout', 204], ['session.login', 200], ['session.login_failed', 401]]);
  const texts = JSON.stringify((await entries('username=nanguan')).items);
  assert.ok(!texts.includes('错误的密码123') && !texts.includes('Tuijin@2026'), 'no password in the log');

  const user = (await admin.get('/api/v1/users?q=nanguan')).body.items[0];
  const reset = await admin.put(`/api/v1/users/${user.id}/password`, { password: 'Yunhe#2026new' });
  assert.equal(reset.status, 204, reset.text);
  const e = (await entries(`action=users.password&resource_id=${user.id}`)).items[0];
  assert.equal(e.username, 'admin');
  assert.equal(e.new_values.password, '***');
  assert.ok(!JSON.stringify(e).includes('Yunhe#2026new'));
});

test('downloads are recorded with their filters; only the administrator reads and exports the log', async () => {
  const res = await staff.request('GET', '/api/v1/exports/projects?level=province', { raw: true });
  assert.equal(res.status, 200);
  await res.arrayBuffer();
  const e = (await entries('action=exports.projects.download')).items[0];
  assert.equal(e.username, 'fgw');
  assert.equal(e.path, '/api/v1/exports/projects?level=province');

  for (const c of [staff, chengdong]) {
    assert.equal((await c.get('/api/v1/audit-log')).status, 403);
    assert.equal((await c.get('/api/v1/exports/audit-log')).status, 403);
  }
  assert.equal((await admin.get('/api/v1/audit-log?from=2026-13-01')).status, 400);

  const listed = await entries('username=chengdong');
  const xlsx = await admin.request('GET', '/api/v1/exports/audit-log?username=chengdong', { raw: true });
  assert.equal(xlsx.status, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()));
  const ws = wb.getWorksheet('操作日志');
  assert.equal(ws.getCell('A1').value, '云河区重点项目管理平台操作日志');
  assert.match(String(ws.getCell('A2').value), /筛选:账号 chengdong/);
  assert.equal(ws.rowCount - 3, listed.total);
  const update = listed.items.find((x) => x.action === 'projects.update' && x.status === 200);
  const row = ws.getRows(4, ws.rowCount - 3).find((r) => r.getCell(10).value === `PUT /api/v1/projects/${update.resource_id}`);
  assert.ok(row, 'the update is a row');
  assert.equal(row.getCell(6).value, '修改 项目');
  assert.match(String(row.getCell(9).value), /contact_name:.* → 赵敏（城东路）/);
  assert.equal((await entries('action=exports.audit-log.download')).total, 1, 'exporting the log is itself recorded');
});

test('the database refuses to change or delete an audit row', async () => {
  const total = (await entries('')).total;
  assert.ok(total > 0);
  const tries = ['UPDATE audit_log SET username = \'someone\'', 'DELETE FROM audit_log'];
  if (DIALECT === 'postgres') tries.push('TRUNCATE audit_log');
  for (const sql of tries) {
    let error = '';
    try {
      if (DIALECT === 'sqlite') {
        execFileSync('sqlite3', [server.db.url, sql], { stdio: ['ignore', 'pipe', 'pipe'] });
      } else {
        execFileSync('psql', [server.db.url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: ['ignore', 'pipe', 'pipe'] });
      }
    } catch (err) {
      error = String(err.stderr);
    }
    assert.match(error, /append-only/, `${sql} is refused`);
  }
  const after = await entries('');
  assert.equal(after.total, total);
  assert.ok(after.items.every((e) => e.username !== 'someone'));
});
