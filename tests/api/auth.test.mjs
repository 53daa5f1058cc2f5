// Login, sessions, roles and CSRF, as the browser and scripts use them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, createAccount, DEMO_PASSWORD } from '../lib/server.mjs';

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
  const { id, client: user } = await createAccount(admin, server.url, {
    username: 'linshi', display_name: '临时账号', role: 'leader', password: 'Yunhe#Temp2026',
  });
  const disabled = await admin.put(`/api/v1/users/${id}`, {
    display_name: '临时账号', role: 'leader', disabled: true,
  });
  assert.equal(disabled.status, 200);
  assert.equal(disabled.body.disabled, true);
  assert.equal((await user.get('/api/v1/session')).status, 401);
  const login = await new Client(server.url).login('linshi', 'Yunhe#Temp2026');
  assert.equal(login.status, 403);
  assert.equal(login.body.error.code, 'auth.disabled');
});

test('an account the administrator made must change its initial password before anything else', async () => {
  const admin = await signedIn(server.url, 'admin');
  const weak = await admin.post('/api/v1/users', { username: 'wangfang', display_name: '王芳', role: 'staff', password: 'Qwerty123' });
  assert.equal(weak.status, 400);
  assert.match(weak.body.error.details.fields.password, /过于常见/);
  const named = await admin.post('/api/v1/users', { username: 'wangfang', display_name: '王芳', role: 'staff', password: 'WangFang@2026' });
  assert.match(named.body.error.details.fields.password, /不能包含用户名/);
  const created = await admin.post('/api/v1/users', { username: 'wangfang', display_name: '王芳', role: 'staff', password: 'Chushi#2026' });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.body.must_change_password, true);

  const c = await signedIn(server.url, 'wangfang', 'Chushi#2026');
  assert.equal((await c.get('/api/v1/session')).body.user.must_change_password, true);
  const blocked = await c.get('/api/v1/projects');
  assert.equal(blocked.status, 403);
  assert.equal(blocked.body.error.code, 'auth.password_change_required');
  const same = await c.put('/api/v1/session/password', { current_password: 'Chushi#2026', new_password: 'Chushi#2026' });
  assert.equal(same.status, 400);
  assert.equal((await c.put('/api/v1/session/password', { current_password: 'Chushi#2026', new_password: 'Yunhe#Wf2026' })).status, 204);
  const again = await signedIn(server.url, 'wangfang', 'Yunhe#Wf2026');
  assert.equal((await again.get('/api/v1/session')).body.user.must_change_password, false);
  assert.equal((await again.get('/api/v1/projects')).status, 200);

  // A reset by the administrator asks for a change again.
  assert.equal((await admin.put(`/api/v1/users/${created.body.id}/password`, { password: 'Chongzhi#2026' })).status, 204);
  assert.equal((await again.get('/api/v1/session')).status, 401, 'the reset ended the sessions');
  const reset = await signedIn(server.url, 'wangfang', 'Chongzhi#2026');
  assert.equal((await reset.get('/api/v1/projects')).body.error.code, 'auth.password_change_required');
});

test('a locked account is unlocked by the administrator; sessions are listed and revoked by their owner and the administrator', async () => {
  const admin = await signedIn(server.url, 'admin');
  const c = new Client(server.url);
  let tries = 0;
  while ((await c.login('zhujian', `wrong-${tries}`)).status === 401) assert.ok(++tries <= 5, 'locked after at most five');
  const locked = await c.login('zhujian');
  assert.equal(locked.status, 429);
  assert.match(locked.body.error.message, /登录失败次数过多,请 \d+ 分钟后再试/);
  const zhujian = (await admin.get('/api/v1/users?q=zhujian')).body.items.find((u) => u.username === 'zhujian');
  assert.equal((await admin.post(`/api/v1/users/${zhujian.id}/unlock`, {})).status, 200);
  const a = new Client(server.url);
  assert.equal((await a.login('zhujian')).status, 200, 'unlocked at once');
  const b = await signedIn(server.url, 'zhujian');

  const mine = await a.get('/api/v1/session/sessions');
  assert.equal(mine.status, 200);
  assert.ok(mine.body.items.length >= 2);
  assert.equal(mine.body.items.filter((s) => s.current).length, 1);
  assert.equal(mine.body.items[0].ip, '127.0.0.1');
  const other = mine.body.items.find((s) => !s.current);
  assert.equal((await a.del(`/api/v1/session/sessions/${other.id}`)).status, 204);
  assert.equal((await a.del(`/api/v1/session/sessions/${other.id}`)).status, 404);
  const stillLive = [await a.get('/api/v1/session'), await b.get('/api/v1/session')].map((r) => r.status);
  assert.equal(stillLive.filter((s) => s === 200).length, 1, 'one of the two was ended');
  // Another user's session cannot be ended through one's own list.
  const fgw = await signedIn(server.url, 'fgw');
  const fgwSession = (await fgw.get('/api/v1/session/sessions')).body.items[0];
  assert.equal((await a.del(`/api/v1/session/sessions/${fgwSession.id}`)).status, 404);

  // 强制下线 by the administrator.
  assert.ok((await admin.get(`/api/v1/users/${zhujian.id}/sessions`)).body.items.length >= 1);
  const revoked = await admin.del(`/api/v1/users/${zhujian.id}/sessions`);
  assert.equal(revoked.status, 200);
  assert.ok(revoked.body.revoked >= 1);
  assert.equal((await a.get('/api/v1/session')).status, 401);
  assert.equal((await admin.get(`/api/v1/users/${zhujian.id}/sessions`)).body.items.length, 0);
  assert.equal((await fgw.get(`/api/v1/users/${zhujian.id}/sessions`)).status, 403);
});
