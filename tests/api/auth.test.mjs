// Login, sessions, roles and CSRF, as the browser and scripts use them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, DEMO_PASSWORD } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer({ args: ['--login_max_failures', '4'] }); });
after(async () => { await server?.stop(); });

test('login sets an HttpOnly SameSite=Lax cookie and returns the user and a CSRF token', async () => {
  const c = new Client(server.url);
  const res = await c.post('/api/v1/session', { username: 'chengdong', password: DEMO_PASSWORD });
  assert.equal(res.status, 200);
  assert.equal(res.body.user.username, 'chengdong');
  assert.equal(res.body.user.role, 'unit');
  assert.equal(res.body.user.unit_name, '城东路街道办事处');
  assert.ok(res.body.csrf_token.length >= 32);
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /^tuijin_session=[A-Za-z0-9_-]{43};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.doesNotMatch(cookie, /Secure/);
  const me = await c.get('/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.display_name, '赵敏');
  assert.equal(me.body.csrf_token, res.body.csrf_token);
});

test('no session is 401 auth.required', async () => {
  const c = new Client(server.url);
  for (const path of ['/api/v1/session', '/api/v1/units', '/api/v1/users']) {
    const res = await c.get(path);
    assert.equal(res.status, 401, path);
    assert.equal(res.body.error.code, 'auth.required');
  }
  const forged = await c.get('/api/v1/units', { headers: { cookie: 'tuijin_session=forged-token-value' } });
  assert.equal(forged.status, 401);
});

test('wrong password and unknown user give the same 401 without saying which part was wrong', async () => {
  const c = new Client(server.url);
  const wrongPassword = await c.post('/api/v1/session', { username: 'fgw', password: 'not-the-password' });
  const unknownUser = await c.post('/api/v1/session', { username: 'nobody-here', password: 'not-the-password' });
  assert.equal(wrongPassword.status, 401);
  assert.equal(unknownUser.status, 401);
  assert.equal(wrongPassword.body.error.code, 'auth.invalid_credentials');
  assert.deepEqual(wrongPassword.body, unknownUser.body);
  assert.equal(wrongPassword.headers.get('set-cookie'), null);
});

test('missing fields are named', async () => {
  const res = await new Client(server.url).post('/api/v1/session', { username: 'admin' });
  assert.equal(res.status, 400);
  assert.equal(res.body.error.code, 'validation.failed');
  assert.ok(res.body.error.details.fields.password);
});

test('repeated wrong passwords are throttled with 429 and Retry-After, even for the right password', async () => {
  const c = new Client(server.url);
  for (let i = 0; i < 4; i++) {
    const res = await c.post('/api/v1/session', { username: 'nanguan', password: `wrong-${i}` });
    assert.equal(res.status, 401);
  }
  const blocked = await c.post('/api/v1/session', { username: 'nanguan', password: DEMO_PASSWORD });
  assert.equal(blocked.status, 429);
  assert.equal(blocked.body.error.code, 'auth.throttled');
  assert.ok(Number(blocked.headers.get('retry-after')) > 0);
  // Other accounts still log in, and the server keeps serving.
  assert.equal((await new Client(server.url).login('kaifaqu')).status, 200);
  assert.equal((await c.get('/healthz')).status, 200);
});

test('a role without the right gets 403', async () => {
  const unit = await signedIn(server.url, 'zhujian');
  const users = await unit.get('/api/v1/users');
  assert.equal(users.status, 403);
  assert.equal(users.body.error.code, 'auth.forbidden');
  const leader = await signedIn(server.url, 'quzhang');
  const create = await leader.post('/api/v1/units', { name: '测试单位', kind: 'street' });
  assert.equal(create.status, 403);
  const staff = await signedIn(server.url, 'fgw');
  assert.equal((await staff.del('/api/v1/units/1')).status, 403);
  // Reading units is open to every signed-in role.
  assert.equal((await leader.get('/api/v1/units')).status, 200);
});

test('state-changing requests need the CSRF header of the session', async () => {
  const admin = await signedIn(server.url, 'admin');
  const without = await admin.post('/api/v1/units', { name: '无令牌单位', kind: 'street' }, { csrf: false });
  assert.equal(without.status, 403);
  assert.equal(without.body.error.code, 'auth.csrf');
  const wrong = await admin.post('/api/v1/units', { name: '无令牌单位', kind: 'street' },
    { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
  assert.equal(wrong.status, 403);
  const list = await admin.get('/api/v1/units');
  assert.ok(!list.body.items.some((u) => u.name === '无令牌单位'), 'nothing was written');
});

test('logout revokes the session server-side', async () => {
  const c = await signedIn(server.url, 'fgw2');
  const stolenCookie = c.cookie;
  const out = await c.del('/api/v1/session');
  assert.equal(out.status, 204);
  assert.match(out.headers.get('set-cookie'), /Max-Age=0/);
  const replay = await new Client(server.url).get('/api/v1/session', { headers: { cookie: stolenCookie } });
  assert.equal(replay.status, 401);
});

test('changing one\'s password checks the current one and ends every session', async () => {
  const admin = await signedIn(server.url, 'admin');
  const created = await admin.post('/api/v1/users', {
    username: 'xmk.li', display_name: '李强', role: 'staff', password: 'Chushi@2026',
  });
  assert.equal(created.status, 201);
  const a = await signedIn(server.url, 'xmk.li', 'Chushi@2026');
  const b = await signedIn(server.url, 'xmk.li', 'Chushi@2026');
  const bad = await a.put('/api/v1/session/password', { current_password: 'wrong-one', new_password: 'Xinmima@2026' });
  assert.equal(bad.status, 400);
  assert.ok(bad.body.error.details.fields.current_password);
  const weak = await a.put('/api/v1/session/password', { current_password: 'Chushi@2026', new_password: 'xmk.li' });
  assert.equal(weak.status, 400);
  assert.ok(weak.body.error.details.fields.new_password);
  const ok = await a.put('/api/v1/session/password', { current_password: 'Chushi@2026', new_password: 'Xinmima@2026' });
  assert.equal(ok.status, 204);
  assert.equal((await b.get('/api/v1/session')).status, 401);
  assert.equal((await new Client(server.url).login('xmk.li', 'Chushi@2026')).status, 401);
  assert.equal((await new Client(server.url).login('xmk.li', 'Xinmima@2026')).status, 200);
});

test('a disabled user cannot log in and loses open sessions', async () => {
  const admin = await signedIn(server.url, 'admin');
  const created = await admin.post('/api/v1/users', {
    username: 'linshi', display_name: '临时账号', role: 'leader', password: 'Linshi@2026',
  });
  assert.equal(created.status, 201);
  const user = await signedIn(server.url, 'linshi', 'Linshi@2026');
  const disabled = await admin.put(`/api/v1/users/${created.body.id}`, {
    display_name: '临时账号', role: 'leader', disabled: true,
  });
  assert.equal(disabled.status, 200);
  assert.equal(disabled.body.disabled, true);
  assert.equal((await user.get('/api/v1/session')).status, 401);
  const login = await new Client(server.url).login('linshi', 'Linshi@2026');
  assert.equal(login.status, 403);
  assert.equal(login.body.error.code, 'auth.disabled');
});
