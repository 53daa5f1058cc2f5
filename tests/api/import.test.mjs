// Ledger import and export (项目台账导入导出) through the API: a ledger with a title row, a
// "单位:万元" line, a merged two-row header, a 合计 row and a bad row; preview, commit in one
// transaction, re-import changes nothing, export then re-import changes nothing; corrupt files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { startServer, signedIn } from '../lib/server.mjs';
import { ledgerXlsx, LEDGER_HEADING } from '../lib/ledger.mjs';

const WAN = 1_000_000;
let server, staff;

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
});
after(async () => { await server?.stop(); });

// The district's weekly ledger as units send it. `bad` puts a non-number in one 总投资.
async function ledger({ bad = false, amount = '3600.5' } = {}) {
  return ledgerXlsx({
    sheetName: '重点项目',
    title: '云河区2026年第一批新增重点项目台账',
    rows: [
      ['一、市重点项目'],
      [1, '云河智造谷数字产业园一期', '云河产业投资发展有限公司', '云河经济开发区管理委员会', 86000, null, 30000, '2026.3', '新建', '建设研发楼、中试厂房及配套设施'],
      [2, '金岱镇冷链物流集散中心', '中州冷链物流发展有限公司', '金岱镇人民政府', 42000.25, null, 12000, '2026年5月', '新建', '冷库12万立方米'],
      ['二、区重点项目'],
      [3, '城东路街道背街小巷提质改造', '云河城市建设投资集团有限公司', '城东路街道办事处', Number(amount), 1200, null, new Date(Date.UTC(2026, 3, 15)), '改建', '改造背街小巷23条'],
      [4, '南关片区雨污分流改造二期', '云河水务有限公司', '南关街道办事处', bad ? '待定' : 5200, 2000, null, '2026-06', '改建', '新建雨污管网18公里'],
      [5, '紫荆山公园提升改造', '云河城市建设投资集团有限公司', '紫荆山街道办事处', 1980, null, null, '2026/7/1', '改建', ''],
      ['合计', '', '', '', 137380.75],
    ],
    edit: (ws) => { ws.getCell('H7').numFmt = 'yyyy-mm-dd'; },
  });
}

async function upload(bytes, name = '新增重点项目台账.xlsx') {
  return staff.post(`/api/v1/imports/projects?filename=${encodeURIComponent(name)}`, new Uint8Array(bytes),
    { headers: { 'content-type': 'application/octet-stream' } });
}

async function findByName(name) {
  const res = await staff.get('/api/v1/projects?q=' + encodeURIComponent(name));
  return res.body.items.filter((p) => p.name === name);
}

test('a ledger with a bad row: the preview names the row, and by default nothing is written', async () => {
  const preview = await upload(await ledger({ bad: true }));
  assert.equal(preview.status, 200, preview.text);
  const p = preview.body;
  assert.equal(p.header_row, 3);
  const byField = Object.fromEntries(p.columns.filter((c) => c.field).map((c) => [c.field, c.header]));
  assert.equal(byField['funding:专项债'], '资金来源/专项债');
  assert.equal(byField.total_investment, '总投资');
  assert.deepEqual(p.summary, { total: 5, create: 4, update: 0, unchanged: 0, error: 1 });
  const badRow = p.rows.find((row) => row.action === 'error');
  assert.equal(badRow.row, 10);
  assert.equal(badRow.errors[0].field, 'total_investment');
  assert.match(badRow.errors[0].message, /“待定”不是数字/);
  assert.ok(!p.rows.some((row) => row.name === '合计'), 'the 合计 row is not a project');

  const commit = await staff.post(`/api/v1/imports/projects/${p.import_id}/commit`, { skip_errors: false });
  assert.equal(commit.status, 400);
  assert.equal(commit.body.error.code, 'import.has_errors');
  assert.match(commit.body.error.message, /第 10 行,总投资:“待定”不是数字/);
  assert.equal((await findByName('云河智造谷数字产业园一期')).length, 0, 'nothing was written');
});

test('the fixed ledger imports in one go, amounts in 万元 exactly, new owners added, levels from the group rows', async () => {
  const preview = await upload(await ledger());
  assert.equal(preview.body.summary.error, 0);
  const commit = await staff.post(`/api/v1/imports/projects/${preview.body.import_id}/commit`, {});
  assert.equal(commit.status, 200, commit.text);
  assert.equal(commit.body.created, 5);
  assert.equal(commit.body.new_owner_units, 1, '中州冷链物流发展有限公司 is a new 业主单位');

  const [park] = await findByName('云河智造谷数字产业园一期');
  assert.equal(park.total_investment, 86000 * WAN);
  assert.equal(park.level, 'city');
  assert.equal(park.planned_start, '2026-03');
  assert.equal(park.lead_unit_name, '云河经济开发区管理委员会');
  const [cold] = await findByName('金岱镇冷链物流集散中心');
  assert.equal(cold.total_investment, 42000.25 * WAN);
  assert.equal(cold.owner_unit_name, '中州冷链物流发展有限公司');
  assert.equal(cold.planned_start, '2026-05');
  const [lanes] = await findByName('城东路街道背街小巷提质改造');
  assert.equal(lanes.total_investment, 3600.5 * WAN);
  assert.equal(lanes.level, 'district');
  assert.equal(lanes.planned_start, '2026-04-15', 'an Excel date cell');
  assert.equal(lanes.funding[0].amount, 1200 * WAN);
  // Found by a two-character search.
  const search = await staff.get('/api/v1/projects?q=' + encodeURIComponent('冷链'));
  assert.ok(search.body.items.some((p) => p.name === '金岱镇冷链物流集散中心'));
});

test('importing the same file twice changes nothing the second time', async () => {
  const preview = await upload(await ledger());
  assert.deepEqual(preview.body.summary, { total: 5, create: 0, update: 0, unchanged: 5, error: 0 });
  const commit = await staff.post(`/api/v1/imports/projects/${preview.body.import_id}/commit`, {});
  assert.deepEqual([commit.body.created, commit.body.updated, commit.body.unchanged], [0, 0, 5]);
});

test('a changed amount updates the project and is recorded in its history as an import', async () => {
  const preview = await upload(await ledger({ amount: '3888' }));
  assert.equal(preview.body.summary.update, 1);
  const commit = await staff.post(`/api/v1/imports/projects/${preview.body.import_id}/commit`, {});
  assert.equal(commit.body.updated, 1);
  const [lanes] = await findByName('城东路街道背街小巷提质改造');
  assert.equal(lanes.total_investment, 3888 * WAN);
  const history = (await staff.get(`/api/v1/projects/${lanes.id}/changes`)).body.items;
  assert.equal(history[0].field, 'total_investment');
  assert.equal(history[0].source, 'import');
  assert.equal(history[0].old_value, '3,600.50 万元');
});

test('export then re-import of the whole library changes nothing', async () => {
  const exported = await staff.get('/api/v1/exports/projects?group_by=level', { raw: true });
  assert.equal(exported.status, 200);
  assert.match(exported.headers.get('content-type'), /spreadsheetml/);
  const bytes = Buffer.from(await exported.arrayBuffer());
  // The ledger layout: title, unit line, two-row header with 资金来源 merged, groups, 合计.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.worksheets[0];
  assert.equal(ws.getCell('A1').value, '重点项目台账');
  assert.match(String(ws.getCell('A2').value), /单位:万元/);
  assert.equal(ws.getCell('B3').value, '项目代码');
  assert.ok(ws.getCell('A3').isMerged);
  const headerRow4 = ws.getRow(4).values.filter(Boolean);
  assert.ok(headerRow4.includes('专项债'));
  // 资金来源 spans exactly the columns that have a source of their own in row 4; every other
  // header is one cell merged down over both rows.
  const columns = ws.getRow(3).cellCount;
  const sourceCols = [];
  for (let col = 1; col <= columns; col++) {
    if (ws.getCell(4, col).master.address === ws.getCell(4, col).address) sourceCols.push(col);
    else assert.equal(ws.getCell(4, col).master.address, ws.getCell(3, col).address, `column ${col} is merged down`);
  }
  const sources = sourceCols.map((col) => ws.getCell(4, col).value);
  assert.ok(sources.length >= 2 && sources.includes('专项债'), sources.join(','));
  assert.ok(sources.every((label) => typeof label === 'string' && label.trim() !== ''), 'every source has its label');
  assert.deepEqual(sourceCols, sourceCols.map((_, i) => sourceCols[0] + i), 'the sources are side by side');
  const funding = ws.getCell(3, sourceCols[0]);
  assert.equal(funding.value, '资金来源');
  for (const col of sourceCols) assert.equal(ws.getCell(3, col).master.address, funding.address, `column ${col} is under 资金来源`);
  assert.notEqual(ws.getCell(3, sourceCols[0] - 1).master.address, funding.address);
  assert.notEqual(ws.getCell(3, sourceCols.at(-1) + 1).master.address, funding.address);

  const all = (await staff.get('/api/v1/projects?page_size=500')).body;
  // Below the header: a heading for each level group ("一、省重点项目(17个)"), its numbered
  // project rows and a 小计; the last row is the 合计.
  const headings = [];
  let projectRows = 0;
  for (let r = 5; r <= ws.rowCount; r++) {
    const first = ws.getRow(r).getCell(1).value;
    const label = ws.getRow(r).getCell(2).value;
    if (typeof first === 'number') projectRows++;
    else if (label !== '小计' && label !== '合计') headings.push(String(first));
  }
  assert.ok(headings.length >= 2, headings.join(' / '));
  for (const h of headings) assert.match(h, LEDGER_HEADING);
  assert.ok(headings.every((h) => ['省重点项目', '市重点项目', '区重点项目'].includes(LEDGER_HEADING.exec(h)?.[2])), headings.join(' / '));
  assert.equal(headings.reduce((n, h) => n + Number(LEDGER_HEADING.exec(h)?.[3]), 0), all.total);
  assert.equal(projectRows, all.total);
  const totalRow = ws.getRow(ws.rowCount);
  assert.equal(totalRow.getCell(2).value, '合计', 'the last row is the 合计');
  const totalCol = ws.getRow(3).values.indexOf('总投资');
  assert.ok(Math.abs(totalRow.getCell(totalCol).value - all.totals.total_investment / WAN) < 0.01);

  const preview = await upload(bytes, '重点项目台账.xlsx');
  assert.equal(preview.status, 200, preview.text);
  assert.equal(preview.body.summary.error, 0, JSON.stringify(preview.body.rows.find((r) => r.errors.length)));
  assert.equal(preview.body.summary.unchanged, all.total);
  assert.equal(preview.body.summary.create + preview.body.summary.update, 0);
});

test('a preview between edits: the commit checks the file again when the library changed meanwhile', async () => {
  const preview = await upload(await ledger({ amount: '3999' }));
  assert.equal(preview.body.summary.update, 1);
  assert.ok(preview.body.plan_id, 'the preview is kept for the commit');
  // Someone edits the same project after the preview: the kept plan would now be stale.
  const [lanes] = await findByName('城东路街道背街小巷提质改造');
  const edited = await staff.put(`/api/v1/projects/${lanes.id}`, { ...lanes, remarks: '区住建局督办', version: lanes.version });
  assert.equal(edited.status, 200, edited.text);
  const commit = await staff.post(`/api/v1/imports/projects/${preview.body.import_id}/commit`, { plan_id: preview.body.plan_id });
  assert.equal(commit.status, 200, commit.text);
  assert.equal(commit.body.updated, 1);
  const [after] = await findByName('城东路街道背街小巷提质改造');
  assert.equal(after.total_investment, 3999 * WAN);
  assert.equal(after.remarks, '区住建局督办', 'the edit made between preview and commit is kept');
});

test('a long ledger previews page by page from the kept plan, filtered by status', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['项目名称', '总投资(万元)', '责任单位']);
  for (let i = 1; i <= 120; i++) {
    ws.addRow([`圃田乡人居环境整治第${i}片区`, i % 40 === 0 ? '待核' : 100 + i, '圃田乡人民政府']);
  }
  const preview = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '圃田乡.xlsx');
  assert.equal(preview.status, 200, preview.text);
  const { import_id, plan_id, summary } = preview.body;
  assert.deepEqual(summary, { total: 120, create: 117, update: 0, unchanged: 0, error: 3 });
  assert.equal(preview.body.rows.length, 50, 'the first page only');
  assert.equal(preview.body.total, 120);
  assert.equal(preview.body.rows[0].values.total_investment, '101');

  const rows = (q) => staff.get(`/api/v1/imports/projects/${import_id}/rows?plan_id=${plan_id}&${q}`);
  const last = await rows('page=3&page_size=50');
  assert.equal(last.status, 200, last.text);
  assert.deepEqual([last.body.rows.length, last.body.rows[0].row, last.body.rows.at(-1).row], [20, 102, 121]);
  const errors = await rows('action=error');
  assert.deepEqual(errors.body.rows.map((r) => r.row), [41, 81, 121]);
  assert.equal(errors.body.total, 3);
  assert.match(errors.body.rows[0].errors[0].message, /“待核”不是数字/);
  const bad = await rows('action=maybe');
  assert.equal(bad.status, 400);
  assert.ok(bad.body.error.details.fields.action);

  // Another user cannot page someone else's preview.
  const other = await signedIn(server.url, 'fgw2');
  const theirs = await other.get(`/api/v1/imports/projects/${import_id}/rows?plan_id=${plan_id}`);
  assert.equal(theirs.status, 404);
  assert.equal(theirs.body.error.code, 'import.plan_expired');

  const commit = await staff.post(`/api/v1/imports/projects/${import_id}/commit`, { plan_id, skip_errors: true });
  assert.equal(commit.status, 200, commit.text);
  assert.deepEqual([commit.body.created, commit.body.skipped], [117, 3]);
  assert.equal((await findByName('圃田乡人居环境整治第7片区'))[0].total_investment, 107 * WAN);
  // The plan was used up by the commit.
  assert.equal((await rows('page=1')).status, 404);
});

test('an unrecognised column can be mapped by hand', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['项目名称', '投资额度(亿元)', '责任单位']);
  ws.addRow(['十八里河湿地公园', 2.35, '十八里河街道办事处']);
  const preview = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '湿地公园.xlsx');
  assert.equal(preview.status, 200);
  assert.deepEqual(preview.body.missing_fields, ['总投资']);
  assert.equal(preview.body.rows[0].action, 'error');
  const mapped = await staff.post(`/api/v1/imports/projects/${preview.body.import_id}/preview`, { mapping: { 1: 'total_investment' } });
  assert.equal(mapped.status, 200, mapped.text);
  assert.equal(mapped.body.rows[0].action, 'create');
  const commit = await staff.post(`/api/v1/imports/projects/${preview.body.import_id}/commit`, { mapping: { 1: 'total_investment' } });
  assert.equal(commit.body.created, 1);
  // The unit in the header was 亿元 and is kept with the mapping.
  const [park] = await findByName('十八里河湿地公园');
  assert.equal(park.total_investment, 23500 * WAN);
  const twice = await staff.post(`/api/v1/imports/projects/${preview.body.import_id}/preview`, { mapping: { 1: 'name' } });
  assert.equal(twice.status, 400);
});

test('CSV in GBK with skip_errors imports the good rows only', async () => {
  // "项目名称,总投资(万元),责任单位" + two rows, in GBK bytes.
  const gbk = Buffer.from(
    'cfeec4bfc3fbb3c62cd7dccdb6d7ca28cdf2d4aa292cd4f0c8ceb5a5cebb0d0a' +
    'b2e2cad4cfeec4bf412c3130302cb1b1b9d8bdd6b5c0b0eccac2b4a60d0a' +
    'b2e2cad4cfeec4bf422cb2bbd6aab5c02cb1b1b9d8bdd6b5c0b0eccac2b4a60d0a',
    'hex');
  const preview = await upload(gbk, '北关街道.csv');
  assert.equal(preview.status, 200, preview.text);
  assert.equal(preview.body.rows[0].name, '测试项目A');
  assert.deepEqual(preview.body.rows.map((r) => r.action), ['create', 'error']);
  const strict = await staff.post(`/api/v1/imports/projects/${preview.body.import_id}/commit`, {});
  assert.equal(strict.status, 400);
  const lenient = await staff.post(`/api/v1/imports/projects/${preview.body.import_id}/commit`, { skip_errors: true });
  assert.deepEqual([lenient.body.created, lenient.body.skipped], [1, 1]);
  assert.equal((await findByName('测试项目A'))[0].total_investment, 100 * WAN);
});

test('corrupt files get a clear 4xx and write nothing', async () => {
  const before = (await staff.get('/api/v1/projects?all=1&page_size=1')).body.total;
  const notZip = await upload(Buffer.from('这不是一个Excel文件,只是文本'), '台账.xlsx');
  assert.equal(notZip.status, 415);
  assert.equal(notZip.body.error.code, 'import.unsupported');

  const noSheets = new JSZip();
  noSheets.file('readme.txt', 'hello');
  const empty = await upload(await noSheets.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  assert.ok(empty.status >= 400 && empty.status < 500, empty.text);
  assert.match(empty.body.error.code, /^xlsx\./);

  // A zip bomb: a sheet of 64 MiB of zeros in a few hundred kilobytes.
  const bomb = new JSZip();
  bomb.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  bomb.file('xl/workbook.xml', '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>');
  bomb.file('xl/_rels/workbook.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
  bomb.file('xl/worksheets/sheet1.xml', Buffer.alloc(64 * 1024 * 1024, 0x20));
  const bombBytes = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  assert.ok(bombBytes.length < 2 * 1024 * 1024);
  const exploded = await upload(bombBytes);
  assert.ok(exploded.status === 413 || exploded.status === 400, exploded.text);
  assert.equal(exploded.body.error.code, 'xlsx.too_large');

  const xls = await upload(Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'), '旧台账.xls');
  assert.equal(xls.status, 415);
  assert.equal(xls.body.error.code, 'import.legacy_xls');
  assert.equal((await staff.get('/api/v1/projects?all=1&page_size=1')).body.total, before);
  // Units cannot import.
  const unit = await signedIn(server.url, 'chengdong');
  assert.equal((await unit.post('/api/v1/imports/projects?filename=a.xlsx', new Uint8Array(await ledger()))).status, 403);
});

test('the template downloads and its example row previews cleanly', async () => {
  const res = await staff.get('/api/v1/imports/projects/template', { raw: true });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition'), /attachment/);
  const preview = await upload(Buffer.from(await res.arrayBuffer()), '模板.xlsx');
  assert.equal(preview.status, 200);
  assert.equal(preview.body.rows.length, 1);
  assert.equal(preview.body.rows[0].action, 'create', JSON.stringify(preview.body.rows[0].errors));
});

test('a funding source the admin added is exported as a column and maps back on re-import', async () => {
  const admin = await signedIn(server.url, 'admin');
  const created = await admin.post('/api/v1/dictionaries/funding_source', { label: '政策性开发性金融工具', sort_order: 25 });
  assert.equal(created.status, 201, created.text);
  const [lanes] = await findByName('城东路街道背街小巷提质改造');
  assert.ok(lanes, 'the ledger imported above is in the library');
  const funding = [...lanes.funding, { source_id: created.body.id, amount: 500 * WAN }];
  const saved = await staff.put(`/api/v1/projects/${lanes.id}`, { ...lanes, funding, version: lanes.version });
  assert.equal(saved.status, 200, saved.text);
  const [kept] = await findByName('城东路街道背街小巷提质改造');
  assert.equal(kept.funding.find((f) => f.source_id === created.body.id)?.amount, 500 * WAN, 'the new source is saved');
  const all = (await staff.get('/api/v1/projects?page_size=1')).body;

  const exported = await staff.get('/api/v1/exports/projects?group_by=level', { raw: true });
  assert.equal(exported.status, 200);
  const bytes = Buffer.from(await exported.arrayBuffer());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  assert.ok(wb.worksheets[0].getRow(4).values.includes('政策性开发性金融工具'), 'the export has a column for it');

  const preview = await upload(bytes, '重点项目台账.xlsx');
  assert.equal(preview.status, 200, preview.text);
  const column = preview.body.columns.find((c) => c.header.includes('政策性开发性金融工具'));
  assert.equal(column?.field, 'funding:政策性开发性金融工具');
  assert.equal(preview.body.summary.unchanged, all.total, 'every project is matched and unchanged');
  assert.equal(preview.body.summary.create, 0);
  assert.equal(preview.body.summary.error, 0);
  assert.equal(preview.body.summary.update, 0, 'the amount of the new source is read back, so nothing changes');
});

test('unknown tags and co-units are named one by one; the known ones raise nothing', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['项目名称', '总投资(万元)', '责任单位', '标签', '配合单位']);
  ws.addRow(['圃田乡污水管网完善工程', 860, '圃田乡人民政府', '专项债、城市更新试点', '十八里河街道办事处,梦想小镇管委会']);
  const preview = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '标签与配合单位.xlsx');
  assert.equal(preview.status, 200, preview.text);
  const [row] = preview.body.rows;
  assert.equal(row.action, 'error');
  assert.deepEqual(row.errors.map((e) => [e.field, e.message]), [
    ['tags', '标签“城市更新试点”不在数据字典中'],
    ['co_units', '配合单位“梦想小镇管委会”不在单位列表中'],
  ]);
  assert.equal(row.values.tags, '专项债、城市更新试点');
});
