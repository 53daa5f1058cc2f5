// The project library (项目库) in headless Chromium against the real binary (web/dist
// embedded): a staff member creates a project through the form (a server-side field error
// first), finds it with a two-character search, reads it, edits 总投资 and sees the change in
// the history, and changes its stage; a unit reporter sees only its unit's projects and gets
// the 404 page (as for a project that does not exist) for another unit's project. Screenshots
// go to $TUIJIN_ARTIFACTS/e2e-projects-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, login, projectRows as rows } from '../lib/browser.mjs';
import { signedIn } from '../lib/server.mjs';

const NAME = '云河区城市书房驿站建设工程';
const GOOD_CODE = '2026-410104-72-01-000901';

const { server, newPage, shot } = browserSuite({ prefix: 'projects' });
/** The project the staff test creates; later tests open it. */
let projectId = null;

// Waits until no select dropdown is open (they close with a transition).
async function dropdownsClosed(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.el-popper.el-select__popper')]
    .every((e) => getComputedStyle(e).display === 'none'));
}

// Opens an el-select / el-tree-select and picks the option with `text` in the open dropdown.
async function pick(page, selector, text) {
  await dropdownsClosed(page);
  await page.click(selector);
  const open = page.locator('.el-popper[aria-hidden=false]');
  await open.locator('.el-select-dropdown__item, .el-tree-node__content').filter({ hasText: text }).first().click();
  if (await open.count()) await page.keyboard.press('Escape');
  await dropdownsClosed(page);
}

// Types a month into an el-date-picker (type="month").
async function month(page, selector, value) {
  const input = page.locator(`${selector} input`);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.keyboard.press('Escape');
}

const formError = (page, text) => page.locator('.el-form-item__error', { hasText: text });

test('staff create a project through the form; the server names the bad field', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/projects/new`);
  await login(page, 'fgw');
  await page.waitForSelector('[data-test=project-form]');
  assert.equal(await page.textContent('[data-test=page-title]'), '新增项目');

  // A code of the right shape but with an unknown division: only the server can tell.
  await page.fill('[data-test=form-code]', '2026-419999-72-01-000901');
  await page.fill('[data-test=form-name]', NAME);
  await pick(page, '[data-test=form-nature]', '新建');
  await pick(page, '[data-test=form-category]', '社会民生');
  await page.locator('[data-test=form-level] label', { hasText: '市重点' }).click();
  await page.locator('[data-test=form-star] .el-rate__item').nth(2).click();
  await pick(page, '[data-test=form-lead]', '城东路街道办事处');
  await pick(page, '[data-test=form-owner]', '云河城市建设投资集团有限公司');
  await page.fill('[data-test=form-address]', '云河区城东路与商城路交叉口');
  await page.fill('[data-test=form-total]', '2680.5');
  await page.click('[data-test=funding-add]');
  await page.locator('[data-test=funding-row] [data-test=funding-amount]').first().fill('1000');
  assert.match(await page.textContent('[data-test=funding-sum]'), /合计 1,000\.00 万元 \/ 总投资 2,680\.50 万元/);
  await month(page, '[data-test=form-planned-start]', '2026-03');
  await month(page, '[data-test=form-planned-completion]', '2027-06');
  await pick(page, '[data-test=form-stage]', '前期');
  await page.fill('[data-test=form-content]', '新建城市书房驿站12处,总建筑面积3600平方米');

  const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/projects') && r.request().method() === 'POST');
  await page.click('[data-test=form-save]');
  assert.equal((await refused).status(), 400);
  await page.locator('[data-test=form-code]').locator('xpath=ancestor::div[contains(@class,"el-form-item")][1]')
    .locator('.el-form-item__error', { hasText: '419999' }).waitFor();
  await page.locator('[data-test=form-code]').scrollIntoViewIfNeeded();
  await shot(page, 'form-error');

  await page.fill('[data-test=form-code]', GOOD_CODE);
  await page.click('[data-test=form-save]');
  await page.waitForURL(/\/projects\/\d+$/);
  projectId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.locator('[data-test=project-name]', { hasText: NAME }).waitFor();
});

test('a two-character search finds it; the detail page shows its fields', async () => {
  assert.ok(projectId, 'the create test ran first');
  const page = await newPage();
  await page.goto(`${server.url}/projects`);
  await login(page, 'fgw');
  await rows(page).first().waitFor();
  await page.fill('[data-test=project-search]', '驿站');
  await page.click('[data-test=project-search-submit]');
  await page.waitForURL(/q=%E9%A9%BF%E7%AB%99/);
  const row = rows(page).filter({ hasText: NAME });
  await row.waitFor();
  assert.equal(await rows(page).count(), 1);
  assert.match(await row.textContent(), /市重点/);
  assert.match(await row.textContent(), /2,680\.50/);
  assert.match(await page.textContent('[data-test=projects-totals]'), /共 1 个项目，总投资 2,680\.50 万元/);
  await shot(page, 'search');

  // The filters live in the URL: a reload shows the same list.
  await page.reload();
  await rows(page).filter({ hasText: NAME }).waitFor();
  assert.equal(await page.inputValue('[data-test=project-search]'), '驿站');

  await row.locator('[data-test=project-link]').click();
  await page.waitForURL(`**/projects/${projectId}`);
  await page.waitForSelector('[data-test=project-fields]');
  assert.equal((await page.textContent('[data-test=field-code]')).trim(), GOOD_CODE);
  assert.equal((await page.textContent('[data-test=field-total]')).trim(), '2,680.50');
  assert.equal((await page.textContent('[data-test=field-category]')).trim(), '社会民生');
  assert.equal((await page.textContent('[data-test=field-lead]')).trim(), '城东路街道办事处');
  assert.match(await page.textContent('[data-test=field-content]'), /城市书房驿站12处/);
  const funding = await page.textContent('[data-test=funding-table]');
  assert.match(funding, /1,000\.00/);
  assert.match(funding, /37\.3%/); // 1000 / 2680.5
  assert.equal((await page.locator('[data-test=project-detail] header [data-test=stage-tag]').textContent()).trim(), '前期');
  await shot(page, 'detail');
});

test('editing 总投资 shows up in the history; the stage moves on with an event', async () => {
  assert.ok(projectId, 'the create test ran first');
  const page = await newPage();
  await page.goto(`${server.url}/projects/${projectId}`);
  await login(page, 'fgw');
  await page.click('[data-test=project-edit]');
  await page.waitForURL(`**/projects/${projectId}/edit`);
  await page.waitForFunction(() => document.querySelector('[data-test=form-total]')?.value === '2680.5');
  await page.fill('[data-test=form-total]', '3000');
  await page.click('[data-test=form-save]');
  await page.waitForURL(`**/projects/${projectId}`);
  await page.locator('[data-test=field-total]', { hasText: '3,000.00' }).waitFor();

  await page.locator('[data-test=project-tabs] .el-tabs__item', { hasText: '历史' }).click();
  const change = page.locator('[data-test=field-changes] .el-table__row', { hasText: '总投资' });
  await change.waitFor();
  assert.match(await change.textContent(), /2,?680\.50 万元/);
  assert.match(await change.textContent(), /3,?000\.00 万元/);
  assert.match(await change.textContent(), /王磊/);

  // 停缓建 needs a reason; then a plain step forward to 在建.
  await page.click('[data-test=project-change-stage]');
  const dialog = page.locator('[data-test=stage-dialog]');
  await dialog.waitFor();
  const targets = await dialog.locator('[data-test=stage-target] .el-radio').allTextContents();
  assert.deepEqual(targets.map((s) => s.trim()), ['推进到 在建', '停缓建', '取消项目']);
  await dialog.locator('[data-test=stage-target-suspended]').click();
  await page.click('[data-test=stage-save]');
  await dialog.locator('.el-form-item__error', { hasText: '请说明原因' }).waitFor();
  await dialog.locator('[data-test=stage-target-construction]').click();
  await page.fill('[data-test=stage-reason]', '施工许可证已办结');
  await shot(page, 'stage-dialog');
  await page.click('[data-test=stage-save]');
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('[data-test=project-detail] header [data-test=stage-tag]', { hasText: '在建' }).waitFor();
  const event = page.locator('[data-test=stage-event]').first();
  await event.waitFor();
  assert.match(await event.textContent(), /前期[\s\S]*→[\s\S]*在建/);
  assert.match(await event.textContent(), /施工许可证已办结/);
  await shot(page, 'history');
});

test('a unit reporter sees only its unit\'s projects and gets 404 for another unit\'s', async () => {
  assert.ok(projectId, 'the create test ran first');
  const staffApi = await signedIn(server.url, 'fgw');
  const units = (await staffApi.get('/api/v1/units')).body.items;
  const chengdong = units.find((u) => u.name === '城东路街道办事处').id;
  const others = (await staffApi.get('/api/v1/projects?all=1&page_size=500')).body.items
    .filter((p) => p.lead_unit_id !== chengdong && p.owner_unit_id !== chengdong);
  assert.ok(others.length > 0);

  const page = await newPage();
  await page.goto(`${server.url}/login`);
  await login(page, 'chengdong');
  await page.waitForURL('**/projects');
  await rows(page).first().waitFor();
  const texts = await rows(page).allTextContents();
  assert.ok(texts.length > 0);
  for (const text of texts) assert.match(text, /城东路街道办事处/);
  assert.ok(texts.some((t) => t.includes(NAME)), 'the project staff created for 城东路 is listed');
  // Unit reporters neither create nor import.
  assert.equal(await page.locator('[data-test=project-add]').count(), 0);
  assert.equal(await page.locator('[data-test=project-import]').count(), 0);
  await shot(page, 'unit-list');

  // Their own project: editable, but 级别/星级/标签 stay with the bureau.
  await page.goto(`${server.url}/projects/${projectId}/edit`);
  await page.waitForFunction(() => document.querySelector('[data-test=form-total]')?.value === '3000');
  assert.equal(await page.locator('[data-test=form-level] .el-radio-button.is-disabled').count(), 3);
  assert.equal(await page.locator('[data-test=project-form]').getByText('仅发改局可以修改').count(), 3);

  await page.goto(`${server.url}/projects/${others[0].id}`);
  const failure = page.locator('[data-test=project-failure]');
  await failure.waitFor();
  assert.match(await failure.textContent(), /404/);
  assert.match(await failure.textContent(), /项目不存在/);
  await shot(page, 'unit-forbidden');
});

test('a leader reads the library with the 我分包的项目 filter and no editing', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/login`);
  await login(page, 'quzhang');
  await page.waitForURL('**/projects');
  await rows(page).first().waitFor();
  assert.equal(await page.locator('[data-test=project-add]').count(), 0);
  // The filter narrows the leader's library to some of it, not to nothing.
  const leaderApi = await signedIn(server.url, 'quzhang');
  const everything = (await leaderApi.get('/api/v1/projects')).body.total;
  const mine = (await leaderApi.get('/api/v1/projects?mine=1')).body.total;
  assert.ok(mine > 0 && mine < everything, `我分包的项目: ${mine} of ${everything}`);
  await page.locator('[data-test=projects-totals]', { hasText: `共 ${everything} 个项目` }).waitFor();
  await page.click('[data-test=filter-mine]');
  await page.waitForURL(/mine=1/);
  await page.locator('[data-test=projects-totals]', { hasText: `共 ${mine} 个项目` }).waitFor();
  await page.goto(`${server.url}/projects/${projectId}`);
  await page.waitForSelector('[data-test=project-fields]');
  assert.equal(await page.locator('[data-test=project-edit]').count(), 0);
  assert.equal(await page.locator('[data-test=project-change-stage]').count(), 0);
});
