// Progress reporting (进度填报) in headless Chromium against the real binary: a unit reporter
// fills the period grid for its projects and submits (a bad row is named by the server first);
// the bureau returns one with a reason and accepts the other; the unit sees the returned one
// first, fixes and resubmits it; the bureau accepts it from the report drawer, whose history
// shows both versions; after the bureau sets the opening balance, the project's 进度 tab shows
// 年初至今累计, 开工累计 and the rates worked out by hand here. Also: locking a period, and
// 一键催报 reaching the unit's message bell, and the period sheet (进度填报表) downloaded from
// the grid, filled offline and uploaded back as drafts; the bureau switching a project to
// weekly reporting on its page; site photos (现场照片) added to a draft in the report drawer and
// read-only once submitted. Screenshots go to $TUIJIN_ARTIFACTS/e2e-reports-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { browserSuite, login } from '../lib/browser.mjs';
import { signedIn } from '../lib/server.mjs';
import { png, sitePhoto } from '../lib/images.mjs';

const { server, newPage, shot } = browserSuite({ prefix: 'reports' });
const WAN = 1_000_000;

// "2026-10" → "2026-09"
function previousMonth(period) {
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
const monthLabel = (period) => `${Number(period.slice(0, 4))}年${Number(period.slice(5))}月`;
// 分 → "5,450.00" the way the pages show 万元 (the amounts here are whole 分 of 万元/100).
const wan = (fen) => (fen / WAN).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// Set up once by the first test through the API: two projects of the unit's own 责任单位 and
// the month the grid is filled for; create(name, total) makes another such project. The projects are the test's own, so every figure comes from here.
let ctx = null;
async function setup() {
  if (ctx) return ctx;
  const staff = await signedIn(server.url, 'fgw');
  const unit = await signedIn(server.url, 'chengdong');
  const me = (await unit.get('/api/v1/session')).body.user;
  const current = (await unit.get('/api/v1/periods')).body.current;
  const period = previousMonth(current); // a past month, overdue, not locked
  const earlier = previousMonth(period); // accepted through the API before the test
  const create = async (name, total) => {
    const res = await staff.post('/api/v1/projects', {
      name, level: 'district', lead_unit_id: me.unit_id, total_investment: total, planned_start: '2025-03',
      stage: 'construction', actual_start: '2025-03-20',
    });
    assert.equal(res.status, 201, res.text);
    return res.body;
  };
  const a = await create('城东路街道老旧小区改造提升工程', 8000 * WAN);
  const b = await create('城东路街道口袋公园建设项目', 1200 * WAN);
  // One earlier month accepted, so that the year-to-date and since-start figures add up.
  const s = await unit.post(`/api/v1/projects/${a.id}/reports/${earlier}/submit`, { amount: 150 * WAN, progress_text: '基础施工' });
  assert.equal(s.status, 200, s.text);
  const acc = await staff.post(`/api/v1/projects/${a.id}/reports/${earlier}/accept`, { version: s.body.report.version });
  assert.equal(acc.status, 200, acc.text);
  // An annual plan of 1,200 万元 for the filled month's year, for 年度完成率.
  const plan = await staff.put(`/api/v1/projects/${a.id}/plans/${period.slice(0, 4)}`, { amount: 1200 * WAN });
  assert.equal(plan.status, 200, plan.text);
  ctx = { staff, unit, me, current, period, earlier, a, b, create };
  return ctx;
}

const gridRow = (page, id) => page.locator('[data-test=report-grid] tr.el-table__row', { has: page.locator(`[data-test=grid-row-${id}]`) });
const confirmBox = (page) => page.locator('.el-message-box');
const success = (page, text) => page.locator('.el-message--success', { hasText: text }).waitFor();

// Opens 进度填报 with `query` as `username` and waits for `ready` (the grid's rows by default).
async function openReports(page, username, query, ready = '[data-test=report-grid] tr.el-table__row') {
  await page.goto(`${server.url}/reports?${query}`);
  await login(page, username);
  await page.waitForSelector(ready);
}

test('a unit fills and submits, the bureau returns one, the unit fixes it, the bureau accepts; the figures add up', async () => {
  const { period, earlier, a, b, staff } = await setup();
  const label = monthLabel(period);

  // --- The unit fills the grid; a negative amount not marked as 冲减 is refused on its row.
  const unitPage = await newPage();
  await openReports(unitPage, 'chengdong', `period=${period}`);
  assert.equal(await unitPage.textContent('[data-test=page-title]'), '进度填报');
  await unitPage.locator('[data-test=period-overdue]', { hasText: '已逾期' }).waitFor();
  const rowA = gridRow(unitPage, a.id), rowB = gridRow(unitPage, b.id);
  await rowA.locator('[data-test=grid-amount]').fill('320.5');
  await rowA.locator('[data-test=grid-progress]').fill('主体结构施工至12层');
  await rowA.locator('[data-test=grid-percent]').fill('45');
  await rowA.locator('[data-test=grid-problems]').fill('雨污管线迁改需协调');
  await rowB.locator('[data-test=grid-amount]').fill('-5');
  await rowB.locator('[data-test=grid-correction]').waitFor(); // 冲减 is offered, not ticked
  await rowB.locator('[data-test=grid-progress]').fill('园路铺装');
  assert.equal((await unitPage.textContent('[data-test=grid-changed]')).trim(), '已修改 2 行');

  const refused = unitPage.waitForResponse((r) => r.url().endsWith('/api/v1/reports/batch'));
  await unitPage.click('[data-test=grid-submit]');
  await confirmBox(unitPage).locator('.el-button--primary').click();
  assert.equal((await refused).status(), 400);
  await rowB.locator('[data-test=row-error]', { hasText: '冲减' }).waitFor();
  assert.equal(await rowA.locator('[data-test=row-error]').count(), 0, 'the good row has no error');
  await shot(unitPage, 'grid-row-error');

  await rowB.locator('[data-test=grid-amount]').fill('80');
  await rowB.locator('[data-test=row-error]').waitFor({ state: 'detached' });
  await unitPage.click('[data-test=grid-submit]');
  assert.match(await confirmBox(unitPage).textContent(), new RegExp(`将提交 2 个项目的 ${label} 进度`));
  await confirmBox(unitPage).locator('.el-button--primary').click();
  await success(unitPage, '已提交 2 个项目');
  await rowA.locator('[data-test=report-state]', { hasText: '已报送' }).waitFor();
  await rowB.locator('[data-test=report-state]', { hasText: '已报送' }).waitFor();
  assert.equal(await rowA.locator('[data-test=grid-amount]').count(), 0, 'a submitted row is read-only');
  assert.equal((await rowA.locator('[data-test=grid-amount-text]').textContent()).trim(), '320.50');
  await shot(unitPage, 'grid-submitted');

  // --- The bureau returns A with a reason and accepts B.
  const staffPage = await newPage();
  await openReports(staffPage, 'fgw', `period=${period}&tab=review`, '[data-test=review-table]');
  const review = (id) => staffPage.locator('[data-test=review-table] tr.el-table__row', { has: staffPage.locator(`[data-test=review-row-${id}]`) });
  await review(a.id).waitFor();
  await review(b.id).waitFor();
  assert.equal((await review(a.id).locator('[data-test=review-amount]').textContent()).trim(), '320.50');
  await shot(staffPage, 'review');
  await review(a.id).locator('[data-test=review-return]').click();
  const returnDialog = staffPage.locator('[data-test=return-dialog]');
  await returnDialog.waitFor();
  await returnDialog.locator('[data-test=return-confirm]').click();
  await returnDialog.locator('.el-form-item__error', { hasText: '请填写退回原因' }).waitFor();
  await returnDialog.locator('[data-test=return-reason]').fill('本期完成投资与监理月报不一致，请核实');
  await returnDialog.locator('[data-test=return-confirm]').click();
  await success(staffPage, '已退回');
  await review(a.id).waitFor({ state: 'detached' });
  await review(b.id).locator('[data-test=review-accept]').click();
  await confirmBox(staffPage).locator('.el-button--primary').click();
  await success(staffPage, '已通过');
  await review(b.id).waitFor({ state: 'detached' });

  // --- The unit sees the returned report first, with the reason, fixes it and resubmits.
  await unitPage.reload();
  await unitPage.waitForSelector('[data-test=report-grid] tr.el-table__row');
  await rowA.locator('[data-test=report-state]', { hasText: '已退回' }).waitFor();
  const order = await unitPage.locator('[data-test=report-grid] tr.el-table__row').evaluateAll((trs) => trs.map((tr) => ({
    id: Number(tr.querySelector('[data-test^=grid-row-]').dataset.test.slice('grid-row-'.length)),
    state: tr.querySelector('[data-test=report-state]').dataset.state,
  })));
  const firstOther = order.findIndex((r) => r.state !== 'returned');
  const indexOfA = order.findIndex((r) => r.id === a.id);
  assert.ok(indexOfA >= 0 && firstOther >= 0, JSON.stringify(order));
  assert.ok(indexOfA < firstOther, 'returned reports come first');
  assert.ok(order.slice(firstOther).every((r) => r.state !== 'returned'));
  assert.match(await rowA.locator('[data-test=grid-return-reason]').textContent(), /退回原因：本期完成投资与监理月报不一致，请核实/);
  await gridRow(unitPage, b.id).locator('[data-test=report-state]', { hasText: '已审核' }).waitFor();
  await shot(unitPage, 'grid-returned');
  await rowA.locator('[data-test=grid-amount]').fill('300');
  await unitPage.click('[data-test=grid-submit]');
  assert.match(await confirmBox(unitPage).textContent(), /将提交 1 个项目/);
  await confirmBox(unitPage).locator('.el-button--primary').click();
  await success(unitPage, '已提交 1 个项目');
  await rowA.locator('[data-test=report-state]', { hasText: '已报送' }).waitFor();

  // --- The bureau accepts it from the drawer, whose history shows both versions.
  await staffPage.reload();
  await review(a.id).waitFor();
  await review(a.id).locator('[data-test=review-detail]').click();
  const drawer = staffPage.locator('[data-test=report-drawer]');
  await drawer.locator('[data-test=drawer-amount]', { hasText: '300.00' }).waitFor();
  const history = async () => drawer.locator('[data-test=drawer-revisions] tr.el-table__row').evaluateAll((trs) => trs.map((tr) => ({
    action: tr.querySelector('[data-test=revision-action]').textContent.trim(),
    amount: tr.querySelector('[data-test=revision-amount]').textContent.trim(),
    reason: tr.querySelector('[data-test=revision-reason]').textContent.trim(),
  })));
  // Newest first: the fix submitted (save and submit in one batch), the return, the first submission.
  assert.deepEqual(await history(), [
    { action: '报送', amount: '300.00', reason: '' },
    { action: '退回', amount: '320.50', reason: '本期完成投资与监理月报不一致，请核实' },
    { action: '报送', amount: '320.50', reason: '' },
  ]);
  await shot(staffPage, 'drawer');
  await drawer.locator('[data-test=drawer-accept]').click();
  await confirmBox(staffPage).locator('.el-button--primary').click();
  await success(staffPage, '已通过');
  await drawer.locator('[data-test=report-state]', { hasText: '已审核' }).waitFor();
  assert.equal((await history())[0].action, '审核通过');

  // --- The bureau sets the opening balance on the project page; the 进度 tab adds it all up.
  const through = `${Number(earlier.slice(0, 4)) - 1}-12`;
  await staffPage.goto(`${server.url}/projects/${a.id}?tab=progress`);
  await staffPage.waitForSelector('[data-test=project-reports] tr.el-table__row');
  await staffPage.click('[data-test=project-set-opening]');
  const openingDialog = staffPage.locator('[data-test=opening-dialog]');
  const throughInput = openingDialog.locator('[data-test=opening-through] input');
  await throughInput.fill(through);
  await throughInput.press('Enter');
  await openingDialog.locator('[data-test=opening-amount]').fill('5000');
  await openingDialog.locator('[data-test=opening-save]').click();
  await success(staffPage, '开工累计起始数已保存');
  await staffPage.locator('[data-test=project-opening]', { hasText: '累计完成 5,000.00 万元' }).waitFor();

  // By hand: 年初至今累计 = this month + the earlier month if it falls in the same year;
  // 开工累计 = opening 5,000 + 150 + 300 (both months come after the opening's month);
  // 总投资完成率 = 5,450 / 8,000 = 68.125% → 68.1%; 年度完成率 = YTD / 1,200: 450 → 37.5%,
  // or 300 → 25.0% when the earlier month is in the year before.
  const ytd = (period.slice(0, 4) === earlier.slice(0, 4) ? 150 : 0) + 300;
  const annualRate = ytd === 450 ? '37.5%' : '25.0%';
  const sinceStart = 5000 + 150 + 300;
  const row = staffPage.locator('[data-test=project-reports] tr.el-table__row', { has: staffPage.locator('[data-test=history-period]', { hasText: label }) });
  await row.locator('[data-test=history-since-start]', { hasText: wan(sinceStart * WAN) }).waitFor();
  assert.equal((await row.locator('[data-test=history-amount]').textContent()).trim(), '300.00');
  assert.equal((await row.locator('[data-test=history-ytd]').textContent()).trim(), wan(ytd * WAN));
  assert.equal((await row.locator('[data-test=history-annual-rate]').textContent()).trim(), annualRate);
  assert.equal((await row.locator('[data-test=history-total-rate]').textContent()).trim(), '68.1%');
  await row.locator('[data-test=report-state]', { hasText: '已审核' }).waitFor();
  await shot(staffPage, 'project-progress');

  // The unit's grid shows the same figures.
  await unitPage.reload();
  await rowA.locator('[data-test=report-state]', { hasText: '已审核' }).waitFor();
  assert.equal((await rowA.locator('[data-test=grid-ytd]').textContent()).trim(), wan(ytd * WAN));
  assert.equal((await rowA.locator('[data-test=grid-since-start]').textContent()).trim(), wan(sinceStart * WAN));
  assert.equal((await rowA.locator('[data-test=grid-annual-rate]').textContent()).trim(), annualRate);
  assert.equal((await rowA.locator('[data-test=grid-total-rate]').textContent()).trim(), '68.1%');
  // An accepted row may be changed again (a new revision), so its inputs are open.
  assert.equal(await rowA.locator('[data-test=grid-amount]').inputValue(), '300');

  // The API agrees.
  const figures = (await staff.get(`/api/v1/projects/${a.id}/reports/${period}`)).body.figures;
  assert.equal(figures.year_to_date, ytd * WAN);
  assert.equal(figures.since_start, sinceStart * WAN);
  assert.deepEqual(figures.annual_rate, { num: ytd * WAN, den: 1200 * WAN, percent: annualRate });
});

test('the bureau locks a period with the grid read-only for the unit, and unlocks it with a reason', async () => {
  const { earlier } = await setup();
  const period = previousMonth(earlier);
  const label = monthLabel(period);

  const staffPage = await newPage();
  await openReports(staffPage, 'fgw', `period=${period}&tab=periods`, '[data-test=periods-table] tr.el-table__row');
  const periodRow = staffPage.locator('[data-test=periods-table] tr.el-table__row', { has: staffPage.locator(`[data-test=period-row-${period}]`) });
  await periodRow.locator('[data-test=period-lock]').click();
  const dialog = staffPage.locator('[data-test=period-dialog]');
  await dialog.locator('[data-test=period-reason]').fill(`${label}数据已报统计局`);
  await dialog.locator('[data-test=period-confirm]').click();
  await success(staffPage, `${label} 已锁定`);
  await periodRow.locator('[data-test=period-state]', { hasText: '已锁定' }).waitFor();
  await staffPage.locator('[data-test=period-locked]').waitFor();

  const unitPage = await newPage();
  await openReports(unitPage, 'chengdong', `period=${period}`);
  await unitPage.locator('[data-test=period-locked]', { hasText: '已锁定' }).waitFor();
  await unitPage.locator('[data-test=locked-hint]').waitFor();
  assert.equal(await unitPage.locator('[data-test=report-grid] [data-test=grid-amount]').count(), 0, 'no inputs in a locked period');
  assert.ok(await unitPage.locator('[data-test=grid-submit]').isDisabled());
  assert.equal(await unitPage.locator('[data-test=sheet-upload]').count(), 0, 'no sheet upload in a locked period');
  await shot(unitPage, 'grid-locked');

  await periodRow.locator('[data-test=period-unlock]').click();
  await dialog.locator('[data-test=period-confirm]').click();
  await dialog.locator('.el-form-item__error', { hasText: '请填写解锁原因' }).waitFor();
  await dialog.locator('[data-test=period-reason]').fill('城东路街道申请更正数据');
  await dialog.locator('[data-test=period-confirm]').click();
  await success(staffPage, `${label} 已解锁`);
  await periodRow.locator('[data-test=period-journal]').click();
  const journal = staffPage.locator('[data-test=period-journal-dialog]');
  await journal.locator('tr.el-table__row', { hasText: '城东路街道申请更正数据' }).waitFor();
  const events = await journal.locator('tr.el-table__row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent.trim())));
  assert.deepEqual(events, [
    ['王磊', '锁定', `${label}数据已报统计局`],
    ['王磊', '解锁', '城东路街道申请更正数据'],
  ]);
  await shot(staffPage, 'periods-journal');

  await unitPage.reload();
  await unitPage.waitForSelector('[data-test=report-grid] [data-test=grid-amount]');
  assert.equal(await unitPage.locator('[data-test=period-locked]').count(), 0);
});

test('一键催报 reminds the units that have not reported; the reminder opens the period from the bell', async () => {
  const { current, unit, staff } = await setup();
  const unreadBefore = (await unit.get('/api/v1/notifications')).body.unread;
  const missing = (await staff.get(`/api/v1/reports/missing?period=${current}`)).body;
  const staffPage = await newPage();
  await openReports(staffPage, 'fgw', `period=${current}&tab=missing`, '[data-test=missing-units]');
  const units = staffPage.locator('[data-test=missing-units] tr.el-table__row');
  await units.filter({ hasText: '城东路街道办事处' }).waitFor();
  assert.match(await staffPage.textContent('[data-test=missing-total]'), new RegExp(`${monthLabel(current)} 共 ${missing.total} 个项目未报送`));
  await staffPage.click('[data-test=missing-remind]');
  await confirmBox(staffPage).locator('.el-button--primary').click();
  const result = await staffPage.locator('[data-test=remind-result]').textContent();
  assert.match(result, /已向 \d+ 个单位的 [1-9]\d* 名用户发送催报消息/);
  await shot(staffPage, 'missing');

  const unitPage = await newPage();
  await unitPage.goto(`${server.url}/projects`);
  await login(unitPage, 'chengdong');
  const badge = unitPage.locator('[data-test=notification-unread] .el-badge__content');
  await badge.waitFor();
  const unread = Number((await badge.textContent()).trim());
  assert.equal(unread, unreadBefore + 1, 'the reminder is one new message');
  await unitPage.click('[data-test=notification-bell]');
  const item = unitPage.locator('[data-test=notification-item]', { hasText: `请尽快填报${monthLabel(current)}项目进度` }).first();
  await item.waitFor();
  // The popover fades in; the picture is taken once it has.
  await unitPage.waitForFunction(() => [...document.querySelectorAll('.notification-popper')].some((e) => getComputedStyle(e).opacity === '1'));
  await shot(unitPage, 'bell');
  await item.click();
  await unitPage.waitForURL(`**/reports?period=${current}`);
  await unitPage.waitForSelector('[data-test=report-grid] tr.el-table__row');
  if (unread === 1) await badge.waitFor({ state: 'hidden' });
  else await unitPage.locator('[data-test=notification-unread] .el-badge__content', { hasText: String(unread - 1) }).waitFor();
});

test('the period sheet: downloaded from the grid, filled offline, uploaded, previewed and saved as a draft', async () => {
  const { staff, earlier, create } = await setup();
  const period = previousMonth(previousMonth(earlier)); // a month no other test touches
  const p = await create('城东路街道背街小巷整治工程', 600 * WAN);

  const page = await newPage();
  await openReports(page, 'chengdong', `period=${period}`);
  // The button's link, fetched with the page's session, as a click would download it.
  const href = await page.locator('[data-test=sheet-download]').getAttribute('href');
  assert.equal(href, `/api/v1/reports/sheet?period=${period}`);
  const sheet = await page.context().request.get(`${server.url}${href}`);
  assert.equal(sheet.status(), 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await sheet.body());
  const ws = wb.worksheets[0];
  let filled = false;
  ws.eachRow((row) => {
    if (row.getCell(3).value === p.name) { row.getCell(7).value = 66.25; row.getCell(8).value = '路面改造完成一半'; filled = true; }
  });
  assert.ok(filled, 'the project is in the sheet');

  await page.locator('[data-test=sheet-upload-input]').setInputFiles({
    name: '填报表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(await wb.xlsx.writeBuffer()),
  });
  const preview = page.locator('[data-test=sheet-preview]');
  const row = preview.locator('[data-test=sheet-rows] tr.el-table__row', { hasText: p.name });
  await row.locator('[data-test=sheet-row-action]', { hasText: '新增' }).waitFor();
  assert.match(await row.textContent(), /66\.25/);
  assert.equal(await preview.locator('[data-test=sheet-row-error]').count(), 0);
  await page.waitForFunction(() => !document.querySelector('.dialog-fade-enter-active')); // opened, not fading in
  await shot(page, 'sheet-preview');
  await preview.locator('[data-test=sheet-commit-draft]').click();
  await success(page, '新增 1');
  await preview.waitFor({ state: 'hidden' });

  // The grid reloads with the saved draft.
  await page.waitForFunction((id) => document.querySelector(`[data-test=grid-row-${id}]`)?.closest('tr')?.querySelector('[data-test=grid-amount]')?.value === '66.25', p.id);
  assert.equal(await gridRow(page, p.id).locator('[data-test=grid-progress]').inputValue(), '路面改造完成一半');
  const saved = (await staff.get(`/api/v1/projects/${p.id}/reports/${period}`)).body.report;
  assert.deepEqual([saved.state, saved.amount], ['draft', 66.25 * WAN]);
});

test('the bureau switches a project to weekly reporting on its page; the week grid then lists it', async () => {
  const { staff, unit, current, create } = await setup();
  const p = await create('城东路街道智慧社区建设项目', 900 * WAN);
  const week = (await unit.get(`/api/v1/periods?year=${current.slice(0, 4)}&kind=week`)).body.current;
  assert.match(week, /^\d{4}-W\d{2}$/);
  const weekGrid = async () => (await unit.get(`/api/v1/reports?period=${week}&page_size=200`)).body.items.map((r) => r.project.id);
  assert.equal((await staff.get(`/api/v1/projects/${p.id}`)).body.weekly_reporting, false, 'monthly by default');
  assert.ok(!(await weekGrid()).includes(p.id));

  const page = await newPage();
  await page.goto(`${server.url}/projects/${p.id}?tab=progress`);
  await login(page, 'fgw');
  const tag = page.locator('[data-test=project-reporting]');
  await tag.waitFor();
  assert.equal((await tag.textContent()).trim(), '按月填报');
  const toggle = page.locator('[data-test=project-weekly-switch]');
  assert.equal(await toggle.locator('input').isChecked(), false);

  // Cancelled: nothing changes.
  await toggle.click();
  assert.match(await confirmBox(page).textContent(), new RegExp(`将“${p.name}”改为按周填报吗`));
  await confirmBox(page).locator('.el-button', { hasText: '取消' }).click();
  await confirmBox(page).waitFor({ state: 'hidden' });
  assert.equal(await toggle.locator('input').isChecked(), false);
  assert.equal((await staff.get(`/api/v1/projects/${p.id}`)).body.weekly_reporting, false);

  await toggle.click();
  await confirmBox(page).locator('.el-button--primary', { hasText: '改为按周填报' }).click();
  await success(page, '已改为按周填报');
  await tag.filter({ hasText: '按周填报' }).waitFor();
  assert.equal(await toggle.locator('input').isChecked(), true);
  await page.waitForFunction(() => !document.querySelector('.el-overlay-message-box, .el-switch.is-loading'));
  await shot(page, 'project-weekly');

  // The server took it: the project reads weekly and is in the week's grid.
  assert.equal((await staff.get(`/api/v1/projects/${p.id}`)).body.weekly_reporting, true);
  assert.ok((await weekGrid()).includes(p.id), 'in the week grid');

  // The unit sees how the project reports, without the switch, and finds it in the week grid.
  const unitPage = await newPage();
  await unitPage.goto(`${server.url}/projects/${p.id}?tab=progress`);
  await login(unitPage, 'chengdong');
  await unitPage.locator('[data-test=project-reporting]', { hasText: '按周填报' }).waitFor();
  await unitPage.locator('[data-test=project-progress]').waitFor();
  assert.equal(await unitPage.locator('[data-test=project-weekly-switch]').count(), 0, 'only the bureau switches');
  await unitPage.goto(`${server.url}/reports?period=${week}`);
  await gridRow(unitPage, p.id).waitFor();

  // And back to monthly: it leaves the week grid.
  await page.reload();
  await toggle.click();
  assert.match(await confirmBox(page).textContent(), /改回按月填报/);
  await confirmBox(page).locator('.el-button--primary', { hasText: '改为按月填报' }).click();
  await success(page, '已改为按月填报');
  await tag.filter({ hasText: '按月填报' }).waitFor();
  assert.equal((await staff.get(`/api/v1/projects/${p.id}`)).body.weekly_reporting, false);
  assert.ok(!(await weekGrid()).includes(p.id));
});

test('现场照片: a unit adds photos to its draft in the drawer; once submitted the bureau sees them read-only', async () => {
  const { staff, earlier, create } = await setup();
  const period = previousMonth(previousMonth(previousMonth(earlier))); // a month no other test touches
  const p = await create('城东路街道农贸市场改造工程', 700 * WAN);
  const photosOf = async () => (await staff.get(`/api/v1/projects/${p.id}/reports/${period}`)).body.photos;

  const page = await newPage();
  await openReports(page, 'chengdong', `period=${period}`);
  const row = gridRow(page, p.id);
  const drawer = page.locator('[data-test=report-drawer]');
  const photos = drawer.locator('[data-test=report-photo]');
  const input = drawer.locator('[data-test=report-photo-upload] input[type=file]');

  // Nothing saved yet: the drawer says to save first and offers no upload.
  await row.locator('[data-test=grid-detail]').click();
  await drawer.locator('[data-test=report-photos-empty]', { hasText: '保存本期填报（草稿）后可上传现场照片' }).waitFor();
  assert.equal(await input.count(), 0);
  await drawer.locator('.el-drawer__close-btn').click();
  await drawer.waitFor({ state: 'hidden' });

  await row.locator('[data-test=grid-amount]').fill('35');
  await row.locator('[data-test=grid-progress]').fill('市场钢结构大棚安装');
  await page.click('[data-test=grid-save]');
  await success(page, '已保存 1 个项目的草稿');
  await row.locator('[data-test=report-state]', { hasText: '草稿' }).waitFor();

  await row.locator('[data-test=grid-detail]').click();
  await drawer.locator('[data-test=drawer-amount]', { hasText: '35.00' }).waitFor();
  // Over 10 MB: refused in the browser, nothing sent.
  let photoPosts = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/photos')) photoPosts++; });
  await input.setInputFiles({ name: '航拍原图.png', mimeType: 'image/png', buffer: Buffer.alloc(10 * 1024 * 1024 + 1) });
  await page.locator('.el-message--error', { hasText: '“航拍原图.png”超过 10 MB' }).waitFor();
  // Not an image by content: the server's message is shown.
  await input.setInputFiles({ name: '说明.png', mimeType: 'image/png', buffer: Buffer.from('这不是图片') });
  await page.locator('.el-message--error', { hasText: '只接受 JPG 或 PNG 照片' }).waitFor();
  assert.equal(photoPosts, 1, 'only the second file reached the server');
  assert.equal(await photos.count(), 0);

  // Two photos at once; each gets its thumbnail.
  await input.setInputFiles([
    { name: '现场全景.png', mimeType: 'image/png', buffer: sitePhoto(640, 480) },
    { name: '多余的一张.png', mimeType: 'image/png', buffer: png(200, 150) },
  ]);
  await success(page, '已上传“多余的一张.png”');
  await photos.nth(1).waitFor();
  assert.equal((await drawer.locator('[data-test=report-photo-count]').textContent()).trim(), '2/20 张');
  assert.deepEqual((await photosOf()).map((x) => x.file_name), ['现场全景.png', '多余的一张.png']);
  const thumb = photos.first().locator('img');
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumb.elementHandle());
  const { id: firstId } = (await photosOf())[0];
  assert.equal(await thumb.getAttribute('src'), `/api/v1/report-photos/${firstId}?thumb=1`);
  assert.equal(await thumb.evaluate((img) => img.naturalWidth), 320, 'the thumbnail, not the 640 px photo');

  // The second is deleted after a confirm.
  await photos.nth(1).locator('[data-test=report-photo-delete]').click();
  assert.match(await confirmBox(page).textContent(), /删除照片“多余的一张.png”吗/);
  await confirmBox(page).locator('.el-button--danger').click();
  await success(page, '照片已删除');
  await photos.nth(1).waitFor({ state: 'detached' });
  assert.deepEqual((await photosOf()).map((x) => x.file_name), ['现场全景.png']);
  assert.equal((await drawer.locator('[data-test=report-photo-count]').textContent()).trim(), '1/20 张');

  // A click opens the photo itself.
  await thumb.click();
  const viewer = page.locator('.el-image-viewer__wrapper');
  await viewer.waitFor();
  assert.equal(await viewer.locator('img.el-image-viewer__img').getAttribute('src'), `/api/v1/report-photos/${firstId}`);
  await page.waitForFunction(() => { const img = document.querySelector('.el-image-viewer__img'); return img && img.complete && img.naturalWidth === 640; });
  await viewer.locator('.el-image-viewer__close').click();
  await viewer.waitFor({ state: 'detached' });
  await page.waitForFunction(() => !document.querySelector('.el-drawer-fade-enter-active, .el-message'));
  await shot(page, 'drawer-photos');
  await drawer.locator('.el-drawer__close-btn').click();
  await drawer.waitFor({ state: 'hidden' });

  // Submitted: the photos stay, read-only for the unit too.
  await page.click('[data-test=grid-submit]');
  await confirmBox(page).locator('.el-button--primary').click();
  await row.locator('[data-test=report-state]', { hasText: '已报送' }).waitFor();
  await row.locator('[data-test=grid-detail]').click();
  await photos.first().waitFor();
  assert.equal(await drawer.locator('[data-test=report-photo-delete]').count(), 0);
  assert.equal(await input.count(), 0);

  // The bureau reviews it with the photo, and cannot change the photos either.
  const staffPage = await newPage();
  await openReports(staffPage, 'fgw', `period=${period}&tab=review`, '[data-test=review-table]');
  const review = staffPage.locator('[data-test=review-table] tr.el-table__row', { has: staffPage.locator(`[data-test=review-row-${p.id}]`) });
  await review.locator('[data-test=review-detail]').click();
  const staffDrawer = staffPage.locator('[data-test=report-drawer]');
  const staffThumb = staffDrawer.locator('[data-test=report-photo] img');
  await staffThumb.waitFor();
  await staffPage.waitForFunction((img) => img.complete && img.naturalWidth > 0, await staffThumb.elementHandle());
  assert.equal(await staffDrawer.locator('[data-test=report-photo]').count(), 1);
  assert.equal(await staffDrawer.locator('[data-test=report-photo-delete]').count(), 0);
  assert.equal(await staffDrawer.locator('[data-test=report-photo-upload]').count(), 0);
  await staffDrawer.locator('[data-test=drawer-accept]').waitFor();
  await staffPage.waitForFunction(() => !document.querySelector('.el-drawer-fade-enter-active'));
  await shot(staffPage, 'drawer-photos-review');
  assert.equal((await staff.del(`/api/v1/report-photos/${firstId}`)).status, 409, 'the server agrees');
});
