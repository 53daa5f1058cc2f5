// Units (单位管理) and users (用户管理) through the API, with validation per field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from '../lib/server.mjs';

let server, admin;
before(async () => {
  server = await startServer();
  admin = await signedIn(server.url, 'admin');
});
after(async () => { await server?.stop(); });

async function unitByName(name) {
  const list = await admin.get('/api/v1/units');
  return list.body.items.find((u) => u.name === name);
}

test('the demo district has its units in a tree, parents first', async () => {
  const list = await admin.get('/api/v1/units');
  assert.equal(list.status, 200);
  assert.equal(list.body.total, list.body.items.length);
  const kinds = new Set(list.body.items.map((u) => u.kind));
  for (const k of ['street', 'township', 'zone', 'department', 'owner', 'superior']) assert.ok(kinds.has(k), k);
  const seen = new Set();
  for (const u of list.body.items) {
    if (u.parent_id !== null) assert.ok(seen.has(u.parent_id), `${u.name} comes after its parent`);
    seen.add(u.id);
  }
  const zone = await unitByName('云河经济开发区管理委员会');
  const child = await unitByName('开发区建设发展局');
  assert.equal(child.parent_id, zone.id);
});

test('creating a unit validates every field and reports them together', async () => {
  const res = await admin.post('/api/v1/units', { name: '  ', kind: '社区', sort_order: 'first' });
  assert.equal(res.status, 400);
  assert.equal(res.body.error.code, 'validation.failed');
  const fields = res.body.error.details.fields;
  assert.ok(fields.name);
  assert.ok(fields.kind);
  assert.ok(fields.sort_order);
  const missingParent = await admin.post('/api/v1/units', { name: '某社区', kind: 'street', parent_id: 999999 });
  assert.equal(missingParent.status, 400);
  assert.ok(missingParent.body.error.details.fields.parent_id);
});

test('create, rename, move and delete a unit; names are unique among siblings', async () => {
  const street = await unitByName('南关街道办事处');
  const created = await admin.post('/api/v1/units', { name: '南关社区', kind: 'street', parent_id: street.id, code: 'NG-01' });
  assert.equal(created.status, 201);
  assert.equal(created.body.parent_id, street.id);
  assert.equal(created.body.enabled, true);

  const dup = await admin.post('/api/v1/units', { name: '南关社区', kind: 'street', parent_id: street.id });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.code, 'unit.duplicate_name');
  // The same name under another parent is fine.
  const other = await unitByName('北关街道办事处');
  const elsewhere = await admin.post('/api/v1/units', { name: '南关社区', kind: 'street', parent_id: other.id });
  assert.equal(elsewhere.status, 201);

  const renamed = await admin.put(`/api/v1/units/${created.body.id}`, {
    name: '南关第一社区', kind: 'street', parent_id: street.id, enabled: false, sort_order: 5,
  });
  assert.equal(renamed.status, 200);
  assert.equal(renamed.body.name, '南关第一社区');
  assert.equal(renamed.body.enabled, false);

  const cycle = await admin.put(`/api/v1/units/${street.id}`, { name: street.name, kind: 'street', parent_id: created.body.id });
  assert.equal(cycle.status, 400);
  assert.ok(cycle.body.error.details.fields.parent_id);

  const inUse = await admin.del(`/api/v1/units/${street.id}`);
  assert.equal(inUse.status, 409);
  assert.equal(inUse.body.error.code, 'unit.in_use');

  assert.equal((await admin.del(`/api/v1/units/${created.body.id}`)).status, 204);
  assert.equal((await admin.get(`/api/v1/units/${created.body.id}`)).status, 404);
  assert.equal((await admin.del(`/api/v1/units/${elsewhere.body.id}`)).status, 204);
});

test('a unit with users cannot be deleted', async () => {
  const street = await unitByName('城东路街道办事处');
  const res = await admin.del(`/api/v1/units/${street.id}`);
  assert.equal(res.status, 409);
  assert.equal(res.body.error.code, 'unit.in_use');
});

test('users: create with validation, list with filters and paging, update', async () => {
  const bad = await admin.post('/api/v1/users', { username: 'Zhang San', display_name: '', role: 'boss', password: '123' });
  assert.equal(bad.status, 400);
  const f = bad.body.error.details.fields;
  for (const k of ['username', 'display_name', 'role', 'password']) assert.ok(f[k], k);

  const noUnit = await admin.post('/api/v1/users', { username: 'xibei', display_name: '何静', role: 'unit', password: 'Xibei@2026' });
  assert.equal(noUnit.status, 400);
  assert.ok(noUnit.body.error.details.fields.unit_id);

  const street = await unitByName('紫荆山街道办事处');
  const created = await admin.post('/api/v1/users', {
    username: 'zijingshan', display_name: '何静', role: 'unit', unit_id: street.id, phone: '13903710099', password: 'Zjs@20262026',
  });
  assert.equal(created.status, 201);
  assert.equal(created.body.unit_name, '紫荆山街道办事处');
  assert.equal(created.body.password_hash, undefined);

  const dup = await admin.post('/api/v1/users', {
    username: 'zijingshan', display_name: '重复', role: 'leader', password: 'Zjs@20262026',
  });
  assert.equal(dup.status, 409);
  assert.ok(dup.body.error.details.fields.username);

  const byName = await admin.get(`/api/v1/users?q=${encodeURIComponent('何静')}`);
  assert.equal(byName.body.total, 1);
  assert.equal(byName.body.items[0].username, 'zijingshan');

  const units = await admin.get('/api/v1/users?role=unit&page_size=2&page=1');
  assert.ok(units.body.total >= 6);
  assert.equal(units.body.items.length, 2);
  const page2 = await admin.get('/api/v1/users?role=unit&page_size=2&page=2');
  assert.notEqual(page2.body.items[0].id, units.body.items[0].id);

  // A unit filter includes the unit's sub-units.
  const zone = await unitByName('云河经济开发区管理委员会');
  const sub = await unitByName('开发区建设发展局');
  await admin.post('/api/v1/users', { username: 'kfq.js', display_name: '冯磊', role: 'unit', unit_id: sub.id, password: 'Kfqjs@2026' });
  const inZone = await admin.get(`/api/v1/users?unit_id=${zone.id}`);
  assert.deepEqual(inZone.body.items.map((u) => u.username).sort(), ['kaifaqu', 'kfq.js']);

  const badPage = await admin.get('/api/v1/users?page_size=100000');
  assert.equal(badPage.status, 400);
  assert.ok(badPage.body.error.details.fields.page_size);

  const moved = await admin.put(`/api/v1/users/${created.body.id}`, { display_name: '何静', role: 'staff', unit_id: null });
  assert.equal(moved.status, 200);
  assert.equal(moved.body.role, 'staff');
  assert.equal(moved.body.unit_id, null);
});

test('an administrator cannot disable or demote themselves', async () => {
  const me = (await admin.get('/api/v1/session')).body.user;
  const res = await admin.put(`/api/v1/users/${me.id}`, { display_name: me.display_name, role: 'staff', disabled: true });
  assert.equal(res.status, 400);
  assert.ok(res.body.error.details.fields.disabled);
  assert.ok(res.body.error.details.fields.role);
});

test('an administrator resets a password: old sessions end, the new password works', async () => {
  const leader = await signedIn(server.url, 'fuquzhang');
  const me = (await leader.get('/api/v1/session')).body.user;
  const weak = await admin.put(`/api/v1/users/${me.id}/password`, { password: 'short' });
  assert.equal(weak.status, 400);
  const res = await admin.put(`/api/v1/users/${me.id}/password`, { password: 'Fenbao@2026' });
  assert.equal(res.status, 204);
  assert.equal((await leader.get('/api/v1/session')).status, 401);
  await signedIn(server.url, 'fuquzhang', 'Fenbao@2026');
  assert.equal((await admin.put('/api/v1/users/999999/password', { password: 'Fenbao@2026' })).status, 404);
});
