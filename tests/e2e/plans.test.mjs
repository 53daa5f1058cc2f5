// Annual plans (年度计划) and unit targets (任务分解) in headless Chromium against the real
// binary: a staff member fills two projects' plans in the grid, saves them in one batch,
// issues them, adjusts one mid-year with a reason and reads the revision in its history; the
// 任务分解 page flags the demo's mismatched units. Screenshots: $TUIJIN_ARTIFACTS/e2e-plans-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, login } from '../lib/browser.mjs';
import ExcelJS from 'exceljs';
import { signedIn } from '../lib/server.mjs';

const { server, newPage, shot } = browserSuite({ prefix: 'plans' });
const WAN = 1_000_000;
const YEAR = 2027;
const ROAD = '滨河路(紫辰路—商鼎路)道路工程';
const PARK = '滨河公园片区雨污分流改造工程';

const gridRow = (page, name) => page.locator('[data-test=plans-table] .el-table__body-wrapper tr.el-table__row', { hasText: name });
// Fixed columns are rendered twice in some Element Plus versions; the state column is fixed right.
const stateOf = (page, name) => gridRow(page, name).locator('[data-test=plan-state]').first();

test('staff fill, save, issue and adjust plans in the grid; the revision is kept', async () => {
  const staff = await signedIn(server.url, 'fgw');
  const dict = (await staff.get('/api/v1/dictionaries')).body;
  const units = Object.fromEntries((await staff.get('/api/v1/units')).body.items.map((u) => [u.name, u.id]));
  const item = (d, label) => dict[d].find((i) => i.label === label).id;
  for (const [name, total] of [[ROAD, 42000], [PARK, 16800]]) {
    const res = await staff.post('/api/v1/projects', {
      name, level: 'district', star: 0, category_id: item('category', '基础设施'), industry_id: item('industry', '市政公用'),
      nature_id: item('nature', '新建'), lead_unit_id: units['城东路街道办事处'], owner_unit_id: units['云河城市建设投资集团有限公司'],
      total_investment: total * WAN, planned_start: '2026-05', planned_completion: '2028-06', stage: 'construction', actual_start: '2026-05-20',
    });
    assert.equal(res.status, 201, res.text);
  }

  const page = await newPage();
  await page.goto(`${server.url}/plans?year=${YEAR}&q=${encodeURIComponent('滨河')}`);
  await login(page, 'fgw');
  await page.waitForSelector('[data-test=plans-page]');
  await gridRow(page, ROAD).waitFor();
  assert.equal(await page.locator('[data-test=plans-table] .el-table__body-wrapper tr.el-table__row').count(), 2);

  await gridRow(page, ROAD).locator('[data-test=plan-amount]').fill('12000');
  await gridRow(page, ROAD).locator('[data-test=plan-goal-1]').fill('完成路基施工30%');
  await gridRow(page, ROAD).locator('[data-test=plan-goal-4]').fill('具备通车条件');
  await gridRow(page, PARK).locator('[data-test=plan-amount]').fill('4800.5');
  await gridRow(page, PARK).locator('[data-test=plan-goal-2]').fill('完成管网铺设8公里');
  // A slow first quarter: the curve dialog starts linear, refuses a falling month, keeps the shape.
  await gridRow(page, PARK).locator('[data-test=plan-curve]').click();
  const curve = page.locator('[data-test=curve-dialog]');
  assert.equal(await curve.locator('[data-test=curve-month-12]').inputValue(), '4800.5');
  assert.equal(await curve.locator('[data-test=curve-month-1]').inputValue(), '400.041666');
  await curve.locator('[data-test=curve-month-2]').fill('300');
  await curve.locator('.cell-error', { hasText: '2月累计不能少于上月' }).waitFor();
  assert.equal(await curve.locator('[data-test=curve-apply]').isDisabled(), true);
  await curve.locator('[data-test=curve-month-1]').fill('0');
  await curve.locator('[data-test=curve-month-2]').fill('0');
  await shot(page, 'curve');
  await curve.locator('[data-test=curve-apply]').click();
  await curve.waitFor({ state: 'hidden' });
  assert.equal((await gridRow(page, PARK).locator('[data-test=plan-curve]').textContent()).trim(), '已调整');
  assert.equal((await page.textContent('[data-test=plans-save]')).trim(), '保存修改（2）');
  // A planned start outside the plan's year: only the server tells, on the row; nothing is saved.
  const start = gridRow(page, PARK).locator('.el-date-editor input').first();
  await start.click();
  await start.fill('2026-03');
  await start.press('Enter');
  await page.keyboard.press('Escape');
  await page.click('[data-test=plans-save]');
  await gridRow(page, PARK).locator('[data-test=plan-row-error]', { hasText: '计划开工：应在计划年度 2027 年之内' }).waitFor();
  await page.locator('.el-message--error', { hasText: '第一处:第 2 行(滨河公园片区雨污分流改造工程),计划开工:应在计划年度 2027 年之内' }).waitFor();
  assert.equal(await gridRow(page, ROAD).locator('[data-test=plan-row-error]').count(), 0);
  await shot(page, 'grid-row-error');
  assert.equal((await staff.get(`/api/v1/plans?year=${YEAR}&q=${encodeURIComponent('滨河')}`)).body.items.filter((r) => r.plan).length, 0,
    'the good row was not saved either');
  await start.click();
  await start.fill('2027-03');
  await start.press('Enter');
  await page.keyboard.press('Escape');
  await shot(page, 'grid-edited');
  await page.click('[data-test=plans-save]');
  await page.locator('.el-message--success', { hasText: '已保存 2 个项目的年度计划' }).waitFor();
  await stateOf(page, ROAD).filter({ hasText: '草拟' }).waitFor();
  assert.match(await page.textContent('[data-test=plans-totals]'), /16,800\.50 万元/);

  await page.click('[data-test=plans-issue]');
  await page.locator('.el-message-box').waitFor();
  await page.locator('.el-message-box .el-button--primary').click();
  await page.locator('.el-message--success', { hasText: '已下达 2 个年度计划' }).waitFor();
  await stateOf(page, ROAD).filter({ hasText: '已下达' }).waitFor();
  assert.equal(await gridRow(page, ROAD).locator('[data-test=plan-amount]').count(), 0, 'an issued plan is not edited in the grid');

  // 年中调整: a reason is required.
  await gridRow(page, ROAD).locator('[data-test=plan-adjust]').first().click();
  const dialog = page.locator('[data-test=adjust-dialog]');
  await dialog.waitFor();
  await dialog.locator('[data-test=adjust-amount]').fill('10500');
  await page.click('[data-test=adjust-save]');
  await dialog.locator('.el-form-item__error', { hasText: '须说明原因' }).waitFor();
  const reason = '征地拆迁滞后,经区重点项目推进会研究调减年度计划';
  await dialog.locator('[data-test=adjust-reason]').fill(reason);
  await shot(page, 'adjust');
  await page.click('[data-test=adjust-save]');
  await page.locator('.el-message--success', { hasText: '形成第2版' }).waitFor();
  await gridRow(page, ROAD).locator('[data-test=plan-amount-text]', { hasText: '10,500.00' }).waitFor();

  await gridRow(page, ROAD).locator('[data-test=plan-history]').first().click();
  const drawer = page.locator('[data-test=history-drawer]');
  await drawer.locator('[data-test=revision-reason]', { hasText: reason }).waitFor();
  assert.deepEqual(await drawer.locator('[data-test=revision-reason]').allTextContents(), [reason, '下达']);
  await shot(page, 'history');

  const api = (await staff.get(`/api/v1/plans?year=${YEAR}&q=${encodeURIComponent('滨河')}`)).body;
  assert.deepEqual(api.items.map((r) => [r.project.name, r.plan.amount, r.plan.state, r.plan.revision]).sort(),
    [[PARK, 4800.5 * WAN, 'issued', 1], [ROAD, 10500 * WAN, 'issued', 2]].sort());
  const park = api.items.find((r) => r.project.name === PARK).plan;
  assert.equal(park.planned_start, '2027-03');
  assert.equal(park.curve_linear, false);
  assert.deepEqual(park.curve.slice(0, 3), [0, 0, Math.floor((4800.5 * WAN * 3) / 12)]);
});

test('the plan table exported, edited offline and imported: a bad cell blocks it, an issued plan needs a reason', async () => {
  const staff = await signedIn(server.url, 'fgw');
  const dict = (await staff.get('/api/v1/dictionaries')).body;
  const units = Object.fromEntries((await staff.get('/api/v1/units')).body.items.map((u) => [u.name, u.id]));
  const create = async (name, total) => {
    const res = await staff.post('/api/v1/projects', {
      name, level: 'district', star: 0, category_id: dict.category.find((i) => i.label === '基础设施').id,
      lead_unit_id: units['南关街道办事处'], total_investment: total * WAN, stage: 'construction', actual_start: '2026-06-01',
    });
    assert.equal(res.status, 201, res.text);
    return res.body.id;
  };
  const BRIDGE = '南关桥梁拓宽改造工程', SCHOOL = '南关第三初级中学扩建工程';
  const bridge = await create(BRIDGE, 9600), school = await create(SCHOOL, 7200);
  for (const [id, amount] of [[bridge, 4800], [school, 3600]]) {
    assert.equal((await staff.put(`/api/v1/projects/${id}/plans/${YEAR}`, { amount: amount * WAN })).status, 200);
  }
  assert.equal((await staff.post('/api/v1/plans/issue', { year: YEAR, project_ids: [bridge] })).status, 200);

  const page = await newPage();
  await page.goto(`${server.url}/plans?year=${YEAR}&q=${encodeURIComponent('南关')}`);
  await login(page, 'fgw');
  await gridRow(page, BRIDGE).waitFor();
  // The export link, fetched with the page's session as a click would download it.
  const href = await page.locator('[data-test=plans-export]').getAttribute('href');
  const exported = await page.context().request.get(`${server.url}${href}`);
  assert.equal(exported.status(), 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await exported.body());
  const ws = wb.worksheets[0];
  const rowOf = (name) => {
    for (let i = 5; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(2).value === name) return ws.getRow(i);
    throw new Error(`${name} not in the table`);
  };
  // The bridge (issued) raised with a slow first quarter; the school's amount mistyped.
  rowOf(BRIDGE).getCell(8).value = 5200;
  [800, 1400, 1500, 1500].forEach((v, q) => { rowOf(BRIDGE).getCell(9 + q).value = v; });
  rowOf(BRIDGE).getCell(16).value = '主桥合龙,具备通车条件';
  rowOf(SCHOOL).getCell(8).value = '三千六';
  const pick = async () => page.locator('[data-test=plans-import-input]').setInputFiles({
    name: '年度投资计划.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  const dialog = page.locator('[data-test=plans-import-preview]');
  const previewRow = (name) => dialog.locator('[data-test=plans-import-rows] tr.el-table__row', { hasText: name });

  await pick();
  await previewRow(SCHOOL).locator('[data-test=plans-import-error]', { hasText: '年度计划投资：“三千六”不是数字(单位:万元)' }).waitFor();
  await dialog.locator('[data-test=plans-import-blocked]').waitFor();
  assert.equal(await dialog.locator('[data-test=plans-import-commit]').isDisabled(), true);
  await page.waitForFunction(() => !document.querySelector('.dialog-fade-enter-active'));
  await shot(page, 'import-errors');
  await dialog.locator('.el-dialog__footer .el-button', { hasText: '取消' }).click();
  await dialog.waitFor({ state: 'hidden' });

  rowOf(SCHOOL).getCell(8).value = 3600;
  await pick();
  const bridgeRow = previewRow(BRIDGE);
  await bridgeRow.locator('[data-test=plans-import-action]', { hasText: '年中调整' }).waitFor();
  assert.equal((await bridgeRow.locator('[data-test=plans-import-amount]').textContent()).trim(), '4,800.00 → 5,200.00');
  assert.equal(await previewRow(SCHOOL).count(), 0, 'unchanged rows are hidden at first');
  assert.match(await dialog.locator('[data-test=plans-import-summary]').textContent(), /年中调整 1/);
  await dialog.locator('[data-test=plans-import-commit]').click();
  await dialog.locator('[data-test=plans-import-reason-error]', { hasText: '将调整 1 个已下达的计划，请填写调整原因' }).waitFor();
  const reason = '桥梁桩基提前完工,经区重点项目推进会研究调增年度计划';
  await dialog.locator('[data-test=plans-import-reason] textarea').fill(reason);
  await page.waitForFunction(() => !document.querySelector('.dialog-fade-enter-active'));
  await shot(page, 'import-preview');
  await dialog.locator('[data-test=plans-import-commit]').click();
  await page.locator('.el-message--success', { hasText: '年中调整 1' }).waitFor();
  await dialog.waitFor({ state: 'hidden' });
  await gridRow(page, BRIDGE).locator('[data-test=plan-amount-text]', { hasText: '5,200.00' }).waitFor();

  const plan = (await staff.get(`/api/v1/projects/${bridge}/plans/${YEAR}`)).body;
  assert.deepEqual([plan.amount, plan.revision, plan.goals[3]], [5200 * WAN, 2, '主桥合龙,具备通车条件']);
  assert.deepEqual([plan.curve[2], plan.curve[5], plan.curve[11]], [800 * WAN, 2200 * WAN, 5200 * WAN]);
  assert.equal(plan.revisions.at(-1).reason, reason);
  assert.equal((await staff.get(`/api/v1/projects/${school}/plans/${YEAR}`)).body.version, 1, 'the unchanged row is not written');
});

test('任务分解 shows the district target against the units and flags the mismatched units', async () => {
  const page = await newPage();
  await page.goto(`${server.url}/unit-targets`);
  const loaded = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/unit-targets');
  await login(page, 'fgw');
  const targets = await (await loaded).json();
  await page.waitForSelector('[data-test=targets-table] .el-table__body tr');
  await page.locator('[data-test=targets-units-mismatch]').waitFor();
  await page.locator('[data-test=targets-district-mismatch]').waitFor();
  // Flagged: exactly the units the server names as mismatched, of which the demo has several.
  const mismatched = targets.units.filter((u) => targets.mismatch.units.includes(u.unit_id)).map((u) => u.unit_name);
  assert.ok(mismatched.length >= 2, 'the demo has units whose targets do not match their projects');
  const flagged = page.locator('[data-test=targets-table] .el-table__body tr.mismatch-row');
  assert.deepEqual(await flagged.locator('[data-test=target-unit]').allTextContents(), mismatched);
  await flagged.first().click();
  const detail = page.locator('[data-test=target-detail]');
  await detail.locator('h3', { hasText: mismatched[0] }).waitFor();
  await detail.locator('.el-table__body tr').first().waitFor();
  await shot(page, 'targets');

  // A unit reporter sees its own row and its projects only.
  const unitPage = await newPage();
  await unitPage.goto(`${server.url}/unit-targets`);
  await login(unitPage, 'chengdong');
  await unitPage.locator('[data-test=target-detail] h3', { hasText: '城东路街道办事处' }).waitFor();
  assert.deepEqual(await unitPage.locator('[data-test=target-unit]').allTextContents(), ['城东路街道办事处']);
  assert.equal(await unitPage.locator('[data-test=targets-summary]').count(), 0);
  await shot(unitPage, 'targets-unit');
});
