// The .xlsx exports of the 预警中心, 红黄绿状态 and 排名 lists, on SQLite and PostgreSQL, from the
// demo district: each export with a real filter read back with exceljs and compared row by row
// with every page of the list API under the same filter (same order, same values; money in
// 万元, rates as fractions, 红黄绿 as the cell's fill); a unit user's export holds its own
// projects only, as its list does; roles refused on the list are refused on the export; bad
// filters are refused with the same field error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { startServer, signedIn, Client } from '../lib/server.mjs';

const WAN = 1_000_000; // fen in 万元
const FILL = { 红: 'FFFF0000', 黄: 'FFFFFF00', 绿: 'FF92D050' };
const COLOUR_WORD = { red: '红', yellow: '黄', green: '绿' };
const HEADER_ROW = 3;

let server, staff, chengdong, expert;
const unit = {};

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
  chengdong = await signedIn(server.url, 'chengdong');
  for (const u of (await staff.get('/api/v1/units')).body.items) unit[u.name] = u.id;
  expert = await signedIn(server.url, 'zhuanjia'); // the demo's 评审专家
});
after(async () => { await server?.stop(); });

const cellText = (c) => (c.value === null || c.value === undefined ? '' : String(c.value.richText
  ? c.value.richText.map((r) => r.text).join('') : c.value));
const fen = (v) => Math.round(Number(v) * WAN);

// Every item of a paged list, all pages.
async function allItems(client, path, query) {
  const items = [];
  for (let page = 1; ; page++) {
    const res = await client.get(`${path}?${query}${query ? '&' : ''}page=${page}&page_size=500`);
    assert.equal(res.status, 200, res.text);
    items.push(...res.body.items);
    if (items.length >= res.body.total || res.body.items.length === 0) return { items, body: res.body };
  }
}

// The export's response and its first worksheet.
async function download(client, path) {
  const res = await client.request('GET', path, { raw: true });
  assert.equal(res.status, 200, `${path}: ${res.status} ${res.status === 200 ? '' : await res.text()}`);
  assert.match(res.headers.get('content-type'), /spreadsheetml\.sheet/);
  const disposition = res.headers.get('content-disposition');
  assert.match(disposition, /^attachment; filename\*=UTF-8''/);
  const fileName = decodeURIComponent(disposition.split("''")[1]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()));
  return { fileName, ws: wb.worksheets[0] };
}

// The rows under the header, up to the last one with a value.
function bodyRows(ws) {
  const rows = [];
  for (let r = HEADER_ROW + 1; r <= ws.rowCount; r++) {
    if (cellText(ws.getCell(r, 1)) !== '') rows.push(r);
  }
  return rows;
}

function assertColourCell(cell, colour, what) {
  const word = COLOUR_WORD[colour];
  assert.equal(cellText(cell), word, what);
  assert.equal(cell.fill?.fgColor?.argb, FILL[word], `${what}: filled ${word}`);
}

// The same refusal from the list and its export.
async function sameRefusal(client, list, exported, status, field) {
  const a = await client.get(list);
  const b = await client.get(exported);
  assert.equal(a.status, status, `${list}: ${a.text}`);
  assert.equal(b.status, status, `${exported}: ${b.text}`);
  if (field) {
    assert.ok(a.body.error.details.fields[field], a.text);
    assert.deepEqual(b.body.error.details.fields, a.body.error.details.fields);
  }
}

test('预警中心: red warnings of every page, in the list order, with fills and the filters named', async () => {
  const query = 'state=open&colour=red';
  const { items, body } = await allItems(staff, '/api/v1/warnings', query);
  assert.ok(items.length > 0, 'the demo district has red warnings');
  assert.ok(items.length > 20, `more than one page of the list (${items.length})`);
  const { fileName, ws } = await download(staff, `/api/v1/exports/warnings?${query}`);
  assert.match(fileName, /^预警清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const [y, m] = body.period.split('-').map(Number);
  assert.equal(cellText(ws.getCell('A1')), `云河区重点项目预警清单(${y}年${m}月)`);
  const sub = cellText(ws.getCell('A2'));
  assert.match(sub, /^筛选:状态 未关闭;预警 红    导出时间:\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  assert.match(sub, new RegExp(`共 ${items.length} 条$`));
  assert.equal(cellText(ws.getCell(HEADER_ROW, 4)), '项目名称');
  const rows = bodyRows(ws);
  assert.equal(rows.length, items.length);
  rows.forEach((r, i) => {
    const w = items[i];
    assert.equal(ws.getCell(r, 1).value, i + 1);
    assertColourCell(ws.getCell(r, 2), 'red', `row ${r}`);
    assert.equal(cellText(ws.getCell(r, 3)), w.project.code ?? '');
    assert.equal(cellText(ws.getCell(r, 4)), w.project.name, `row ${r}`);
    assert.equal(cellText(ws.getCell(r, 5)), w.project.lead_unit_name ?? '');
    assert.equal(cellText(ws.getCell(r, 6)), w.metric_label);
    assert.equal(cellText(ws.getCell(r, 7)), w.reason);
    assert.equal(cellText(ws.getCell(r, 8)), w.since_period);
    assert.equal(cellText(ws.getCell(r, 10)), w.acknowledged_at ? '已确认' : '待确认');
  });
});

test('预警中心: a unit and both colours; an acknowledged warning carries its note', async () => {
  const kaifaqu = unit['云河经济开发区管理委员会'];
  assert.ok(kaifaqu);
  const all = await allItems(staff, '/api/v1/warnings', 'state=open');
  const target = all.items.find((w) => w.project.lead_unit_id === kaifaqu);
  assert.ok(target, 'the 开发区 has an open warning');
  const note = '已约谈建设单位，要求12月底前完成入库';
  const ack = await staff.post(`/api/v1/warnings/${target.id}/acknowledge`, { note });
  assert.equal(ack.status, 200, ack.text);

  const query = `colour=red&colour=yellow&unit_id=${kaifaqu}`;
  const { items } = await allItems(staff, '/api/v1/warnings', query);
  assert.ok(items.length > 0 && items.length < all.items.length, `${items.length} of ${all.items.length}`);
  const { ws } = await download(staff, `/api/v1/exports/warnings?${query}`);
  assert.match(cellText(ws.getCell('A2')), /^筛选:状态 未关闭;预警 红、黄;责任单位 云河经济开发区管理委员会\(含下级\)    /);
  const rows = bodyRows(ws);
  assert.equal(rows.length, items.length);
  rows.forEach((r, i) => {
    assertColourCell(ws.getCell(r, 2), items[i].colour, `row ${r}`);
    assert.equal(cellText(ws.getCell(r, 4)), items[i].project.name);
    assert.equal(cellText(ws.getCell(r, 5)), '云河经济开发区管理委员会');
  });
  const acked = rows.find((r) => cellText(ws.getCell(r, 4)) === target.project.name
    && cellText(ws.getCell(r, 6)) === target.metric_label);
  assert.ok(acked, 'the acknowledged warning is in the sheet');
  assert.equal(cellText(ws.getCell(acked, 10)), '已确认');
  assert.equal(cellText(ws.getCell(acked, 11)), note);
  assert.equal(cellText(ws.getCell(acked, 12)), '王磊');
});

test('预警中心: a unit user exports its own projects only; experts and strangers are refused', async () => {
  const own = await allItems(chengdong, '/api/v1/warnings', '');
  const everyone = await allItems(staff, '/api/v1/warnings', '');
  assert.ok(own.items.length > 0 && own.items.length < everyone.items.length, `${own.items.length} of ${everyone.items.length}`);
  const { ws } = await download(chengdong, '/api/v1/exports/warnings');
  assert.match(cellText(ws.getCell('A2')), /^筛选:范围 本单位项目;状态 未关闭    /);
  const rows = bodyRows(ws);
  assert.deepEqual(rows.map((r) => cellText(ws.getCell(r, 4))), own.items.map((w) => w.project.name));
  // A unit_id outside its scope narrows nothing into view.
  const other = unit['南关街道办事处'];
  const { ws: none } = await download(chengdong, `/api/v1/exports/warnings?unit_id=${other}`);
  assert.equal(bodyRows(none).length, (await allItems(chengdong, '/api/v1/warnings', `unit_id=${other}`)).items.length);

  await sameRefusal(expert, '/api/v1/warnings', '/api/v1/exports/warnings', 403);
  await sameRefusal(new Client(server.url), '/api/v1/warnings', '/api/v1/exports/warnings', 401);
  await sameRefusal(staff, '/api/v1/warnings?colour=green', '/api/v1/exports/warnings?colour=green', 400, 'colour');
  await sameRefusal(staff, '/api/v1/warnings?state=done', '/api/v1/exports/warnings?state=done', 400, 'state');
});

test('红黄绿状态: red projects of every page, money in 万元, rates, reasons, fills', async () => {
  const query = 'colour=red';
  const { items, body } = await allItems(staff, '/api/v1/statuses', query);
  assert.ok(items.length > 0, 'the demo district has red projects');
  const { fileName, ws } = await download(staff, `/api/v1/exports/statuses?${query}`);
  assert.equal(fileName, `红黄绿状态表-${body.period}.xlsx`);
  const [y, m] = body.period.split('-').map(Number);
  assert.equal(cellText(ws.getCell('A1')), `云河区重点项目红黄绿状态表(${y}年${m}月)`);
  const sub = cellText(ws.getCell('A2'));
  assert.ok(sub.startsWith(`序时进度 ${body.schedule}`), sub);
  assert.match(sub, /筛选:红黄绿 红    导出时间:/);
  assert.match(sub, new RegExp(`共 ${items.length} 个项目    单位:万元$`));
  const rows = bodyRows(ws);
  assert.equal(rows.length, items.length);
  let withPlan = 0;
  rows.forEach((r, i) => {
    const s = items[i];
    assertColourCell(ws.getCell(r, 2), 'red', `row ${r}`);
    assert.equal(cellText(ws.getCell(r, 4)), s.project.name);
    assert.equal(cellText(ws.getCell(r, 5)), { province: '省重点', city: '市重点', district: '区重点' }[s.project.level]);
    assert.equal(cellText(ws.getCell(r, 6)), s.project.lead_unit_name ?? '');
    assert.equal(fen(ws.getCell(r, 7).value), s.annual_plan, `${s.project.name} 年度计划`);
    assert.equal(fen(ws.getCell(r, 8).value), s.year_to_date, `${s.project.name} 年初至今`);
    assert.equal(ws.getCell(r, 7).numFmt, '#,##0.00');
    if (s.annual_plan > 0) {
      withPlan++;
      assert.ok(Math.abs(ws.getCell(r, 9).value - s.year_to_date / s.annual_plan) < 1e-9);
      assert.equal(`${(ws.getCell(r, 9).value * 100).toFixed(1)}%`, s.annual_rate);
    } else {
      assert.equal(cellText(ws.getCell(r, 9)), '—');
    }
    assert.equal(cellText(ws.getCell(r, 10)), s.reasons.map((x) => `【${x.metric_label}】${x.reason}`).join('\n'));
  });
  assert.ok(withPlan > 0, 'some red project has a plan');
});

test('红黄绿状态: a unit, a level and two colours; a unit user sees its own; bad filters refused', async () => {
  const street = unit['城东路街道办事处'];
  const query = `colour=yellow&colour=green&unit_id=${street}&level=district`;
  const { items } = await allItems(staff, '/api/v1/statuses', query);
  const wider = await allItems(staff, '/api/v1/statuses', `unit_id=${street}`);
  assert.ok(items.length > 0 && items.length < wider.items.length, `${items.length} of ${wider.items.length}`);
  const { ws } = await download(staff, `/api/v1/exports/statuses?${query}`);
  assert.match(cellText(ws.getCell('A2')), /筛选:红黄绿 黄、绿;级别 区重点;责任单位 城东路街道办事处\(含下级\)    /);
  const rows = bodyRows(ws);
  assert.equal(rows.length, items.length);
  rows.forEach((r, i) => {
    assertColourCell(ws.getCell(r, 2), items[i].colour, `row ${r}`);
    assert.equal(cellText(ws.getCell(r, 4)), items[i].project.name);
  });
  // Worst first, as the list: every yellow before every green.
  const order = rows.map((r) => ({ 黄: 0, 绿: 1 })[cellText(ws.getCell(r, 2))]);
  assert.deepEqual(order, [...order].sort());
  assert.ok(order.includes(0) && order.includes(1), 'both colours are there');

  const own = await allItems(chengdong, '/api/v1/statuses', '');
  const everyone = await allItems(staff, '/api/v1/statuses', '');
  assert.ok(own.items.length > 0 && own.items.length < everyone.items.length);
  const mine = await download(chengdong, '/api/v1/exports/statuses');
  assert.deepEqual(bodyRows(mine.ws).map((r) => cellText(mine.ws.getCell(r, 4))), own.items.map((s) => s.project.name));
  assert.match(cellText(mine.ws.getCell('A2')), /筛选:范围 本单位项目    /);

  await sameRefusal(expert, '/api/v1/statuses', '/api/v1/exports/statuses', 403);
  await sameRefusal(staff, '/api/v1/statuses?colour=purple', '/api/v1/exports/statuses?colour=purple', 400, 'colour');
  await sameRefusal(staff, '/api/v1/statuses?level=national', '/api/v1/exports/statuses?level=national', 400, 'level');
  await sameRefusal(staff, '/api/v1/statuses?period=2026-13', '/api/v1/exports/statuses?period=2026-13', 400, 'period');
});

test('排名: the month ranking as the list has it, for staff and for a unit user', async () => {
  const list = await staff.get('/api/v1/rankings');
  assert.equal(list.status, 200, list.text);
  const period = list.body.period;
  const [y, m] = period.split('-').map(Number);
  const earlier = `${y}-${String(Math.max(1, m - 1)).padStart(2, '0')}`;
  for (const client of [staff, chengdong]) {
    const res = await client.get(`/api/v1/rankings?period=${earlier}`);
    assert.equal(res.status, 200, res.text);
    const items = res.body.items;
    assert.ok(items.length > 1, 'units are ranked');
    const { fileName, ws } = await download(client, `/api/v1/exports/rankings?period=${earlier}`);
    assert.equal(fileName, `各单位投资排名-${earlier}.xlsx`);
    const em = Number(earlier.slice(5));
    assert.equal(cellText(ws.getCell('A1')), `云河区${y}年${em === 1 ? '1月' : `1—${em}月`}各单位重点项目投资排名`);
    assert.match(cellText(ws.getCell('A2')), new RegExp(`^排名指标:${res.body.settings.metric_label}`));
    assert.equal(cellText(ws.getCell(HEADER_ROW, 8)), res.body.settings.metric_label);
    const rows = bodyRows(ws);
    assert.equal(rows.length, items.length);
    const rate = (text) => (text === null ? '—' : Number(text.replace('%', '')));
    rows.forEach((r, i) => {
      const u = items[i];
      assert.equal(ws.getCell(r, 1).value, u.rank);
      assert.equal(cellText(ws.getCell(r, 2)), u.unit_name);
      assert.equal(fen(ws.getCell(r, 3).value), u.target, `${u.unit_name} 目标`);
      assert.equal(fen(ws.getCell(r, 4).value), u.year_to_date);
      assert.equal(fen(ws.getCell(r, 5).value), u.last_year_to_date);
      const completion = ws.getCell(r, 6).value;
      assert.equal(typeof completion === 'number' ? Math.round(completion * 10000) / 100 : completion, rate(u.completion));
      assert.equal(Math.round(ws.getCell(r, 8).value * 10000), u.value);
      const move = u.movement === null ? '' : u.movement > 0 ? `↑${u.movement}` : u.movement < 0 ? `↓${-u.movement}` : '—';
      assert.equal(cellText(ws.getCell(r, 9)), move);
      assert.equal(cellText(ws.getCell(r, 11)), u.escalation ?? '');
      assert.equal(Math.round(ws.getCell(r, 12).value * 100), u.score);
    });
  }
  await sameRefusal(expert, '/api/v1/rankings', '/api/v1/exports/rankings', 403);
  await sameRefusal(staff, '/api/v1/rankings?period=2026-00', '/api/v1/exports/rankings?period=2026-00', 400, 'period');
});

test('排名: a quarter\'s scores with an inspection score entered', async () => {
  const list = await staff.get('/api/v1/rankings');
  const [y, m] = list.body.period.split('-').map(Number);
  const quarter = Math.ceil(m / 3);
  const first = list.body.items[0].unit_id;
  const put = await staff.put('/api/v1/rankings/inspection', { year: y, quarter, items: [{ unit_id: first, score: 87.5 }] });
  assert.equal(put.status, 204, put.text);
  const res = await chengdong.get(`/api/v1/rankings/quarters?year=${y}&quarter=${quarter}`);
  assert.equal(res.status, 200, res.text);
  const { fileName, ws } = await download(chengdong, `/api/v1/exports/rankings/quarters?year=${y}&quarter=${quarter}`);
  assert.equal(fileName, `各单位季度评分-${y}年第${quarter}季度.xlsx`);
  assert.equal(cellText(ws.getCell('A1')), `云河区${y}年第${'一二三四'[quarter - 1]}季度各单位考核评分`);
  assert.equal(cellText(ws.getCell(HEADER_ROW, 3)), `${quarter * 3 - 2}月得分`);
  const rows = bodyRows(ws);
  assert.equal(rows.length, res.body.items.length);
  let inspected = 0;
  rows.forEach((r, i) => {
    const q = res.body.items[i];
    assert.equal(ws.getCell(r, 1).value, q.rank);
    assert.equal(cellText(ws.getCell(r, 2)), q.unit_name);
    q.monthly.forEach((s, k) => assert.equal(Math.round(ws.getCell(r, 3 + k).value * 100), s));
    if (q.inspection === null) assert.equal(cellText(ws.getCell(r, 6)), '');
    else { inspected++; assert.equal(Math.round(ws.getCell(r, 6).value * 100), q.inspection); }
    assert.equal(Math.round(ws.getCell(r, 7).value * 100), q.total);
    assert.equal(cellText(ws.getCell(r, 8)), q.award ?? '');
  });
  assert.equal(inspected, 1);
  await sameRefusal(staff, '/api/v1/rankings/quarters?year=2026', '/api/v1/exports/rankings/quarters?year=2026', 400, 'quarter');
  await sameRefusal(expert, `/api/v1/rankings/quarters?year=${y}&quarter=1`, `/api/v1/exports/rankings/quarters?year=${y}&quarter=1`, 403);
});
