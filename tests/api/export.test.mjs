// The ledger export (项目台账导出) through the API, read with ExcelJS: groups by level, by
// 责任单位 or none, with headings that count their projects, 小计 and 合计 rows that add up
// to the fen, filters and sorts, and a unit reporter's export limited to its own projects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { startServer, signedIn } from '../lib/server.mjs';
import { LEDGER_HEADING as HEADING } from '../lib/ledger.mjs';

const WAN = 1_000_000;
let server, staff;

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
});
after(async () => { await server?.stop(); });

// The ledger at `query` as { subtitle, headings, projects, sums }: headings and 小计/合计
// rows in order, each project row as { serial, group, fields by header }.
async function exported(client, query) {
  const res = await client.get('/api/v1/exports/projects' + query, { raw: true });
  assert.equal(res.status, 200, await res.clone().text());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()));
  const ws = wb.worksheets[0];
  const headers = [];
  ws.getRow(3).eachCell({ includeEmpty: true }, (cell, col) => { headers[col] = cell.value; });
  ws.getRow(4).eachCell((cell, col) => { if (cell.value) headers[col] = cell.value; });
  const out = { subtitle: String(ws.getCell('A2').value), headings: [], projects: [], sums: [] };
  let group = null;
  ws.eachRow((row, index) => {
    if (index <= 4) return;
    const first = row.getCell(1).value;
    const label = row.getCell(2).value;
    if (typeof first === 'string' && HEADING.test(first)) {
      const [, , name, count] = HEADING.exec(first);
      group = { name, count: Number(count), index: out.headings.length };
      out.headings.push(group);
    } else if (label === '小计' || label === '合计') {
      out.sums.push({ label, group, fen: Math.round(Number(row.getCell(headers.indexOf('总投资')).value || 0) * WAN) });
    } else if (typeof first === 'number') {
      const fields = {};
      headers.forEach((h, col) => { if (h) fields[h] = row.getCell(col).value; });
      out.projects.push({ serial: first, group, fields, fen: Math.round(Number(fields['总投资'] || 0) * WAN) });
    }
  });
  return out;
}

const utf8Order = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

// Every project row sits under a heading, each heading counts the rows under it, and the
// counts add up to `total`.
function assertAllGrouped(ledger, total) {
  assert.equal(ledger.projects.length, total);
  const loose = ledger.projects.filter((p) => p.group === null);
  assert.deepEqual(loose.map((p) => p.serial), [], 'project rows before the first heading');
  for (const h of ledger.headings) assert.equal(ledger.projects.filter((p) => p.group === h).length, h.count, h.name);
  assert.equal(ledger.headings.reduce((n, h) => n + h.count, 0), total, 'the headings count every project');
}

test('grouped by level: 省, 市, 区 headings count their rows; 小计 and 合计 add up to the fen', async () => {
  const all = (await staff.get('/api/v1/projects?page_size=500')).body;
  const ledger = await exported(staff, '?group_by=level');
  assert.match(ledger.subtitle, new RegExp(`共 ${all.total} 个项目\\s+单位:万元`));
  assert.deepEqual(ledger.projects.map((p) => p.serial), ledger.projects.map((_, i) => i + 1));
  assertAllGrouped(ledger, all.total);
  const levels = ['省重点项目', '市重点项目', '区重点项目'];
  const names = ledger.headings.map((h) => h.name);
  assert.deepEqual(names, levels.filter((l) => names.includes(l)));
  assert.ok(ledger.headings.length >= 2, 'the demo has projects of several levels');
  for (const h of ledger.headings) {
    const rows = ledger.projects.filter((p) => p.group === h);
    assert.ok(rows.every((p) => `${p.fields['项目级别']}项目` === h.name), h.name);
    const subtotal = ledger.sums.find((s) => s.label === '小计' && s.group === h);
    assert.equal(subtotal.fen, rows.reduce((n, p) => n + p.fen, 0), h.name);
  }
  const total = ledger.sums.at(-1);
  assert.equal(total.label, '合计');
  assert.equal(total.fen, all.totals.total_investment);
});

test('grouped by 责任单位: units by name, every row under its own unit', async () => {
  const all = (await staff.get('/api/v1/projects?page_size=500')).body;
  const ledger = await exported(staff, '?group_by=unit');
  assertAllGrouped(ledger, all.total);
  const names = ledger.headings.map((h) => h.name);
  assert.deepEqual(names, [...names].sort(utf8Order));
  assert.ok(ledger.headings.length > 3);
  for (const h of ledger.headings) {
    const rows = ledger.projects.filter((p) => p.group === h);
    const lead = h.name === '未指定责任单位' ? null : h.name;
    assert.ok(rows.every((p) => (p.fields['责任单位'] || null) === lead), h.name);
  }
  assert.equal(ledger.sums.filter((s) => s.label === '小计').length, ledger.headings.length);
});

test('without groups: no headings and no 小计, only the rows and 合计', async () => {
  const all = (await staff.get('/api/v1/projects?page_size=500')).body;
  const ledger = await exported(staff, '?group_by=none');
  assert.equal(ledger.headings.length, 0);
  assert.deepEqual(ledger.sums.map((s) => s.label), ['合计']);
  assert.equal(ledger.projects.length, all.total);
  assert.equal(ledger.sums[0].fen, all.totals.total_investment);
});

test('filters and the sort apply within the groups', async () => {
  const district = (await staff.get('/api/v1/projects?level=district&page_size=500')).body;
  const ledger = await exported(staff, '?level=district&group_by=unit&sort=-total_investment');
  assertAllGrouped(ledger, district.total);
  assert.ok(ledger.projects.every((p) => p.fields['项目级别'] === '区重点'), 'only 区重点 projects');
  assert.ok(ledger.headings.length > 1, 'several 责任单位 groups');
  for (const h of ledger.headings) {
    const fens = ledger.projects.filter((p) => p.group === h).map((p) => p.fen);
    assert.deepEqual(fens, [...fens].sort((a, b) => b - a), h.name);
  }
  // Sorted within each group, not across them: the groups stay in their own order.
  const fens = ledger.projects.map((p) => p.fen);
  assert.notDeepEqual(fens, [...fens].sort((a, b) => b - a), 'the rows are not sorted across the groups');
  assert.equal(ledger.sums.at(-1).fen, district.totals.total_investment);
});

test('a unit reporter exports only its own projects', async () => {
  const unit = await signedIn(server.url, 'chengdong');
  const mine = (await unit.get('/api/v1/projects?page_size=500')).body;
  const ledger = await exported(unit, '?group_by=none');
  assert.equal(ledger.projects.length, mine.total);
  assert.deepEqual(ledger.projects.map((p) => p.fields['项目名称']).sort(), mine.items.map((p) => p.name).sort());
});

test('a bad group_by or sort is a 400 naming the field', async () => {
  const bad = await staff.get('/api/v1/exports/projects?group_by=owner');
  assert.equal(bad.status, 400);
  assert.ok(bad.body.error.details.fields.group_by);
  const sort = await staff.get('/api/v1/exports/projects?sort=color');
  assert.equal(sort.status, 400);
  assert.ok(sort.body.error.details.fields.sort);
});
