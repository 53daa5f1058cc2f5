// The web shell in headless Chromium against the real binary (web/dist embedded): login,
// menus by role, language switch, units and users pages, logout and session expiry.
// Screenshots go to $TUIJIN_ARTIFACTS/e2e-shell-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, login } from '../lib/browser.mjs';
import { Client } from '../lib/server.mjs';

// A low per-account limit so that the throttling message can be reached quickly.
const { server, newPage, shot } = browserSuite({ prefix: 'shell', serverOptions: { args: ['--login_max_failures', '3'] } });

async function loginError(page) {
  const alert = page.locator('[data-test=login-error]');
  await alert.waitFor();
  return (await alert.textContent()).trim();
}

// The menu entry for a route name, e.g. 'projects', 'admin-units'.
const menu = (page, name) => page.locator(`[data-test=side-menu] [data-test=menu-${name}]`);
const title = (page) => page.locator('[data-test=page-title]');
const confirmBox = (page) => page.locator('.el-message-box');

// The units table as it is shown: [{ name, kind, code, level }] in display order, level being
// the depth in the tree (0 for a top-level unit).
async function unitTree(page) {
  return page.locator('[data-test=units-table] .el-table__body tr.el-table__row').evaluateAll((trs) => trs.map((tr) => {
    const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
    const level = /el-table__row--level-(\d+)/.exec(tr.className);
    return { name: cells[0], kind: cells[1], code: cells[2], level: level ? Number(level[1]) : 0 };
  }));
}

test('a deep link asks for a login, then lands where it pointed', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/admin/users?role=staff`);
  await page.waitForSelector('[data-test=login-username]');
  const url = new URL(page.url());
  assert.equal(url.pathname, '/login');
  assert.equal(url.searchParams.get('redirect'), '/admin/users?role=staff');
  assert.match(await page.textContent('body'), /推进 · 重点项目管理平台/);
  await shot(page, 'login');

  await login(page, 'admin', 'not-the-password');
  assert.equal(await loginError(page), '用户名或密码错误');

  await login(page, 'admin');
  await page.waitForSelector('[data-test=users-table] .el-table__row');
  assert.equal(new URL(page.url()).pathname, '/admin/users');
  assert.equal(await title(page).textContent(), '用户管理');
  // The role filter came from the URL: only 发改局工作人员 are listed.
  const roles = await page.locator('[data-test=users-table] [data-test=user-role-tag]').allTextContents();
  assert.ok(roles.length > 0);
  assert.ok(roles.every((r) => r.trim() === '发改局工作人员'), roles.join(','));
});

test('repeated wrong passwords show the throttling message', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/login`);
  let status = 0;
  for (let i = 0; i < 6 && status !== 429; i++) {
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST');
    await login(page, 'zhuanjia', `wrong-${i}`);
    status = (await answered).status();
  }
  assert.equal(status, 429);
  await page.locator('[data-test=login-error]', { hasText: '登录失败次数过多，请稍后再试' }).waitFor();
  await shot(page, 'login-throttled');
});

test('the admin sees every module and can log out', async () => {
  const page = await newPage();
  await page.goto(server.url);
  await login(page, 'admin');
  await page.waitForURL('**/projects');
  await page.waitForSelector('[data-test=projects-page]');
  for (const name of ['projects', 'plans', 'targets', 'reports', 'warnings', 'statuses', 'supervision-center', 'supervision', 'meetings', 'task-ledgers', 'supervision-stats', 'dashboard', 'map', 'briefings', 'admin', 'admin-units', 'admin-users', 'admin-dictionaries', 'admin-status-rules', 'admin-work-calendar', 'admin-delivery']) {
    assert.equal(await menu(page, name).count(), 1, name);
  }
  assert.equal(await title(page).textContent(), '项目库');

  await menu(page, 'supervision').click();
  await page.waitForURL('**/supervision');
  await page.waitForSelector('[data-test=supervision-page]');
  assert.equal(await title(page).textContent(), '督办事项');

  await menu(page, 'map').click();
  await page.waitForURL('**/map');
  await page.waitForSelector('[data-test=map-page]');
  assert.equal(await title(page).textContent(), '项目作战地图');

  const userMenu = page.locator('[data-test=user-menu]');
  assert.match(await userMenu.textContent(), /系统管理员/);
  await userMenu.click();
  await page.locator('[data-test=logout]').click();
  await page.waitForSelector('[data-test=login-username]');
  // Logged out, a deep link asks for a login again. (That the server revokes the session is
  // tested in tests/api/auth.test.mjs.)
  await page.goto(`${server.url}/admin/units`);
  await page.waitForSelector('[data-test=login-username]');
});

test('the language switch turns the whole UI to English and is remembered', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/login`);
  await page.click('[data-test=lang-switch]');
  await page.locator('[data-test=lang-option-en]').click();
  await page.waitForSelector('text=Sign in');
  await login(page, 'admin', 'not-the-password');
  assert.equal(await loginError(page), 'Wrong username or password');
  await login(page, 'admin');
  await page.waitForURL('**/projects');
  assert.equal(await title(page).textContent(), 'Projects');
  assert.equal((await page.textContent('[data-test=project-add]')).trim(), 'New project');
  assert.match(await menu(page, 'admin-users').textContent(), /Users/);

  await page.goto(`${server.url}/supervision`);
  await page.waitForSelector('[data-test=supervision-page]');
  assert.equal(await title(page).textContent(), 'Supervision items');
  assert.equal((await page.textContent('[data-test=supervision-create]')).trim(), 'New item');
  await page.goto(`${server.url}/map`);
  await page.waitForSelector('[data-test=map-page]');
  assert.equal(await title(page).textContent(), 'Project map');
  assert.match(await page.textContent('[data-test=map-open-screen]'), /Big screen/);
  await page.goto(`${server.url}/admin/users`);
  await page.waitForSelector('[data-test=users-table] .el-table__row');
  // Element Plus's own texts follow too.
  assert.match(await page.textContent('[data-test=users-pagination]'), /Total/);
  await shot(page, 'users-en');

  await page.click('[data-test=lang-switch]');
  await page.locator('[data-test=lang-option-zh-CN]').click();
  await page.waitForFunction(() => document.querySelector('[data-test=page-title]')?.textContent === '用户管理');
  assert.equal(await page.evaluate(() => localStorage.getItem('tuijin.locale')), 'zh-CN');
});

test('units: add a sub-unit, see it in the tree, delete it; a unit in use cannot be deleted', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/admin/units`);
  await login(page, 'admin');
  const rows = page.locator('[data-test=units-table] .el-table__body tr.el-table__row');
  await rows.first().waitFor();
  const zoneRow = rows.filter({ hasText: '云河经济开发区管理委员会' });
  assert.equal(await zoneRow.count(), 1);
  assert.equal(await rows.filter({ hasText: '开发区建设发展局' }).count(), 1, 'children are shown expanded');

  // An empty name is refused by the form before anything is sent.
  await zoneRow.locator('[data-test=unit-add-child]').click();
  const dialog = page.locator('.el-dialog:visible');
  await dialog.waitFor();
  // The parent is preset to the row the button was on.
  assert.match(await dialog.locator('.el-form-item').first().textContent(), /云河经济开发区管理委员会/);
  await page.click('[data-test=unit-save]');
  await dialog.locator('.el-form-item__error', { hasText: '请输入单位名称' }).waitFor();

  await page.fill('[data-test=unit-name]', '开发区测试服务中心');
  await page.fill('[data-test=unit-code]', 'E2E-UNIT-1');
  await page.click('[data-test=unit-save]');
  await dialog.waitFor({ state: 'hidden' });
  const created = rows.filter({ hasText: '开发区测试服务中心' });
  await created.waitFor();
  // A row of its own under the zone: 类型 taken from the parent, the code as typed.
  const tree = await unitTree(page);
  const parentAt = tree.findIndex((u) => u.name === '云河经济开发区管理委员会');
  const childAt = tree.findIndex((u) => u.name === '开发区测试服务中心');
  assert.ok(parentAt >= 0 && childAt >= 0, JSON.stringify(tree));
  assert.equal(tree[childAt].kind, '开发区');
  assert.equal(tree[childAt].code, 'E2E-UNIT-1');
  assert.ok(childAt > parentAt, 'listed after its parent');
  assert.equal(tree[childAt].level, tree[parentAt].level + 1, 'one level below its parent');
  assert.ok(tree.slice(parentAt + 1, childAt).every((u) => u.level > tree[parentAt].level), 'within its parent\'s children');
  assert.match(await created.textContent(), /启用/);
  await shot(page, 'units');

  // Same name under the same parent: the server's message shows under the name field.
  await zoneRow.locator('[data-test=unit-add-child]').click();
  await dialog.waitFor();
  await page.fill('[data-test=unit-name]', '开发区测试服务中心');
  await page.click('[data-test=unit-save]');
  await dialog.locator('.el-form-item__error', { hasText: '同名' }).waitFor();
  await shot(page, 'unit-duplicate');
  await dialog.locator('.el-dialog__headerbtn').click();
  await dialog.waitFor({ state: 'hidden' });

  await created.locator('[data-test=unit-delete]').click();
  await confirmBox(page).locator('.el-button--danger').click();
  await created.waitFor({ state: 'detached' });

  await zoneRow.locator('[data-test=unit-delete]').click();
  await confirmBox(page).locator('.el-button--danger').click();
  await page.locator('.el-message--error', { hasText: '不能删除' }).waitFor();
  assert.equal(await zoneRow.count(), 1);
});

test('users: create a unit reporter, find it, reset its password, disable it', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/admin/users`);
  await login(page, 'admin');
  await page.waitForSelector('[data-test=users-table] .el-table__row');

  await page.click('[data-test=user-add]');
  const dialog = page.locator('.el-dialog:visible');
  await dialog.waitFor();
  await page.fill('[data-test=user-username]', 'e2e_reporter');
  await page.fill('[data-test=user-display-name]', '测试填报员');
  await page.click('[data-test=user-role]');
  await page.locator('[data-test=user-role-unit]').click();
  await page.fill('[data-test=user-password]', 'E2e-pass-2026');
  // A unit reporter needs a unit.
  await page.click('[data-test=user-save]');
  await dialog.locator('.el-form-item__error', { hasText: '单位填报员必须选择所属单位' }).waitFor();
  await dialog.locator('[data-test=user-unit]').click();
  await page.locator('.el-tree-select__popper:visible .el-tree-node__content', { hasText: '城东路街道办事处' }).first().click();
  await page.click('[data-test=user-save]');
  await dialog.waitFor({ state: 'hidden' });

  await page.fill('[data-test=user-search]', 'e2e_reporter');
  await page.click('[data-test=user-search-submit]');
  await page.waitForURL(/q=e2e_reporter/);
  const row = page.locator('[data-test=users-table] .el-table__body tr.el-table__row', { hasText: 'e2e_reporter' });
  await row.waitFor();
  assert.equal(await page.locator('[data-test=users-table] .el-table__body tr.el-table__row').count(), 1);
  assert.match(await row.textContent(), /单位填报员/);
  assert.match(await row.textContent(), /城东路街道办事处/);
  await shot(page, 'users');

  await row.locator('[data-test=user-reset-password]').click();
  await page.fill('[data-test=reset-password]', 'New-pass-2026');
  await page.fill('[data-test=reset-password-confirm]', 'New-pass-2026');
  await page.click('[data-test=reset-password-save]');
  await page.locator('.el-message--success', { hasText: '密码已重置' }).waitFor();

  await row.locator('[data-test=user-toggle]').click();
  await confirmBox(page).locator('.el-button--primary').click();
  await row.locator('.el-tag', { hasText: '停用' }).waitFor();

  // The disabled account cannot log in.
  const other = await newPage();
  await other.goto(`${server.url}/login`);
  await login(other, 'e2e_reporter', 'New-pass-2026');
  assert.equal(await loginError(other), '账号已停用，请联系系统管理员');
});

test('a unit reporter sees no administration and gets 403 there', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/login`);
  await login(page, 'chengdong');
  await page.waitForURL('**/projects');
  await menu(page, 'projects').waitFor();
  assert.match(await page.locator('[data-test=user-menu]').textContent(), /赵敏[\s\S]*单位填报员/);
  assert.equal(await menu(page, 'projects').count(), 1);
  assert.equal(await menu(page, 'admin').count(), 0);
  assert.equal(await menu(page, 'admin-users').count(), 0);
  await page.goto(`${server.url}/admin/units`);
  await page.waitForSelector('[data-test=forbidden]');
  assert.equal(new URL(page.url()).pathname, '/403');
  await shot(page, 'forbidden');
});

test('when the session ends on the server, the next call leads back to the login page', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/login`);
  await login(page, 'admin');
  await page.waitForURL('**/projects');
  // The project list has loaded (its own calls would otherwise meet the missing cookie first).
  await page.waitForSelector('[data-test=projects-table] .el-table__row');
  await page.waitForLoadState('networkidle');
  // The session is revoked on the server (as an administrator or a password change elsewhere
  // would); the browser keeps its now useless cookie.
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'tuijin_session');
  assert.ok(session, cookies.map((c) => c.name).join(','));
  const api = new Client(server.url);
  api.cookie = `${session.name}=${session.value}`;
  const current = await api.get('/api/v1/session');
  assert.equal(current.status, 200, current.text);
  api.csrf = current.body.csrf_token;
  assert.equal((await api.del('/api/v1/session')).status, 204);
  assert.deepEqual((await page.context().cookies()).find((c) => c.name === 'tuijin_session'), session);
  await menu(page, 'admin-users').click();
  await page.waitForSelector('[data-test=login-username]');
  const url = new URL(page.url());
  assert.equal(url.pathname, '/login');
  assert.equal(url.searchParams.get('redirect'), '/admin/users');
  await login(page, 'admin');
  await page.waitForSelector('[data-test=users-table] .el-table__row');
});
