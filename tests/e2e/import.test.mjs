// Ledger import (项目台账导入) in headless Chromium against the real binary (web/dist embedded),
// as the bureau's staff do it: a unit's ledger (title row, "单位:万元", merged two-row header,
// a group heading, a 合计 row) with one bad row is previewed and refused; the fixed ledger
// imports; a two-character search finds an imported project with its amounts exactly as in
// the file; the exported list imports back with nothing changed; a unit reporter sees only
// its unit's projects and gets the 404 page for another unit's. Screenshots go to
// $TUIJIN_ARTIFACTS/e2e-import-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { browserSuite, login, projectRows as rows } from '../lib/browser.mjs';
import { ledgerXlsx } from '../lib/ledger.mjs';

const CHENGDONG = '城东路街道办事处';

// The ledger's projects. LANES is found by the search below ("背街" is in no demo project);
// CARE has 城东路 as 建设单位 only; DRAINS belongs to 南关 and carries the bad 总投资.
const LANES = { name: '城东路街道背街小巷提质改造', owner: '云河城市建设投资集团有限公司', lead: CHENGDONG, total: 3618.76, bond: 1200 };
const DRAINS = { name: '南关片区雨污分流改造二期', owner: '云河水务有限公司', lead: '南关街道办事处', total: 5206.3, bond: 2000 };
const CARE = { name: '城东路街道医养结合服务中心建设', owner: CHENGDONG, lead: '云河区卫生健康委员会', total: 1260 };
const LIFTS = { name: '紫荆山街道老旧小区加装电梯', owner: '云河城市建设投资集团有限公司', lead: '紫荆山街道办事处', total: 2450, own: 800 };
const IMPORTED = [LANES, DRAINS, CARE, LIFTS];
const FILE_NAME = '云河区2026年第二批区重点项目台账.xlsx';
const BAD_ROW = 7; // DRAINS, as Excel numbers the rows

// The whole library is previewed below; leave room for a busy machine.
const { server, newPage, shot } = browserSuite({ prefix: 'import', timeout: 60_000 });
let workDir;
/** Ids of the imported projects, by name; the import test fills it in. */
const ids = {};

before(() => {
  workDir = mkdtempSync(join(tmpdir(), 'tuijin-e2e-import-'));
});

after(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// The ledger as a street office sends it, amounts in 万元. `bad` leaves DRAINS' 总投资 as "待定".
async function ledger({ bad = false } = {}) {
  return ledgerXlsx({
    sheetName: '区重点项目',
    title: '云河区2026年第二批区重点项目推进台账',
    rows: [
      ['一、区重点项目'],
      [1, LANES.name, LANES.owner, LANES.lead, LANES.total, LANES.bond, null, '2026.4', '改建', '改造背街小巷23条,铺装透水路面1.8万平方米'],
      [2, DRAINS.name, DRAINS.owner, DRAINS.lead, bad ? '待定' : DRAINS.total, DRAINS.bond, null, '2026-06', '改建', '新建雨污分流管网18公里'],
      [3, CARE.name, CARE.owner, CARE.lead, CARE.total, null, null, '2026年5月', '新建', '建设医养结合服务中心1处,床位120张'],
      [4, LIFTS.name, LIFTS.owner, LIFTS.lead, LIFTS.total, null, LIFTS.own, '2026/7/1', '改建', '既有住宅加装电梯46部'],
      ['合计', '', '', '', 12535.06],
    ],
  });
}

// The unit's file on disk, saved again under the same name when it is fixed.
async function ledgerFile(opts) {
  const path = join(workDir, FILE_NAME);
  writeFileSync(path, await ledger(opts));
  return path;
}

const dialog = (page) => page.locator('.el-dialog.import-dialog');
const previewRows = (page) => dialog(page).locator('[data-test=import-rows] .el-table__body tr.el-table__row');
const isList = (r) => new URL(r.url()).pathname === '/api/v1/projects' && r.request().method() === 'GET';

// The session's view of the library, through the page's own cookies.
async function projectsNamed(page, name) {
  const res = await page.request.get(`${server.url}/api/v1/projects?all=1&q=${encodeURIComponent(name)}`);
  assert.equal(res.status(), 200);
  return (await res.json()).items.filter((p) => p.name === name);
}

// The 项目库 page, signed in.
async function openList(page, username) {
  const listed = page.waitForResponse(isList);
  await page.goto(`${server.url}/projects`);
  await login(page, username);
  await page.waitForURL('**/projects');
  const res = await listed;
  assert.equal(res.status(), 200);
  await rows(page).first().waitFor();
  return res.json();
}

async function openImportDialog(page) {
  await page.click('[data-test=project-import]');
  await dialog(page).waitFor();
  await dialog(page).locator('[data-test=import-file]').waitFor();
}

// Chooses a file in the dialog's first step and uploads it; resolves when the preview shows.
// (Chromium does not keep the body of this upload's response for the test: read the page.)
async function uploadFile(page, path) {
  await dialog(page).locator('input[type=file]').setInputFiles(path);
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/imports/projects' && r.request().method() === 'POST');
  await dialog(page).locator('[data-test=import-upload]').click(); // waits until a file is chosen
  assert.equal((await answered).status(), 200);
  await dialog(page).locator('[data-test=import-summary]').waitFor();
}

const summary = async (page) => (await dialog(page).locator('[data-test=import-summary]').textContent()).trim();

test('a ledger with a bad row is refused with the row named; the fixed ledger imports', async () => {
  const page = await newPage();
  const commits = [];
  page.on('request', (r) => { if (/\/api\/v1\/imports\/projects\/[^/]+\/commit$/.test(new URL(r.url()).pathname)) commits.push(r.url()); });
  const first = await openList(page, 'fgw');
  await openImportDialog(page);

  // 1. The ledger with 总投资 "待定" in one row.
  await uploadFile(page, await ledgerFile({ bad: true }));
  assert.match(await dialog(page).textContent(), new RegExp(`文件：${FILE_NAME}`));
  assert.match(await dialog(page).textContent(), /表头在第 3 行/);
  assert.equal(await summary(page), '共 4 行：新增 3，更新 0，无变化 0，错误 1');
  // The title, "单位:万元", group heading and 合计 rows are not projects.
  const names = (await previewRows(page).allTextContents()).map((t) => IMPORTED.find((p) => t.includes(p.name))?.name);
  assert.deepEqual(names, IMPORTED.map((p) => p.name));
  // Every required field has its column: the mapping is folded away, with a one-line summary.
  assert.match(await dialog(page).locator('[data-test=import-mapping-summary]').textContent(), /已对应 9 列，忽略 1 列/);
  assert.equal(await dialog(page).locator('[data-test=import-mapping]').count(), 0);
  // Opened, it shows the merged header: 专项债 is read under 资金来源.
  await dialog(page).locator('[data-test=import-mapping-panel] .el-collapse-item__header').click();
  await dialog(page).locator('[data-test=import-mapping]').waitFor();
  assert.match(await dialog(page).locator('[data-test=import-mapping]').textContent(), /资金来源\/专项债/);

  const badRow = previewRows(page).filter({ hasText: DRAINS.name });
  assert.equal((await badRow.locator('td').first().textContent()).trim(), String(BAD_ROW));
  assert.equal((await badRow.locator('[data-test=import-row-status]').textContent()).trim(), '错误');
  const error = badRow.locator('[data-test=import-row-error]');
  assert.equal(await error.count(), 1);
  assert.match(await error.textContent(), /^总投资：\s*“待定”不是数字/);
  assert.equal(await dialog(page).locator('[data-test=import-row-error]').count(), 1, 'only the bad row has an error');

  // Without 跳过有错误的行 the import cannot be confirmed.
  const blocked = dialog(page).locator('[data-test=import-blocked]');
  assert.match(await blocked.textContent(), /有 1 行存在错误。请修正文件后重新上传/);
  assert.equal(await dialog(page).locator('[data-test=import-skip-errors] input').isChecked(), false);
  assert.equal(await dialog(page).locator('[data-test=import-skip-errors] input').isEnabled(), true);
  const confirm = dialog(page).locator('[data-test=import-commit]');
  assert.equal(await confirm.isDisabled(), true);
  await confirm.click({ force: true }); // a click on the greyed-out button does nothing
  await badRow.scrollIntoViewIfNeeded();
  await shot(page, 'preview-error');
  for (const p of IMPORTED) assert.deepEqual(await projectsNamed(page, p.name), [], `${p.name} was not imported`);
  assert.deepEqual(commits, [], 'no commit was sent');
  await blocked.waitFor(); // still on the preview

  // 2. The unit fixes the file; it is chosen again and previews clean.
  await dialog(page).getByRole('button', { name: '重新选择文件', exact: true }).click();
  await uploadFile(page, await ledgerFile());
  assert.equal(await summary(page), '共 4 行：新增 4，更新 0，无变化 0，错误 0');
  assert.equal(await dialog(page).locator('[data-test=import-row-error]').count(), 0);
  assert.equal(await blocked.count(), 0);
  const statuses = await dialog(page).locator('[data-test=import-row-status]').allTextContents();
  assert.deepEqual(statuses.map((s) => s.trim()), ['新增', '新增', '新增', '新增']);
  const drains = previewRows(page).filter({ hasText: DRAINS.name });
  // Amounts as the list shows them.
  assert.match(await drains.textContent(), /5,206\.30/);

  const committed = page.waitForResponse((r) => r.url().endsWith('/commit') && r.request().method() === 'POST');
  const reloaded = page.waitForResponse(isList);
  await confirm.click();
  const commitResponse = await committed;
  assert.equal(commitResponse.status(), 200);
  assert.ok(JSON.parse(commitResponse.request().postData()).plan_id, 'the commit names the kept preview');
  const result = dialog(page).locator('[data-test=import-result]');
  await result.waitFor();
  assert.match(await result.textContent(), /导入完成/);
  assert.match(await result.textContent(), /新增 4 个，更新 0 个，无变化 0 个，跳过 0 行/);
  await shot(page, 'done');
  assert.equal(commits.length, 1);

  // The list behind the dialog has been reloaded with the new projects.
  assert.equal((await (await reloaded).json()).total, first.total + 4);
  await dialog(page).getByRole('button', { name: '关闭', exact: true }).click();
  await dialog(page).waitFor({ state: 'hidden' });
  await page.locator('[data-test=projects-totals]', { hasText: `共 ${first.total + 4} 个项目` }).waitFor();

  for (const p of IMPORTED) {
    const found = await projectsNamed(page, p.name);
    assert.equal(found.length, 1, p.name);
    ids[p.name] = found[0].id;
  }
});

test('a two-character search finds an imported project; its fields are as in the file', async () => {
  assert.ok(ids[LANES.name], 'the import test ran first');
  const page = await newPage();
  await openList(page, 'fgw');
  const searched = page.waitForResponse((r) => isList(r) && new URL(r.url()).searchParams.get('q') === '背街');
  await page.fill('[data-test=project-search]', '背街');
  await page.click('[data-test=project-search-submit]');
  await page.waitForURL(/q=%E8%83%8C%E8%A1%97/);
  assert.equal((await (await searched).json()).total, 1);
  const row = rows(page).filter({ hasText: LANES.name });
  await row.waitFor();
  await page.locator('[data-test=projects-totals]', { hasText: '共 1 个项目' }).waitFor();
  assert.equal(await rows(page).count(), 1);
  assert.match(await row.textContent(), /区重点/);
  assert.equal((await row.locator('[data-test=project-total]').textContent()).trim(), '3,618.76');
  assert.match(await row.textContent(), new RegExp(LANES.owner));
  assert.match(await page.textContent('[data-test=projects-totals]'), /共 1 个项目，总投资 3,618\.76 万元/);
  await shot(page, 'search');

  await row.locator('[data-test=project-link]').click();
  await page.waitForURL(`**/projects/${ids[LANES.name]}`);
  await page.waitForSelector('[data-test=project-fields]');
  assert.equal((await page.textContent('[data-test=project-name]')).trim(), LANES.name);
  assert.equal((await page.textContent('[data-test=field-name]')).trim(), LANES.name);
  assert.equal((await page.textContent('[data-test=field-total]')).trim(), '3,618.76');
  assert.equal((await page.textContent('[data-test=field-owner]')).trim(), LANES.owner);
  assert.equal((await page.textContent('[data-test=field-lead]')).trim(), LANES.lead);
  assert.match(await page.textContent('[data-test=field-content]'), /改造背街小巷23条/);
  assert.match(await page.textContent('[data-test=funding-table]'), /1,200\.00/);
});

test('the exported list imports back with nothing changed', async () => {
  assert.ok(ids[LANES.name], 'the import test ran first');
  const page = await newPage();
  const list = await openList(page, 'fgw');
  await page.locator('[data-test=projects-totals]', { hasText: `共 ${list.total} 个项目` }).waitFor();

  const downloading = page.waitForEvent('download');
  await page.click('[data-test=project-export]');
  const download = await downloading;
  assert.match(download.suggestedFilename(), /^重点项目台账.*\.xlsx$/);
  const exported = join(workDir, download.suggestedFilename());
  await download.saveAs(exported);
  // The exported ledger holds the imported amounts in 万元.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(exported);
  const values = [];
  wb.worksheets[0].eachRow((r) => values.push(r.values));
  assert.ok(values.some((v) => v.includes(LANES.name) && v.includes(LANES.total)), 'the export has 城东路街道背街小巷提质改造 at 3618.76');

  await openImportDialog(page);
  await uploadFile(page, exported);
  assert.equal(await summary(page), `共 ${list.total} 行：新增 0，更新 0，无变化 ${list.total}，错误 0`);
  // The rows come 50 to a page; the demo library and the 4 imported projects need more than one.
  assert.ok(list.total > 50, `${list.total} projects`);
  const statuses = await dialog(page).locator('[data-test=import-row-status]').allTextContents();
  assert.equal(statuses.length, 50);
  assert.ok(statuses.every((s) => s.trim() === '无变化'), [...new Set(statuses)].join(','));
  const pager = dialog(page).locator('[data-test=import-pagination]');
  assert.match(await pager.textContent(), new RegExp(`共 ${list.total} 条`));
  // Further pages come from the preview the server keeps (GET …/rows?plan_id=…).
  const paged = page.waitForResponse((r) => /\/imports\/projects\/[^/]+\/rows\?/.test(r.url()));
  await pager.locator('.el-pager li').last().click();
  assert.equal((await paged).status(), 200);
  await dialog(page).locator('[data-test=import-pagination] .el-pager li.is-active', { hasText: String(Math.ceil(list.total / 50)) }).waitFor();
  const last = await dialog(page).locator('[data-test=import-row-status]').allTextContents();
  assert.equal(last.length, list.total - 50 * (Math.ceil(list.total / 50) - 1));
  assert.ok(last.every((s) => s.trim() === '无变化'), [...new Set(last)].join(','));
  assert.equal(await dialog(page).locator('[data-test=import-row-error]').count(), 0);
  await dialog(page).locator('[data-test=import-summary]').scrollIntoViewIfNeeded();
  await shot(page, 'reimport');

  const committed = page.waitForResponse((r) => r.url().endsWith('/commit') && r.request().method() === 'POST');
  await dialog(page).locator('[data-test=import-commit]').click();
  assert.equal((await committed).status(), 200);
  const result = dialog(page).locator('[data-test=import-result]');
  await result.waitFor();
  assert.match(await result.textContent(), new RegExp(`新增 0 个，更新 0 个，无变化 ${list.total} 个`));
  assert.equal((await projectsNamed(page, LANES.name))[0].total_investment, LANES.total * 1_000_000);
});

test('a unit reporter sees only its unit\'s projects and gets 404 for another unit\'s imported project', async () => {
  assert.ok(ids[DRAINS.name], 'the import test ran first');
  const page = await newPage();
  await page.goto(`${server.url}/login`);
  const listed = page.waitForResponse(isList);
  await login(page, 'chengdong');
  await page.waitForURL('**/projects');
  const list = await (await listed).json();
  await rows(page).first().waitFor();

  assert.ok(list.items.length > 0);
  assert.equal(list.total, list.items.length, 'all of the unit\'s projects are on the first page');
  for (const p of list.items) {
    assert.ok(p.lead_unit_name === CHENGDONG || p.owner_unit_name === CHENGDONG, `${p.name}: ${p.lead_unit_name} / ${p.owner_unit_name}`);
  }
  const listedNames = list.items.map((p) => p.name);
  assert.ok(listedNames.includes(LANES.name), 'its 责任单位 project is listed');
  assert.ok(listedNames.includes(CARE.name), 'its 建设单位 project is listed');
  assert.ok(!listedNames.includes(DRAINS.name) && !listedNames.includes(LIFTS.name));

  const texts = await rows(page).allTextContents();
  assert.equal(texts.length, list.items.length);
  for (const text of texts) assert.match(text, /城东路街道办事处/);
  assert.equal(await page.locator('[data-test=project-import]').count(), 0);

  await page.goto(`${server.url}/projects/${ids[DRAINS.name]}`);
  const failure = page.locator('[data-test=project-failure]');
  await failure.waitFor();
  assert.match(await failure.textContent(), /404/);
  assert.match(await failure.textContent(), /项目不存在/);
  assert.doesNotMatch(await page.textContent('body'), new RegExp(DRAINS.name));
  await shot(page, 'unit-404');
});
