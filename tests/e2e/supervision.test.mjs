// Supervision (督办) in headless Chromium against the real binary. The acceptance flow: the
// bureau turns a report's problem into an item with a deadline from the report drawer; the
// unit (城东路街道) signs for it, posts progress with a file, asks for more time; the bureau
// grants it; the unit reports done; the bureau returns it with a reason; the unit reports done
// again; the bureau verifies and closes it. The timeline shows every step in order, and the
// deadline shown is the extended one. Also: a 400 names the field in the create dialog; a
// meeting's decision becomes an item; tasks imported into a ledger from Excel, a bad row named
// in the preview. Screenshots go to $TUIJIN_ARTIFACTS/e2e-supervision-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { browserSuite, login } from '../lib/browser.mjs';
import { signedIn } from '../lib/server.mjs';

const { server, newPage, shot } = browserSuite({ prefix: 'supervision', timeout: 15000 });
const WAN = 1_000_000;
const PROBLEM = '项目用地指标未落实,影响开工';

// YYYY-MM-DD `days` after today in China time (+08:00), the server's today.
function chinaDay(days = 0) {
  const d = new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}
function previousMonth(period) {
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

let ctx = null;
async function setup() {
  if (ctx) return ctx;
  const staff = await signedIn(server.url, 'fgw');
  const unit = await signedIn(server.url, 'chengdong');
  const me = (await unit.get('/api/v1/session')).body.user;
  const period = previousMonth((await unit.get('/api/v1/periods')).body.current);
  const res = await staff.post('/api/v1/projects', {
    name: '城东路街道智慧农贸市场建设项目', level: 'district', lead_unit_id: me.unit_id, total_investment: 3600 * WAN,
    planned_start: '2025-06', stage: 'preparation',
  });
  assert.equal(res.status, 201, res.text);
  const project = res.body;
  const s = await unit.post(`/api/v1/projects/${project.id}/reports/${period}/submit`, {
    amount: 0, progress_text: '完成方案设计,正在办理用地手续', problems: PROBLEM,
  });
  assert.equal(s.status, 200, s.text);
  ctx = { staff, unit, me, period, project };
  return ctx;
}

const dropdownsClosed = (page) => page.waitForFunction(() => [...document.querySelectorAll('.el-popper.el-select__popper')]
  .every((e) => getComputedStyle(e).display === 'none'));

// Opens an el-select / el-tree-select and picks the option with `text`.
async function pick(page, selector, text) {
  await dropdownsClosed(page);
  await page.click(selector);
  const open = page.locator('.el-popper[aria-hidden=false]');
  await open.locator('.el-select-dropdown__item, .el-tree-node__content').filter({ hasText: text }).first().click();
  if (await open.count()) await page.keyboard.press('Escape');
  await dropdownsClosed(page);
}

async function typeDate(page, selector, value) {
  const input = page.locator(`${selector} input`).first();
  await input.click();
  await input.fill(value);
  // Enter takes the date and closes the picker (Escape would close the dialog around it).
  await input.press('Enter');
}

const success = (page, text) => page.locator('.el-message--success', { hasText: text }).first().waitFor();
const entries = (page) => page.locator('[data-test=sv-timeline-entry]');
const entryActions = (page) => page.locator('[data-test=sv-entry-action]').allTextContents();

// One action from the detail page's panel: its dialog, note, optional date and file.
async function act(page, action, label, { note, date, file } = {}) {
  const before = await entries(page).count();
  await page.click(`[data-test=sv-act-${action}]`);
  const dialog = page.locator('[data-test=action-dialog]');
  await dialog.waitFor();
  assert.match(await dialog.locator('[data-test=action-confirm]').textContent(), new RegExp(`确定${label}督办事项 \\d{4}-\\d{3}`));
  if (date) await typeDate(page, '[data-test=action-deadline]', date);
  if (note) await dialog.locator('[data-test=action-note]').fill(note);
  if (file) {
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.locator('.el-upload-list__item.is-success').waitFor();
  }
  await dialog.locator('[data-test=action-submit]').click();
  await success(page, `已${label}`);
  await dialog.waitFor({ state: 'hidden' });
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=sv-timeline-entry]').length > n, before);
}

// A minimal, valid one-page PDF.
function pdf() {
  return Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
    + '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
}

test('a report problem becomes an item; the unit signs, reports, asks for time; the bureau grants, returns, closes; the timeline shows it all', async () => {
  const { period, project } = await setup();
  const deadline = chinaDay(10);
  const extended = chinaDay(24);

  // --- The bureau raises the item from the report drawer; the dialog is pre-filled.
  const staffPage = await newPage();
  await staffPage.goto(`${server.url}/reports?period=${period}&tab=review`);
  await login(staffPage, 'fgw');
  const row = staffPage.locator('[data-test=review-table] tr.el-table__row', { has: staffPage.locator(`[data-test=review-row-${project.id}]`) });
  await row.locator('[data-test=review-detail]').click();
  const drawer = staffPage.locator('[data-test=report-drawer]');
  await drawer.locator('[data-test=drawer-problems]', { hasText: PROBLEM }).waitFor();
  await drawer.locator('[data-test=drawer-supervise]').click();
  const dialog = staffPage.locator('[data-test=supervision-dialog]');
  await dialog.waitFor();
  assert.equal(await dialog.locator('[data-test=sv-title]').inputValue(), PROBLEM);
  assert.equal(await dialog.locator('[data-test=sv-description]').inputValue(), PROBLEM);
  assert.match(await dialog.locator('[data-test=sv-source]').textContent(), /进度填报问题/);
  assert.match(await dialog.locator('.el-select[data-test=sv-lead]').textContent(), /城东路街道办事处/);
  assert.match(await dialog.locator('[data-test=sv-projects]').textContent(), /城东路街道智慧农贸市场建设项目/);
  await pick(staffPage, '[data-test=sv-category]', '用地');
  await dialog.locator('[data-test=sv-priority] label', { hasText: '紧急' }).click();
  await typeDate(staffPage, '[data-test=sv-deadline]', deadline);
  await shot(staffPage, 'create-from-report');
  await dialog.locator('[data-test=supervision-save]').click();
  await success(staffPage, '已交办督办事项');
  const link = drawer.locator('[data-test=drawer-supervision-item]');
  await link.waitFor();
  assert.match(await link.textContent(), /\d{4}-\d{3}\s*项目用地指标未落实,影响开工\s*待签收/);
  await link.locator('a').click();
  await staffPage.locator('[data-test=sv-number]').waitFor();
  const number = (await staffPage.textContent('[data-test=sv-number]')).trim();
  assert.match(number, /^\d{4}-\d{3}$/);
  const itemUrl = staffPage.url();
  assert.match(await staffPage.textContent('[data-test=sv-report]'), /城东路街道智慧农贸市场建设项目/);
  // The bureau may urge or cancel, but not sign for the unit.
  assert.equal(await staffPage.locator('[data-test=sv-act-sign]').count(), 0);
  await staffPage.locator('[data-test=sv-act-urge]').waitFor();

  // --- The unit finds it in 我的督办 and signs for it.
  const unitPage = await newPage();
  await unitPage.goto(`${server.url}/supervision`);
  await login(unitPage, 'chengdong');
  await unitPage.locator('.title', { hasText: '我的督办' }).waitFor();
  const unitRow = unitPage.locator('[data-test=supervision-table] tr.el-table__row', { hasText: number });
  await unitRow.waitFor();
  assert.match(await unitRow.textContent(), /项目用地指标未落实,影响开工/);
  assert.match(await unitRow.locator('[data-test=supervision-status]').textContent(), /待签收/);
  assert.match(await unitRow.locator('[data-test=deadline-note]').textContent(), /剩\d+天/);
  await shot(unitPage, 'my-items');
  await unitRow.locator('[data-test=supervision-number]').click();
  await unitPage.locator('[data-test=sv-act-sign]').waitFor();
  await act(unitPage, 'sign', '签收');
  await unitPage.locator('[data-test=sv-fields]').waitFor();
  assert.match(await unitPage.textContent('[data-test=supervision-status]'), /办理中/);

  // --- Progress with a file, then a request for more time.
  await act(unitPage, 'update', '报送进展', {
    note: '已与自然资源局对接,用地指标申请材料已报送',
    file: { name: '用地指标申请材料.pdf', mimeType: 'application/pdf', buffer: pdf() },
  });
  await unitPage.locator('[data-test=sv-entry-file]', { hasText: '用地指标申请材料.pdf' }).waitFor();
  await act(unitPage, 'request_extension', '申请延期', { date: extended, note: '用地指标需市级审批,预计两周内批复' });
  await unitPage.locator('[data-test=extension-pending]').waitFor();

  // --- The bureau grants it: the deadline moves.
  await staffPage.goto(itemUrl);
  await staffPage.locator('[data-test=sv-act-grant_extension]').waitFor();
  await act(staffPage, 'grant_extension', '同意延期', { note: '同意延期' });
  assert.equal((await staffPage.textContent('[data-test=sv-deadline] [data-test=deadline-day]')).trim(), extended);

  // --- The unit reports done; the bureau returns it; the unit reports done again.
  await unitPage.reload();
  await unitPage.locator('[data-test=sv-act-report_done]').waitFor();
  await act(unitPage, 'report_done', '报办结', { note: '用地指标已落实,项目已具备开工条件' });
  assert.match(await unitPage.textContent('[data-test=supervision-status]'), /待核验/);
  await staffPage.reload();
  await staffPage.locator('[data-test=sv-act-return]').waitFor();
  await act(staffPage, 'return', '退回', { note: '请补充用地批复文件' });
  assert.match(await staffPage.textContent('[data-test=supervision-status]'), /已退回/);
  await unitPage.reload();
  await unitPage.locator('[data-test=sv-act-report_done]').waitFor();
  await act(unitPage, 'report_done', '报办结', {
    note: '已补充市自然资源局用地批复',
    file: { name: '用地批复.pdf', mimeType: 'application/pdf', buffer: pdf() },
  });

  // --- The bureau verifies and closes it.
  await staffPage.reload();
  await staffPage.locator('[data-test=sv-act-verify]').waitFor();
  await act(staffPage, 'verify', '核验办结', { note: '核验通过,予以办结' });
  assert.match(await staffPage.textContent('[data-test=supervision-status]'), /已办结/);
  assert.equal(await staffPage.locator('[data-test=sv-no-actions]').count() + await staffPage.locator('[data-test=sv-act-verify]').count(), 1);

  // The timeline, oldest first: every step in order, with its notes; the deadline shown is the
  // extended one, and the grant says how it moved.
  const steps = (await entryActions(staffPage)).map((s) => s.trim());
  const expected = ['签收', '报送进展', '申请延期', '同意延期', '报办结', '退回', '报办结', '核验办结'];
  assert.deepEqual(steps.filter((s) => expected.includes(s)), expected);
  assert.ok(steps.length === expected.length || steps.length === expected.length + 1, `unexpected steps ${steps.join(',')}`);
  const notes = await staffPage.locator('[data-test=sv-timeline-entry]').allTextContents();
  const order = ['已与自然资源局对接', '预计两周内批复', '同意延期', '用地指标已落实', '请补充用地批复文件', '已补充市自然资源局用地批复', '核验通过'];
  const at = order.map((text) => notes.findIndex((n) => n.includes(text)));
  assert.ok(at.every((i) => i >= 0), `missing notes: ${JSON.stringify(at)}`);
  assert.deepEqual([...at].sort((a, b) => a - b), at);
  const changes = await staffPage.locator('[data-test=sv-entry-deadline]').allTextContents();
  assert.ok(changes.some((c) => c.includes(`${deadline} → ${extended}`)), `deadline changes: ${changes.join(' | ')}`);
  assert.equal((await staffPage.textContent('[data-test=sv-deadline] [data-test=deadline-day]')).trim(), extended);
  assert.match(await staffPage.textContent('[data-test=sv-original-deadline]'), new RegExp(deadline));
  await staffPage.locator('[data-test=sv-extension][data-state=granted]').waitFor();
  await shot(staffPage, 'closed-detail');

  // The printable 流转单 carries the same steps.
  const sheet = await newPage();
  await sheet.goto(`${server.url}/login?redirect=${encodeURIComponent(new URL(itemUrl).pathname + '/sheet')}`);
  await login(sheet, 'fgw');
  await sheet.locator('[data-test=sheet-number]', { hasText: number }).waitFor();
  assert.equal((await sheet.textContent('[data-test=sheet-deadline]')).includes(extended), true);
  assert.ok(await sheet.locator('[data-test=sheet-step]').count() >= 7);
  assert.equal(await sheet.locator('.side-menu').count(), 0);
  await shot(sheet, 'sheet');

  // --- The unit's list: the item closed, on time.
  await unitPage.goto(`${server.url}/supervision?status=done`);
  const doneRow = unitPage.locator('[data-test=supervision-table] tr.el-table__row', { hasText: number });
  await doneRow.waitFor();
  assert.match(await doneRow.locator('[data-test=deadline-note]').textContent(), /按期办结/);
});

test('the create dialog names a field the server refuses; a deadline in working days shows its date', async () => {
  await setup();
  const page = await newPage();
  await page.goto(`${server.url}/supervision`);
  await login(page, 'fgw');
  await page.click('[data-test=supervision-create]');
  const dialog = page.locator('[data-test=supervision-dialog]');
  await dialog.waitFor();
  // The form's own rules first.
  await dialog.locator('[data-test=supervision-save]').click();
  await dialog.locator('.el-form-item__error', { hasText: '请输入督办事项' }).waitFor();
  await dialog.locator('[data-test=sv-title]').fill('城东路街道农贸市场配套道路未贯通');
  await pick(page, '[data-test=sv-category]', '配套');
  await pick(page, '[data-test=sv-source]', '稽察');
  await pick(page, '.el-select[data-test=sv-lead]', '城东路街道办事处');
  await dialog.locator('[data-test=sv-mode-days]').click();
  await dialog.locator('[data-test=sv-working-days] input').fill('5');
  await dialog.locator('[data-test=sv-working-days] input').press('Tab');
  const computedDate = dialog.locator('[data-test=sv-computed-deadline]');
  await computedDate.waitFor();
  const text = await computedDate.textContent();
  assert.match(text, /折算截止日期：\d{4}-\d{2}-\d{2}/);
  const due = text.match(/\d{4}-\d{2}-\d{2}/)[0];
  assert.ok(due > chinaDay(4) && due <= chinaDay(12), `5 working days from today: ${due}`);
  // An issuing office of 61 characters: the server refuses it and the dialog says which field.
  await dialog.locator('[data-test=sv-office]').fill('区'.repeat(61));
  await dialog.locator('[data-test=supervision-save]').click();
  const fieldError = dialog.locator('.el-form-item', { has: page.locator('[data-test=sv-office]') }).locator('.el-form-item__error');
  const otherError = dialog.locator('.el-alert', { hasText: '交办单位' });
  await Promise.race([fieldError.waitFor(), otherError.waitFor()]);
  await shot(page, 'create-400');
  await dialog.locator('[data-test=sv-office]').fill('区发展和改革局');
  await dialog.locator('[data-test=supervision-save]').click();
  await success(page, '已交办督办事项');
  await page.locator('[data-test=sv-number]').waitFor();
  assert.match(await page.textContent('[data-test=sv-fields]'), new RegExp(`${due}（5个工作日内）`));
});

test('a meeting decision becomes a supervision item', async () => {
  await setup();
  const page = await newPage();
  await page.goto(`${server.url}/meetings`);
  await login(page, 'fgw');
  await page.click('[data-test=meeting-create]');
  const dialog = page.locator('[data-test=meeting-dialog]');
  await dialog.waitFor();
  await dialog.locator('[data-test=mt-title]').fill('全区重点项目推进会(第3次)');
  await pick(page, '[data-test=mt-kind]', '推进会');
  await dialog.locator('[data-test=mt-location]').fill('区政府三楼会议室');
  await dialog.locator('[data-test=mt-host]').fill('陈建国');
  await dialog.locator('[data-test=mt-decision-add]').click();
  await dialog.locator('[data-test=mt-decision-content]').fill('城东路街道牵头,10日内完成农贸市场地块征收扫尾');
  await pick(page, '.el-select[data-test=mt-decision-unit]', '城东路街道办事处');
  await typeDate(page, '[data-test=mt-decision-deadline]', chinaDay(10));
  await dialog.locator('[data-test=meeting-save]').click();
  await success(page, '会议已保存');
  await page.locator('[data-test=meeting-detail] [data-test=meeting-title]', { hasText: '全区重点项目推进会' }).waitFor();
  await page.click('[data-test=decision-to-item]');
  const sv = page.locator('[data-test=supervision-dialog]');
  await sv.waitFor();
  assert.equal(await sv.locator('[data-test=sv-title]').inputValue(), '城东路街道牵头,10日内完成农贸市场地块征收扫尾');
  assert.match(await sv.locator('[data-test=sv-source]').textContent(), /会议决定/);
  assert.match(await sv.locator('.el-select[data-test=sv-lead]').textContent(), /城东路街道办事处/);
  await pick(page, '[data-test=sv-category]', '拆迁');
  await sv.locator('[data-test=supervision-save]').click();
  await success(page, '已交办督办事项');
  await page.locator('[data-test=sv-meeting]', { hasText: '全区重点项目推进会' }).waitFor();
  assert.match(await page.textContent('[data-test=sv-fields]'), /议定事项：城东路街道牵头/);
  await page.click('[data-test=sv-meeting]');
  await page.locator('[data-test=decision-item]').waitFor();
  assert.match(await page.textContent('[data-test=decision-item]'), /\d{4}-\d{3}\s*待签收/);
  await shot(page, 'meeting');
});

test('tasks come into a ledger from Excel: a bad row is named in the preview, the fixed sheet imports', async (t) => {
  const { staff } = await setup();
  const year = Number(chinaDay().slice(0, 4));
  const res = await staff.post('/api/v1/task-ledgers', { name: `${year}年优化营商环境要点任务`, year, issuing_office: '区发展和改革局', description: '' });
  // Task ledgers land on the server after the rest of Step 5.
  if (res.status === 404 && res.body?.error?.code === 'route.not_found') {
    t.skip('the server has no /api/v1/task-ledgers yet');
    return;
  }
  assert.equal(res.status, 201, res.text);
  const ledger = res.body;
  const sheet = async (leadOfSecond) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('任务');
    ws.addRow(['序号', '方面', '任务内容', '牵头单位', '配合单位', '完成时限', '类别', '备注']);
    ws.addRow([1, '政务服务', '推行企业开办“一网通办”,办理时间压缩至1个工作日', '城东路街道办事处', '', chinaDay(30), '手续', '']);
    ws.addRow([2, '要素保障', '建立重点项目用地保障台账', leadOfSecond, '', chinaDay(45), '用地', '']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const page = await newPage();
  await page.goto(`${server.url}/task-ledgers/${ledger.id}`);
  await login(page, 'fgw');
  await page.locator('[data-test=ledger-title]', { hasText: '优化营商环境要点任务' }).waitFor();
  await page.click('[data-test=task-import]');
  const dialog = page.locator('[data-test=task-import-dialog]');
  await dialog.waitFor();
  await dialog.locator('input[type=file]').setInputFiles({ name: '要点任务.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await sheet('不存在的单位') });
  await dialog.locator('[data-test=task-import-summary]').waitFor();
  assert.match(await dialog.textContent('[data-test=task-import-summary]'), /1 行可导入，1 行有错误/);
  assert.match(await dialog.locator('[data-test=task-import-error]').first().textContent(), /牵头单位/);
  assert.equal(await dialog.locator('[data-test=task-import-commit]').isDisabled(), true);
  await shot(page, 'import-errors');
  await dialog.locator('[data-test=task-import-again]').click();
  await dialog.locator('input[type=file]').setInputFiles({ name: '要点任务.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await sheet('城东路街道办事处') });
  await dialog.locator('[data-test=task-import-summary]', { hasText: '2 行可导入' }).waitFor();
  await dialog.locator('[data-test=task-import-commit]').click();
  await success(page, '已导入 2 项任务');
  const rows = page.locator('[data-test=supervision-table] tr.el-table__row');
  await rows.nth(1).waitFor();
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /一网通办.*城东路街道办事处.*待签收/);
  assert.equal((await page.textContent('[data-test=ledger-count]')).trim(), '2');
  await shot(page, 'ledger');
});
