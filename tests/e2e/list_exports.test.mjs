// The 导出Excel buttons of 预警中心, 红黄绿状态 and 排名通报 in headless Chromium, on the demo data:
// each downloads the list with the filters the page shows (from its URL), every page of it, as
// the API lists it; a unit user's download holds its own projects. Screenshots:
// $TUIJIN_ARTIFACTS/e2e-list-exports-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { browserSuite, login } from '../lib/browser.mjs';
import { signedIn } from '../lib/server.mjs';

const { server, newPage, shot } = browserSuite({ prefix: 'list-exports' });
const HEADER_ROW = 3;

async function openAs(username, path, ready) {
  const page = await newPage();
  await page.goto(`${server.url}${path}`);
  await login(page, username);
  await page.waitForSelector(`[data-test=${ready}]`);
  return page;
}

// Clicks the button and reads the downloaded workbook: its file name and its body rows' column.
async function downloadFrom(page, button, column) {
  const downloading = page.waitForEvent('download');
  await page.click(`[data-test=${button}]`);
  const download = await downloading;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await streamToBuffer(await download.createReadStream()));
  const ws = wb.worksheets[0];
  const values = [];
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, column).value;
    if (v !== null && v !== undefined && v !== '') values.push(String(v));
  }
  return { name: download.suggestedFilename(), title: String(ws.getCell('A1').value), values };
}

async function streamToBuffer(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}

async function allItems(client, path, query) {
  const items = [];
  for (let page = 1; ; page++) {
    const res = await client.get(`${path}?${query}&page=${page}&page_size=500`);
    assert.equal(res.status, 200, res.text);
    items.push(...res.body.items);
    if (items.length >= res.body.total || res.body.items.length === 0) return items;
  }
}

test('预警中心 and 红黄绿状态 download what the filters show, every page', async () => {
  const staff = await signedIn(server.url, 'fgw');
  const warnings = await allItems(staff, '/api/v1/warnings', 'state=open&colour=red');
  assert.ok(warnings.length > 20, `more than a page of red warnings (${warnings.length})`);
  const page = await openAs('fgw', '/warnings?colour=red', 'warnings-page');
  await page.locator('[data-test=warnings-totals]', { hasText: `共 ${warnings.length} 条预警` }).waitFor();
  await shot(page, 'warnings');
  const w = await downloadFrom(page, 'warnings-export', 4);
  assert.match(w.name, /^预警清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.deepEqual(w.values, warnings.map((x) => x.project.name));

  const statuses = await allItems(staff, '/api/v1/statuses', 'colour=red,yellow&level=district');
  assert.ok(statuses.length > 0);
  await page.goto(`${server.url}/statuses?colour=yellow,red&level=district`);
  await page.locator('[data-test=statuses-totals]', { hasText: `共 ${statuses.length} 个项目` }).waitFor();
  await shot(page, 'statuses');
  const s = await downloadFrom(page, 'statuses-export', 4);
  assert.match(s.name, /^红黄绿状态表-\d{4}-\d{2}\.xlsx$/);
  assert.deepEqual(s.values, statuses.map((x) => x.project.name));
});

test('a unit user downloads its own warnings', async () => {
  const unit = await signedIn(server.url, 'chengdong');
  const own = await allItems(unit, '/api/v1/warnings', 'state=open');
  const page = await openAs('chengdong', '/warnings', 'warnings-page');
  await page.locator('[data-test=warnings-totals]', { hasText: `共 ${own.length} 条预警` }).waitFor();
  const w = await downloadFrom(page, 'warnings-export', 4);
  assert.deepEqual(w.values, own.map((x) => x.project.name));
});

test('排名通报: the month on screen and the quarter picked', async () => {
  const staff = await signedIn(server.url, 'fgw');
  const ranking = (await staff.get('/api/v1/rankings')).body;
  const page = await openAs('quzhang', '/rankings', 'rankings-page');
  await page.locator('[data-test=ranking-table] .el-table__body-wrapper tr.el-table__row').first().waitFor();
  const month = await downloadFrom(page, 'ranking-export', 2);
  assert.equal(month.name, `各单位投资排名-${ranking.period}.xlsx`);
  assert.deepEqual(month.values, ranking.items.map((i) => i.unit_name));

  await page.click('[data-test=rankings-tabs] #tab-quarter');
  await page.waitForSelector('[data-test=ranking-quarter-panel]');
  await page.click('[data-test=quarter-1]');
  const year = Number(ranking.period.slice(0, 4));
  const scores = (await staff.get(`/api/v1/rankings/quarters?year=${year}&quarter=1`)).body;
  await shot(page, 'quarter');
  const quarter = await downloadFrom(page, 'quarter-export', 2);
  assert.equal(quarter.name, `各单位季度评分-${year}年第1季度.xlsx`);
  assert.equal(quarter.title, `云河区${year}年第一季度各单位考核评分`);
  assert.deepEqual(quarter.values, scores.items.map((i) => i.unit_name));
});
