// Ledgers and briefings (台账, 专报/通报) and information release (信息发布) through the API, on
// SQLite and PostgreSQL: the month's ledger .xlsx read back cell by cell against the figures
// (groups, 小计, 合计, 红黄绿 colours, the area sheet), a locked month's ledger and briefing
// reading the same after a correction made under an unlock, template checks, numbering,
// publication to units with read receipts and who may see what, the DOCX's parts and XML, the
// PDF rendered to an image that is not blank, and `tuijin report` for scheduled jobs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { startServer, signedIn, runCli, ARTIFACTS } from '../lib/server.mjs';

let server, staff, admin, chengdong, nanguan, kaifaqu, leader;
const unit = {};
const WAN = 1_000_000; // fen in 万元

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
  admin = await signedIn(server.url, 'admin');
  chengdong = await signedIn(server.url, 'chengdong');
  nanguan = await signedIn(server.url, 'nanguan');
  kaifaqu = await signedIn(server.url, 'kaifaqu');
  leader = await signedIn(server.url, 'quzhang');
  for (const u of (await staff.get('/api/v1/units')).body.items) unit[u.name] = u.id;
});
after(async () => { await server?.stop(); });

async function bytes(client, path) {
  const res = await client.request('GET', path, { raw: true });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

// Every part of a zip package, by name. The generation time (in docProps/core.xml and the
// entries' own stamps) is the only thing allowed to differ between two downloads.
async function parts(buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const out = {};
  for (const name of Object.keys(zip.files).sort()) {
    const text = await zip.file(name)?.async('string');
    out[name] = name === 'docProps/core.xml'
      ? text.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]+</g, '$1(generated)<')
      : text;
  }
  if ('docProps/core.xml' in out) assert.match(out['docProps/core.xml'], /<dcterms:created[^>]*>\(generated\)</);
  return out;
}

async function workbook(client, path) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await bytes(client, path));
  return wb;
}

const cellText = (c) => (c.value === null || c.value === undefined ? '' : String(c.value.richText
  ? c.value.richText.map((r) => r.text).join('') : c.value));
// 万元 in a cell → fen, exactly (the cell holds a decimal of at most six places).
const fen = (v) => Math.round(Number(v) * WAN);

async function defaultTemplate() {
  const list = await staff.get('/api/v1/briefing-templates');
  assert.equal(list.status, 200, list.text);
  const t = list.body.items.find((x) => x.kind === 'special');
  assert.ok(t, 'a 专报 template is there from the start');
  return t;
}

test('the month ledger reads back: merged header, groups with 小计, 合计 and colours agree with the figures', async () => {
  const info = await staff.get('/api/v1/ledgers?period=2026-10');
  assert.equal(info.status, 200, info.text);
  const sum = info.body.summary;
  assert.ok(sum.projects > 200, 'the demo district has its ~290 projects');
  assert.equal(sum.green + sum.yellow + sum.red, sum.projects);

  const wb = await workbook(staff, '/api/v1/ledgers/projects.xlsx?period=2026-10&group=level');
  const ws = wb.getWorksheet('重点项目推进台账');
  assert.equal(cellText(ws.getCell('A1')), '云河区2026年1—10月重点项目推进台账');
  assert.match(cellText(ws.getCell('A2')), /数据截至2026年10月底\(未锁定,实时数据\)/);
  const merges = ws.model.merges;
  for (const range of ['A1:Q1', 'A3:A4', 'C3:C4', 'H3:K3', 'Q3:Q4']) assert.ok(merges.includes(range), `${range} merged`);
  assert.equal(cellText(ws.getCell('H3')), '完成投资');
  assert.deepEqual(['H4', 'I4', 'J4', 'K4'].map((c) => cellText(ws.getCell(c))), ['10月完成', '1—10月累计', '年度完成率', '开工累计']);

  // Walk the groups: heading, rows, 小计; then 合计.
  const groups = [];
  let current = null;
  let colours = { 红: 0, 黄: 0, 绿: 0 };
  let grand = null;
  for (let r = 5; r <= ws.rowCount; r++) {
    const a = cellText(ws.getCell(r, 1));
    const heading = a.match(/^([一二三])、(省重点|市重点|区重点)项目\((\d+)个\)$/);
    if (heading) {
      current = { name: heading[2], count: Number(heading[3]), rows: 0, total: 0, ytd: 0 };
      groups.push(current);
    } else if (a.startsWith('小计')) {
      assert.equal(a, `小计(${current.count}个)`);
      assert.equal(fen(ws.getCell(r, 6).value), current.total, `${current.name} 小计 总投资`);
      assert.equal(fen(ws.getCell(r, 9).value), current.ytd, `${current.name} 小计 累计`);
      current.checked = true;
    } else if (a.startsWith('合计')) {
      grand = r;
    } else if (current) {
      current.rows += 1;
      current.total += fen(ws.getCell(r, 6).value);
      current.ytd += fen(ws.getCell(r, 9).value);
      const c = cellText(ws.getCell(r, 17));
      colours[c] += 1;
      const fill = ws.getCell(r, 17).fill?.fgColor?.argb;
      assert.equal(fill, { 红: 'FFFF0000', 黄: 'FFFFFF00', 绿: 'FF92D050' }[c], `row ${r} is coloured ${c}`);
    }
  }
  assert.deepEqual(groups.map((g) => g.name), ['省重点', '市重点', '区重点']);
  for (const g of groups) {
    assert.equal(g.rows, g.count, `${g.name}: heading count = rows`);
    assert.ok(g.checked, `${g.name} has its 小计`);
  }
  assert.ok(grand, 'a 合计 row');
  assert.equal(cellText(ws.getCell(grand, 1)), `合计(${sum.projects}个)`);
  assert.equal(fen(ws.getCell(grand, 6).value), sum.total_investment);
  assert.equal(fen(ws.getCell(grand, 7).value), sum.annual_plan);
  assert.equal(fen(ws.getCell(grand, 8).value), sum.period_amount);
  assert.equal(fen(ws.getCell(grand, 9).value), sum.year_to_date);
  assert.deepEqual(colours, { 红: sum.red, 黄: sum.yellow, 绿: sum.green });

  // The area sheet of the same workbook: rows add up to its 合计, which is the month's.
  const areas = wb.getWorksheet('分地区汇总');
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map((c) => cellText(areas.getCell(3, c))),
    ['地区', '项目个数', '总投资', '年度计划投资', '累计投资', '完成年度%', '本期新增投资']);
  let count = 0, ytd = 0;
  const last = areas.rowCount;
  for (let r = 4; r < last; r++) { count += Number(areas.getCell(r, 2).value); ytd += fen(areas.getCell(r, 5).value); }
  assert.equal(cellText(areas.getCell(last, 1)), '合计');
  assert.equal(Number(areas.getCell(last, 2).value), sum.projects);
  assert.equal(count, sum.projects);
  assert.equal(ytd, sum.year_to_date);
  assert.equal(fen(areas.getCell(last, 5).value), sum.year_to_date);

  // Grouped by area: a heading per area with projects, counts adding up.
  const byUnit = (await workbook(staff, '/api/v1/ledgers/projects.xlsx?period=2026-10&group=unit')).getWorksheet('重点项目推进台账');
  let n = 0;
  byUnit.eachRow((row) => { const m = cellText(row.getCell(1)).match(/^[一二三四五六七八九十]+、.+\((\d+)个\)$/); if (m) n += Number(m[1]); });
  assert.equal(n, sum.projects);

  // The missing-report list has one row per project without a submitted report.
  const missing = (await workbook(staff, '/api/v1/ledgers/missing.xlsx?period=2026-10')).getWorksheet('未报送项目清单');
  assert.equal(missing.rowCount - 3, sum.missing);

  assert.equal((await staff.get('/api/v1/ledgers/nonsense.xlsx?period=2026-10')).status, 404);
  const badGroup = await staff.get('/api/v1/ledgers/projects.xlsx?period=2026-10&group=street');
  assert.equal(badGroup.status, 400);
  assert.ok(badGroup.body.error.details.fields.group);
  assert.equal((await staff.get('/api/v1/ledgers?period=2026-13')).status, 400);
  assert.equal((await chengdong.get('/api/v1/ledgers?period=2026-10')).status, 403);
  assert.equal((await leader.get('/api/v1/ledgers?period=2026-10')).status, 200);
});

test('a week\'s ledger (周台账) lists the projects reported weekly, with the week\'s report and its running total', async () => {
  // 2026-W45 is 2–8 November (its Thursday, the 5th, puts it in November).
  const week = '2026-W45';
  const grid = await staff.get(`/api/v1/reports?period=${week}&page_size=500`);
  assert.equal(grid.status, 200, grid.text);
  const weekly = grid.body.items.map((r) => r.project);
  assert.ok(weekly.length >= 2, 'the demo follows a few projects week by week');
  const before = (await staff.get('/api/v1/ledgers?period=2026-W44')).body;
  const p = weekly[0];
  const path = `/api/v1/projects/${p.id}/reports/${week}`;
  const saved = await staff.put(path, { amount: 321.5 * WAN, progress_text: '主体结构封顶，本周完成二层砌筑', problems: '塔吊拆除需协调供电部门' });
  assert.equal(saved.status, 200, saved.text);
  const submitted = await staff.post(`${path}/submit`, { version: saved.body.report.version });
  assert.equal(submitted.status, 200, submitted.text);
  assert.equal((await staff.post(`${path}/accept`, { version: submitted.body.report.version })).status, 200);

  const info = await staff.get(`/api/v1/ledgers?period=${week}`);
  assert.equal(info.status, 200, info.text);
  assert.equal(info.body.kind, 'week');
  assert.equal(info.body.as_of, '2026年11月8日(第45周:11月2日—11月8日)');
  assert.equal(info.body.summary.projects, weekly.length, 'only the projects reported weekly');
  assert.equal(info.body.summary.period_amount, 321.5 * WAN, 'this week: the one accepted weekly report');
  assert.equal(info.body.summary.missing, weekly.length - 1);
  // Up to the week: the months ended before it (January–October) and the weeks up to it.
  assert.equal(info.body.summary.year_to_date, before.summary.year_to_date + 321.5 * WAN);

  const wb = await workbook(staff, `/api/v1/ledgers/projects.xlsx?period=${week}`);
  const ws = wb.getWorksheet('重点项目推进台账');
  assert.equal(cellText(ws.getCell('A1')), '云河区2026年第45周重点项目推进台账');
  assert.match(cellText(ws.getCell('A2')), /^数据截至2026年11月8日\(第45周:11月2日—11月8日\)\(未锁定,实时数据\)/);
  assert.deepEqual(['H4', 'I4'].map((c) => cellText(ws.getCell(c))), ['本周完成', '年初至本周累计']);
  let row = 0;
  for (let r = 5; r <= ws.rowCount; r++) if (cellText(ws.getCell(r, 3)) === p.name) row = r;
  assert.ok(row, `${p.name} is in the week's ledger`);
  assert.equal(fen(ws.getCell(row, 8).value), 321.5 * WAN);
  assert.equal(cellText(ws.getCell(row, 12)), '主体结构封顶，本周完成二层砌筑');
  assert.equal(cellText(ws.getCell(row, 13)), '塔吊拆除需协调供电部门');
  const missing = (await workbook(staff, `/api/v1/ledgers/missing.xlsx?period=${week}`)).getWorksheet('未报送项目清单');
  assert.equal(missing.rowCount - 3, weekly.length - 1);
  const res = await staff.request('GET', `/api/v1/ledgers/projects.xlsx?period=${week}`, { raw: true });
  assert.match(decodeURIComponent(res.headers.get('content-disposition')), /云河区2026年第45周重点项目推进台账\.xlsx/);

  // Locked, the week reads from its snapshot.
  assert.equal((await staff.post(`/api/v1/periods/${week}/lock`, { reason: '第45周周报定稿' })).status, 200);
  const locked = (await staff.get(`/api/v1/ledgers?period=${week}`)).body;
  assert.equal(locked.locked, true);
  assert.ok(locked.snapshot_taken_at);
  assert.deepEqual(locked.summary, info.body.summary);
  assert.equal((await staff.get('/api/v1/ledgers?period=2026-W54')).status, 400);
});

test('a locked month reads the same after a correction made under an unlock', async () => {
  const period = '2026-09';
  const locked = await staff.post(`/api/v1/periods/${period}/lock`, { reason: '9月月报定稿' });
  assert.equal(locked.status, 200, locked.text);
  const first = (await staff.get(`/api/v1/ledgers?period=${period}`)).body;
  assert.equal(first.locked, true);
  assert.ok(first.snapshot_taken_at);
  const xlsx1 = await bytes(staff, `/api/v1/ledgers/projects.xlsx?period=${period}`);
  const t = await defaultTemplate();
  const b1 = await staff.post('/api/v1/briefings', { template_id: t.id, period, issued_on: '2026-10-09' });
  assert.equal(b1.status, 201, b1.text);
  assert.equal(b1.body.snapshot_locked, true);

  // Unlock, add 5,000 万元 to a project that had not reported, lock again.
  assert.equal((await staff.post(`/api/v1/periods/${period}/unlock`, { reason: '补报遗漏项目' })).status, 200);
  const none = await staff.get(`/api/v1/reports?period=${period}&state=none&page_size=500`);
  const topLevel = new Set((await staff.get('/api/v1/projects?page_size=500')).body.items.map((x) => x.id));
  const p = none.body.items.map((r) => r.project).find((x) => topLevel.has(x.id));
  assert.ok(p, 'a top-level project without a September report');
  const path = `/api/v1/projects/${p.id}/reports/${period}`;
  const saved = await staff.put(path, { amount: 5000 * WAN, progress_text: '主体结构施工' });
  assert.equal(saved.status, 200, saved.text);
  const submitted = await staff.post(`${path}/submit`, { version: saved.body.report.version });
  assert.equal(submitted.status, 200, submitted.text);
  const accepted = await staff.post(`${path}/accept`, { version: submitted.body.report.version });
  assert.equal(accepted.status, 200, accepted.text);
  const live = (await staff.get(`/api/v1/ledgers?period=${period}`)).body;
  assert.equal(live.locked, false);
  // (Its colours and 1–N月累计 stay as first locked, like the status list's; the month's own
  // amounts and reports read as they are.)
  assert.equal(live.summary.period_amount, first.summary.period_amount + 5000 * WAN, 'the open month reads the data as they are');
  assert.equal(live.summary.missing, first.summary.missing - 1);

  assert.equal((await staff.post(`/api/v1/periods/${period}/lock`, { reason: '再次锁定' })).status, 200);
  const again = (await staff.get(`/api/v1/ledgers?period=${period}`)).body;
  assert.deepEqual(again.summary, first.summary, 'the locked month reads as first locked');
  assert.equal(again.snapshot_taken_at, first.snapshot_taken_at);
  assert.deepEqual(await parts(await bytes(staff, `/api/v1/ledgers/projects.xlsx?period=${period}`)), await parts(xlsx1),
    'the ledger says the same, part for part (only the generation time differs)');
  const b2 = await staff.post('/api/v1/briefings', { template_id: t.id, period, issued_on: '2026-10-09' });
  assert.equal(b2.status, 201, b2.text);
  assert.equal(b2.body.issue_no, b1.body.issue_no + 1);
  const body = (b) => b.document.blocks.filter((x) => x.kind !== 'chart');
  assert.deepEqual(body(b2.body), body(b1.body), 'the briefing says the same');
  for (const b of [b1.body, b2.body]) assert.equal((await staff.del(`/api/v1/briefings/${b.id}`)).status, 204);
});

test('templates are checked: unknown placeholders, tables and open sections name the field and line', async () => {
  const base = { kind: 'special', name: '测试专报模板', series: '项目观察', title: '{{年度}}年{{期间}}项目观察', body: '全区{{项目总数}}个项目。', distribution: '' };
  const unknown = await admin.post('/api/v1/briefing-templates', { ...base, body: '全区{{项目总数}}个项目。\n完成{{完成投资额}}亿元。' });
  assert.equal(unknown.status, 400, unknown.text);
  assert.match(unknown.body.error.details.fields.body, /第2行.*完成投资额/);
  const open = await admin.post('/api/v1/briefing-templates', { ...base, body: '{{#if 逾期督办数}}有逾期。' });
  assert.match(open.body.error.details.fields.body, /没有对应的/);
  const table = await admin.post('/api/v1/briefing-templates', { ...base, body: '正文\n[表:全区排名]' });
  assert.match(table.body.error.details.fields.body, /第2行.*全区排名/);
  const title = await admin.post('/api/v1/briefing-templates', { ...base, title: '{{年份}}年' });
  assert.ok(title.body.error.details.fields.title);
  assert.equal((await staff.post('/api/v1/briefing-templates', base)).status, 403, 'staff use templates, admins edit them');

  const created = await admin.post('/api/v1/briefing-templates', {
    ...base,
    body: '# 一、总体情况\n截至{{截至}},全区{{项目总数}}个重点项目,进展滞后{{进展滞后项目数}}个。{{#if 逾期督办数}}逾期督办{{逾期督办数}}件。{{/if}}\n[表:地区汇总]\n[图:地区投资]',
  });
  assert.equal(created.status, 201, created.text);
  const preview = await staff.post('/api/v1/briefing-templates/preview', { ...created.body, period: '2026-10' });
  assert.equal(preview.status, 200, preview.text);
  const doc = preview.body.document;
  assert.equal(doc.title, '2026年1—10月项目观察');
  assert.deepEqual(doc.blocks.map((b) => b.kind), ['heading', 'paragraph', 'table', 'chart']);
  const ledger = (await staff.get('/api/v1/ledgers?period=2026-10')).body.summary;
  assert.match(doc.blocks[1].text, new RegExp(`^截至10月底,全区${ledger.projects}个重点项目,进展滞后${ledger.red}个。`));
  const table2 = doc.blocks[2].table;
  assert.equal(table2.rows.at(-1)[0], '合计');
  assert.equal(table2.rows.at(-1)[1], String(ledger.projects));
  assert.equal(doc.blocks[3].chart.categories.length, table2.rows.length - 1);

  const stale = await admin.put(`/api/v1/briefing-templates/${created.body.id}`, { ...created.body, version: created.body.version + 5 });
  assert.equal(stale.status, 409);
  const dup = await admin.post('/api/v1/briefing-templates', base);
  assert.equal(dup.status, 409);
  const made = await staff.post('/api/v1/briefings', { template_id: created.body.id, period: '2026-10' });
  assert.equal(made.status, 201, made.text);
  assert.equal((await admin.del(`/api/v1/briefing-templates/${created.body.id}`)).status, 409, 'in use');
  assert.equal((await staff.del(`/api/v1/briefings/${made.body.id}`)).status, 204);
  assert.equal((await admin.del(`/api/v1/briefing-templates/${created.body.id}`)).status, 204);
});

test('publishing: units see what was sent to them, the read receipt is recorded once; drafts and others are 404', async () => {
  const t = await defaultTemplate();
  const create = await staff.post('/api/v1/briefings', {
    template_id: t.id, period: '2026-10', issued_on: '2026-11-06', doc_number: '云发改〔2026〕41号',
    recipient_unit_ids: [unit['城东路街道办事处'], unit['南关街道办事处']],
  });
  assert.equal(create.status, 201, create.text);
  const b = create.body;
  assert.equal(b.state, 'draft');
  assert.match(b.issue_label, /^第\d+期$/);
  assert.equal(b.document.doc_number, '云发改〔2026〕41号');
  assert.equal(b.document.date, '2026年11月6日');
  assert.equal(b.recipient_count, 2);
  assert.equal((await chengdong.post('/api/v1/briefings', { template_id: t.id, period: '2026-10' })).status, 403);
  assert.equal((await chengdong.get(`/api/v1/briefings/${b.id}`)).status, 404, 'a draft is not released');

  // Edit the draft's text, then a stale edit.
  const doc = structuredClone(b.document);
  doc.blocks.push({ kind: 'paragraph', text: '请各街道于11月15日前报送整改措施。' });
  const edited = await staff.put(`/api/v1/briefings/${b.id}`, { version: b.version, title: '2026年1—10月全区重点项目推进情况(城区)', document: doc });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.document.blocks.at(-1).text, '请各街道于11月15日前报送整改措施。');
  assert.equal(edited.body.document.title, '2026年1—10月全区重点项目推进情况(城区)');
  assert.equal((await staff.put(`/api/v1/briefings/${b.id}`, { version: b.version, title: 'x' })).status, 409);
  const badDoc = await staff.put(`/api/v1/briefings/${b.id}`, { version: edited.body.version, document: { blocks: [{ kind: 'poem' }] } });
  assert.equal(badDoc.status, 400);
  assert.ok(badDoc.body.error.details.fields['document.blocks[0].kind']);

  const published = await staff.post(`/api/v1/briefings/${b.id}/publish`, { version: edited.body.version });
  assert.equal(published.status, 200, published.text);
  assert.equal(published.body.state, 'published');
  assert.equal((await staff.put(`/api/v1/briefings/${b.id}`, { version: published.body.version, title: 'x' })).status, 409);
  assert.equal((await staff.del(`/api/v1/briefings/${b.id}`)).status, 409);

  // 城东路: in its list, unread, then read once.
  const list = await chengdong.get('/api/v1/briefings');
  assert.equal(list.status, 200);
  const mine = list.body.items.find((x) => x.id === b.id);
  assert.ok(mine, 'released to 城东路');
  assert.equal(mine.my_read_at, null);
  assert.ok(list.body.unread >= 1);
  const notes = await chengdong.get('/api/v1/notifications');
  assert.ok(JSON.stringify(notes.body).includes('2026年1—10月全区重点项目推进情况(城区)'), 'its users are told');
  const read = await chengdong.post(`/api/v1/briefings/${b.id}/read`, {});
  assert.equal(read.status, 200, read.text);
  assert.ok(read.body.my_read_at);
  assert.equal(read.body.recipients, undefined, 'a unit does not see the other units\' receipts');
  const again = await chengdong.post(`/api/v1/briefings/${b.id}/read`, {});
  assert.equal(again.body.my_read_at, read.body.my_read_at, 'the first read counts');

  // 开发区 was not addressed: not listed, 404.
  assert.ok(!(await kaifaqu.get('/api/v1/briefings')).body.items.some((x) => x.id === b.id));
  assert.equal((await kaifaqu.get(`/api/v1/briefings/${b.id}`)).status, 404);
  assert.equal((await kaifaqu.post(`/api/v1/briefings/${b.id}/read`, {})).status, 404);
  assert.equal((await kaifaqu.get(`/api/v1/briefings/${b.id}/document.pdf`)).status, 404);
  // Leaders read every published one.
  assert.equal((await leader.get(`/api/v1/briefings/${b.id}`)).status, 200);

  const receipts = (await staff.get(`/api/v1/briefings/${b.id}`)).body;
  assert.equal(receipts.read_count, 1);
  const cd = receipts.recipients.find((r) => r.unit_id === unit['城东路街道办事处']);
  const ng = receipts.recipients.find((r) => r.unit_id === unit['南关街道办事处']);
  assert.ok(cd.read_at);
  assert.ok(cd.read_by_name);
  assert.equal(ng.read_at, null);
  assert.equal((await nanguan.get('/api/v1/briefings')).body.unread >= 1, true);

  // A notice: plain text to every unit by default.
  const notice = await staff.post('/api/v1/briefings', {
    kind: 'notice', title: '关于报送2027年重点项目计划的通知', body: '各街道、各部门:\n请于12月20日前报送2027年拟新开工重点项目清单。',
  });
  assert.equal(notice.status, 201, notice.text);
  assert.equal(notice.body.kind_label, '通知');
  assert.ok(notice.body.recipient_count > 5);
  assert.equal(notice.body.document.blocks.length, 2);
  const missingBody = await staff.post('/api/v1/briefings', { kind: 'notice', title: '无正文' });
  assert.ok(missingBody.body.error.details.fields.body);
  const noTemplate = await staff.post('/api/v1/briefings', { period: '2026-10' });
  assert.ok(noTemplate.body.error.details.fields.template_id);
});

// Pixels of a rendered page that are not white, out of all.
function inkShare(ppm) {
  // P6\n<w> <h>\n255\n then RGB bytes.
  const header = ppm.subarray(0, 64).toString('latin1').match(/^P6\s+(\d+)\s+(\d+)\s+255\s/);
  assert.ok(header, 'a PPM');
  const start = header[0].length;
  let ink = 0;
  const total = Number(header[1]) * Number(header[2]);
  for (let i = start; i + 2 < ppm.length; i += 3) if (ppm[i] < 200 || ppm[i + 1] < 200 || ppm[i + 2] < 200) ink += 1;
  return ink / total;
}

test('the briefing as DOCX has the parts Word needs and well-formed XML; as PDF its pages render with Chinese text', async () => {
  const t = await defaultTemplate();
  const b = (await staff.post('/api/v1/briefings', { template_id: t.id, period: '2026-10', issued_on: '2026-11-05', doc_number: '云发改〔2026〕35号' })).body;

  const docx = await bytes(staff, `/api/v1/briefings/${b.id}/document.docx`);
  const zip = await JSZip.loadAsync(docx);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml', 'word/_rels/document.xml.rels']) {
    assert.ok(zip.file(part), `${part} is in the package`);
  }
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
    const xml = await zip.file(name).async('string');
    const parser = new SaxesParser();
    assert.doesNotThrow(() => { parser.write(xml).close(); }, `${name} is well-formed`);
  }
  const documentXml = await zip.file('word/document.xml').async('string');
  assert.ok(documentXml.includes(b.title), 'the title is a paragraph');
  assert.ok(documentXml.includes('云发改〔2026〕35号'));
  assert.ok((documentXml.match(/<w:tbl>/g) || []).length >= 2, 'tables are Word tables');
  assert.match(documentXml, /w:pgSz w:w="11906" w:h="16838"/, 'A4');
  const styles = await zip.file('word/styles.xml').async('string');
  assert.match(styles, /仿宋_GB2312/);
  assert.match(styles, /黑体/);
  const rels = await zip.file('word/_rels/document.xml.rels').async('string');
  const images = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
  assert.ok(images.length >= 1, 'the chart is embedded');
  for (const m of rels.matchAll(/Id="(rId\d+)"[^>]*Target="media\/[^"]+"/g)) assert.ok(documentXml.includes(`r:embed="${m[1]}"`));

  const pdf = await bytes(staff, `/api/v1/briefings/${b.id}/document.pdf`);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'tuijin-briefing-'));
  writeFileSync(join(dir, 'b.pdf'), pdf);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
  assert.ok(text.includes('重点项目推进专报'), 'the masthead is text');
  assert.ok(text.replace(/\s+/g, '').includes(b.title.replace(/\s+/g, '')), 'the title is text');
  assert.ok(text.includes('第') && text.includes('期'));
  const pages = Number(execFileSync('pdfinfo', [join(dir, 'b.pdf')], { encoding: 'utf8' }).match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 2, `a district briefing runs to more than a page (${pages})`);
  for (let page = 1; page <= pages; page++) {
    execFileSync('pdftoppm', ['-r', '40', '-f', String(page), '-l', String(page), join(dir, 'b.pdf'), join(dir, `p${page}`)]);
    const file = [`p${page}-${page}.ppm`, `p${page}-0${page}.ppm`, `p${page}-1.ppm`].map((f) => join(dir, f)).find(existsSync);
    assert.ok(file, `page ${page} rendered`);
    assert.ok(inkShare(readFileSync(file)) > 0.005, `page ${page} is not blank`);
  }
  // For a person to look at: the first page.
  mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', join(dir, 'b.pdf'), join(ARTIFACTS, 'briefing-page1')]);
  assert.ok(existsSync(join(ARTIFACTS, 'briefing-page1.png')));
  assert.equal((await staff.del(`/api/v1/briefings/${b.id}`)).status, 204);
});

test('tuijin report writes ledgers and briefings for scheduled jobs; a bad period names the option', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tuijin-report-'));
  const xlsx = join(dir, '台账.xlsx');
  const ledger = await runCli(['report', 'ledger', '--period', '2026-10', '--out', xlsx, '--db', server.db.url]);
  assert.equal(ledger.code, 0, ledger.stderr);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  assert.equal(cellText(wb.getWorksheet('重点项目推进台账').getCell('A1')), '云河区2026年1—10月重点项目推进台账');
  const areas = await runCli(['report', 'ledger', '--kind', 'areas', '--period', '2026-10', '--out', join(dir, 'a.xlsx'), '--db', server.db.url]);
  assert.equal(areas.code, 0, areas.stderr);
  const briefing = await runCli(['report', 'briefing', '--period', '2026-10', '--out', join(dir, 'b.docx'), '--db', server.db.url]);
  assert.equal(briefing.code, 0, briefing.stderr);
  assert.equal(readFileSync(join(dir, 'b.docx')).subarray(0, 2).toString(), 'PK');
  const bad = await runCli(['report', 'ledger', '--period', '2026-13', '--out', join(dir, 'x.xlsx'), '--db', server.db.url]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /period/);
  assert.ok(!existsSync(join(dir, 'x.xlsx')));
  const badOut = await runCli(['report', 'briefing', '--period', '2026-10', '--out', join(dir, 'b.txt'), '--db', server.db.url]);
  assert.equal(badOut.code, 2);
  assert.match(badOut.stderr, /out/);
});
