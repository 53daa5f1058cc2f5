// Accounts and the audit trail in headless Chromium against the real binary: an account the
// administrator made signs in, must set its own password in a dialog it cannot dismiss, signs
// in again with it and works; the administrator finds the change (and the sign-ins) in 操作日志.
// Screenshots go to $TUIJIN_ARTIFACTS/e2e-accounts-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, login } from '../lib/browser.mjs';
import { signedIn } from '../lib/server.mjs';

const { server, newPage, shot } = browserSuite({ prefix: 'accounts', timeout: 20000 });

test('a new account changes its initial password first; 操作日志 shows it', async () => {
  const admin = await signedIn(server.url, 'admin');
  const created = await admin.post('/api/v1/users', { username: 'zhaolei', display_name: '赵磊', role: 'staff', password: 'Chushi#2026' });
  assert.equal(created.status, 201, created.text);

  const page = await newPage();
  await page.goto(`${server.url}/projects`);
  await login(page, 'zhaolei', 'Chushi#2026');
  const dialog = page.locator('[data-test=change-password-dialog]');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /请先修改初始密码/);
  assert.equal(await dialog.locator('.el-dialog__headerbtn').count(), 0, 'no close button');
  await dialog.locator('input[data-test=current-password]').waitFor();
  await page.waitForTimeout(400); // the dialog's fade-in, for the screenshot
  await shot(page, 'forced');
  await dialog.locator('input[data-test=current-password]').fill('Chushi#2026');
  await dialog.locator('input[data-test=new-password]').fill('zhaolei2026');
  await dialog.locator('input[data-test=confirm-password]').fill('zhaolei2026');
  await page.click('[data-test=change-password-save]');
  await dialog.getByText('密码不能包含用户名').waitFor();
  await dialog.locator('input[data-test=new-password]').fill('Yunhe#Zl2026');
  await dialog.locator('input[data-test=confirm-password]').fill('Yunhe#Zl2026');
  await page.click('[data-test=change-password-save]');
  await page.locator('[data-test=login-username]').waitFor();

  await login(page, 'zhaolei', 'Yunhe#Zl2026');
  await page.locator('[data-test=projects-table]').waitFor();
  assert.equal(await page.locator('[data-test=change-password-dialog]').isVisible(), false);

  const adminPage = await newPage();
  await adminPage.goto(`${server.url}/admin/audit-log?username=zhaolei`);
  await login(adminPage, 'admin');
  await adminPage.locator('[data-test=audit-table] .el-table__row').first().waitFor();
  const actions = await adminPage.locator('[data-test=audit-action-text]').evaluateAll((els) => els.map((e) => e.dataset.action));
  // Newest first: the second sign-in, the change, a refused change, the first sign-in.
  assert.deepEqual(actions.filter((a) => a.startsWith('session.')).slice(0, 4),
    ['session.login', 'session.password.update', 'session.password.update', 'session.login']);
  const api = await admin.get('/api/v1/audit-log?username=zhaolei');
  assert.equal(Number((await adminPage.locator('[data-test=audit-totals]').innerText()).match(/\d+/)[0]), api.body.total);
  await shot(adminPage, 'audit-log');
});
