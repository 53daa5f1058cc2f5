// Progress reporting (进度填报) through the API: the unit fills and submits, staff return with
// a reason or accept, every revision is kept; locked periods; figures derived from accepted
// amounts across a year boundary and on top of an opening balance; batch saves all or
// nothing; missing reports and reminders. Amounts are fen (1 万元 = 1,000,000). Periods are in
// the past (2025–2026) so that the wall clock does not matter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { startServer, signedIn } from '../lib/server.mjs';
import { png } from '../lib/images.mjs';

const WAN = 1_000_000;
let server, staff, unit, otherUnit, units, me;

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
  unit = await signedIn(server.url, 'chengdong');
  otherUnit = await signedIn(server.url, 'nanguan');
  units = Object.fromEntries((await staff.get('/api/v1/units')).body.items.map((u) => [u.name, u.id]));
  me = (await unit.get('/api/v1/session')).body.user;
});
after(async () => { await server?.stop(); });

let serial = 0;
// A project in construction whose 责任单位 is the unit user's own unit.
async function project(overrides = {}) {
  serial += 1;
  const res = await staff.post('/api/v1/projects', {
    name: `城东路街道老旧小区改造第${serial}批`,
    level: 'district',
    lead_unit_id: me.unit_id,
    total_investment: 8000 * WAN,
    planned_start: '2025-03',
    stage: 'construction',
    actual_start: '2025-03-20',
    ...overrides,
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

const path = (p, period, action = '') => `/api/v1/projects/${p.id}/reports/${period}${action ? '/' + action : ''}`;

test('fill, submit, return with a reason, fix, resubmit, accept: every version is kept', async () => {
  const p = await project();
  const draft = await unit.put(path(p, '2026-03'), {
    amount: 320 * WAN, progress_text: '完成3栋楼外墙保温', physical_percent: 30, problems: '雨污分流管线迁改需协调',
  });
  assert.equal(draft.status, 200, draft.text);
  assert.equal(draft.body.report.state, 'draft');
  assert.equal(draft.body.report.state_label, '草稿');
  // A draft counts for nothing yet.
  assert.equal(draft.body.figures.year_to_date, 0);

  const submitted = await unit.post(path(p, '2026-03', 'submit'), { version: draft.body.report.version });
  assert.equal(submitted.status, 200, submitted.text);
  assert.equal(submitted.body.report.state, 'submitted');
  // Waiting for review: the unit cannot change it, nor can it review its own report.
  const locked = await unit.put(path(p, '2026-03'), { amount: 1, version: submitted.body.report.version });
  assert.equal(locked.status, 409);
  assert.equal(locked.body.error.code, 'report.state');
  assert.equal((await unit.post(path(p, '2026-03', 'accept'), { version: submitted.body.report.version })).status, 403);

  const noReason = await staff.post(path(p, '2026-03', 'return'), { version: submitted.body.report.version });
  assert.equal(noReason.status, 400);
  assert.ok(noReason.body.error.details.fields.reason);
  const returned = await staff.post(path(p, '2026-03', 'return'), {
    version: submitted.body.report.version, reason: '本期完成投资与监理月报不一致,请核实',
  });
  assert.equal(returned.status, 200, returned.text);
  assert.equal(returned.body.report.state, 'returned');
  assert.equal(returned.body.report.return_reason, '本期完成投资与监理月报不一致,请核实');

  // The unit sees its returned report first in the period grid.
  await project(); // another project of the unit, not reported
  const grid = await unit.get('/api/v1/reports?period=2026-03');
  assert.equal(grid.status, 200, grid.text);
  assert.equal(grid.body.items[0].project.id, p.id);
  assert.equal(grid.body.items[0].report.state, 'returned');

  // Fixing it keeps it returned (with the reason) until it is submitted again.
  const fixed = await unit.put(path(p, '2026-03'), {
    amount: 280 * WAN, progress_text: '完成3栋楼外墙保温', physical_percent: 30, version: returned.body.report.version,
  });
  assert.equal(fixed.status, 200, fixed.text);
  assert.equal(fixed.body.report.state, 'returned');
  const resubmitted = await unit.post(path(p, '2026-03', 'submit'), { version: fixed.body.report.version });
  assert.equal(resubmitted.body.report.state, 'submitted');
  assert.equal(resubmitted.body.report.return_reason, null);
  const accepted = await staff.post(path(p, '2026-03', 'accept'), { version: resubmitted.body.report.version });
  assert.equal(accepted.status, 200, accepted.text);
  assert.equal(accepted.body.report.state, 'accepted');
  assert.equal(accepted.body.figures.period_amount, 280 * WAN);
  assert.equal(accepted.body.figures.year_to_date, 280 * WAN);

  const history = accepted.body.revisions.map((r) => [r.action, r.state, r.amount, r.reason]);
  assert.deepEqual(history, [
    ['save', 'draft', 320 * WAN, null],
    ['submit', 'submitted', 320 * WAN, null],
    ['return', 'returned', 320 * WAN, '本期完成投资与监理月报不一致,请核实'],
    ['save', 'returned', 280 * WAN, null],
    ['submit', 'submitted', 280 * WAN, null],
    ['accept', 'accepted', 280 * WAN, null],
  ]);
  assert.ok(accepted.body.revisions.every((r) => r.user_name), 'every version names who made it');

  // A change after acceptance is a new revision; the accepted figure counts until it is accepted again.
  const changed = await unit.put(path(p, '2026-03'), { amount: 300 * WAN, version: accepted.body.report.version });
  assert.equal(changed.status, 200, changed.text);
  assert.equal(changed.body.report.state, 'draft');
  assert.equal(changed.body.report.revision, 2);
  assert.equal(changed.body.report.accepted_amount, 280 * WAN);
  assert.equal(changed.body.figures.year_to_date, 280 * WAN);
  // A stale version is refused.
  const stale = await unit.put(path(p, '2026-03'), { amount: 310 * WAN, version: accepted.body.report.version });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'report.stale');
});

test("a unit user cannot see or report on another unit's project", async () => {
  const p = await project();
  const get = await otherUnit.get(path(p, '2026-03'));
  assert.equal(get.status, 404);
  const put = await otherUnit.put(path(p, '2026-03'), { amount: 10 * WAN });
  assert.equal(put.status, 404);
  const batch = await otherUnit.post('/api/v1/reports/batch', { period: '2026-03', items: [{ project_id: p.id, amount: 10 * WAN }] });
  assert.equal(batch.status, 403);
  const grid = await otherUnit.get('/api/v1/reports?period=2026-03');
  assert.ok(!grid.body.items.some((r) => r.project.id === p.id), "another unit's project is not in the grid");
  assert.equal((await unit.get(path(p, '2026-03'))).body.report, null, 'nothing was written');
});

test('a locked period refuses changes until it is unlocked with a reason', async () => {
  const p = await project();
  const saved = await unit.put(path(p, '2025-09'), { amount: 50 * WAN });
  assert.equal(saved.status, 200, saved.text);
  assert.equal((await unit.post('/api/v1/periods/2025-09/lock', {})).status, 403, 'units do not lock periods');
  const lock = await staff.post('/api/v1/periods/2025-09/lock', { reason: '9月数据已报统计局' });
  assert.equal(lock.status, 200, lock.text);
  assert.equal(lock.body.locked, true);

  const refused = await unit.put(path(p, '2025-09'), { amount: 60 * WAN, version: saved.body.report.version });
  assert.equal(refused.status, 409);
  assert.equal(refused.body.error.code, 'period.locked');
  assert.match(refused.body.error.message, /2025年9月已锁定/);
  const refusedNew = await unit.put(path(await project(), '2025-09'), { amount: 1 * WAN });
  assert.equal(refusedNew.status, 409);
  assert.equal((await unit.get(path(p, '2025-09'))).body.report.amount, 50 * WAN, 'nothing changed');

  const noReason = await staff.post('/api/v1/periods/2025-09/unlock', {});
  assert.equal(noReason.status, 400);
  const unlock = await staff.post('/api/v1/periods/2025-09/unlock', { reason: '城东路街道申请更正9月数据' });
  assert.equal(unlock.status, 200, unlock.text);
  assert.equal(unlock.body.locked, false);
  assert.deepEqual(unlock.body.events.map((e) => [e.action, e.reason]),
    [['lock', '9月数据已报统计局'], ['unlock', '城东路街道申请更正9月数据']]);
  const ok = await unit.put(path(p, '2025-09'), { amount: 60 * WAN, version: saved.body.report.version });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.report.amount, 60 * WAN);
});

// Submits and accepts one month's amount.
async function accept(p, period, amount) {
  const s = await unit.post(path(p, period, 'submit'), { amount, progress_text: '按计划推进' });
  assert.equal(s.status, 200, s.text);
  const a = await staff.post(path(p, period, 'accept'), { version: s.body.report.version });
  assert.equal(a.status, 200, a.text);
  return a.body;
}

test('figures across a year boundary, on top of an opening balance set once', async () => {
  // Started in 2023; by the end of 2025 it had completed 5,000 万元 (开工累计).
  const p = await project({ total_investment: 9000 * WAN, actual_start: '2023-06-01', planned_start: '2023-06' });
  const opening = await staff.put(`/api/v1/projects/${p.id}/opening`, { through: '2025-12', amount: 5000 * WAN });
  assert.equal(opening.status, 200, opening.text);
  assert.equal((await unit.put(`/api/v1/projects/${p.id}/opening`, { through: '2025-12', amount: 1 })).status, 403);
  const badMonth = await staff.put(`/api/v1/projects/${p.id}/opening`, { through: '2025-W03', amount: 1 });
  assert.equal(badMonth.status, 400);

  // 2025-11 and 2025-12 are inside the opening balance; 2026 builds on it.
  await accept(p, '2025-11', 300 * WAN);
  const dec = await accept(p, '2025-12', 400 * WAN);
  assert.equal(dec.figures.year_to_date, 700 * WAN, '2025: November + December');
  assert.equal(dec.figures.since_start, 5000 * WAN, 'December is inside the opening balance');
  await accept(p, '2026-01', 150 * WAN);
  const feb = await accept(p, '2026-02', 250 * WAN);
  assert.equal(feb.figures.period_amount, 250 * WAN);
  assert.equal(feb.figures.year_to_date, 400 * WAN, 'January restarts the year: 150 + 250');
  assert.equal(feb.figures.since_start, 5400 * WAN, '5,000 + 150 + 250');
  // 总投资完成率 = 5,400 / 9,000 = 60.0%
  assert.deepEqual(feb.figures.total_rate, { num: 5400 * WAN, den: 9000 * WAN, percent: '60.0%' });
  assert.equal(feb.figures.annual_rate, null, 'no annual plan, no 年度完成率');

  // The project's history lists every period, newest first, each with its figures then.
  const list = await unit.get(`/api/v1/projects/${p.id}/reports`);
  assert.deepEqual(list.body.items.map((r) => [r.period, r.figures.year_to_date / WAN, r.figures.since_start / WAN]),
    [['2026-02', 400, 5400], ['2026-01', 150, 5150], ['2025-12', 700, 5000], ['2025-11', 300, 5000]]);
});

test('input checks: negative only as a marked correction with a reason, percent 0–100, over 总投资 warns', async () => {
  const p = await project({ total_investment: 100 * WAN });
  const negative = await unit.put(path(p, '2026-04'), { amount: -20 * WAN });
  assert.equal(negative.status, 400);
  assert.match(negative.body.error.details.fields.amount, /冲减/);
  const noReason = await unit.put(path(p, '2026-04'), { amount: -20 * WAN, correction: true });
  assert.equal(noReason.status, 400);
  assert.ok(noReason.body.error.details.fields.correction_reason);
  const percent = await unit.put(path(p, '2026-04'), { amount: 1 * WAN, physical_percent: 120 });
  assert.equal(percent.status, 400);
  assert.ok(percent.body.error.details.fields.physical_percent);
  const missing = await unit.put(path(p, '2026-04'), { progress_text: '未填金额' });
  assert.equal(missing.status, 400);
  assert.ok(missing.body.error.details.fields.amount);
  const future = await unit.put(path(p, '2099-01'), { amount: 1 * WAN });
  assert.equal(future.status, 400);
  assert.match(future.body.error.details.fields.period, /尚未开始/);
  const badPeriod = await unit.put(path(p, '2026-13'), { amount: 1 * WAN });
  assert.equal(badPeriod.status, 400);
  assert.equal((await unit.get(path(p, '2026-04'))).body.report, null, 'nothing was written');

  // Over 总投资 is accepted, with a warning in words.
  const over = await accept(p, '2026-04', 120 * WAN);
  assert.equal(over.figures.since_start, 120 * WAN);
  assert.match(over.figures.warnings.join(), /开工累计 120(\.00)? 万元,超过项目总投资 100(\.00)? 万元/);
  // A submit of a report never saved needs an amount.
  const noAmount = await unit.post(path(p, '2026-05', 'submit'), { progress_text: '按计划推进' });
  assert.equal(noAmount.status, 400, noAmount.text);
  assert.match(noAmount.body.error.details.fields.amount, /必填/);
  assert.equal((await unit.get(path(p, '2026-05'))).body.report, null, 'nothing was written');
  // A marked correction brings it back.
  const corrected = await unit.post(path(p, '2026-05', 'submit'), { amount: -20 * WAN, correction: true, correction_reason: '4月多报了监理费' });
  assert.equal(corrected.status, 200, corrected.text);
  const done = await staff.post(path(p, '2026-05', 'accept'), { version: corrected.body.report.version });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.figures.since_start, 100 * WAN);
  assert.deepEqual(done.body.figures.warnings, []);
});

test('the grid is saved in one transaction: a bad row saves nothing and is named', async () => {
  const a = await project(), b = await project(), c = await project();
  const bad = await unit.post('/api/v1/reports/batch', {
    period: '2026-06',
    items: [
      { project_id: a.id, amount: 100 * WAN, progress_text: '基础施工' },
      { project_id: b.id, amount: -5 * WAN },
      { project_id: c.id, amount: 30 * WAN, physical_percent: 101 },
    ],
  });
  assert.equal(bad.status, 400);
  assert.deepEqual(Object.keys(bad.body.error.details.fields).sort(), ['items.1.amount', 'items.2.physical_percent']);
  for (const p of [a, b, c]) assert.equal((await unit.get(path(p, '2026-06'))).body.report, null, 'nothing was written');

  const grid = {
    period: '2026-06', submit: true,
    items: [
      { project_id: a.id, amount: 100 * WAN, progress_text: '基础施工' },
      { project_id: b.id, amount: 0, progress_text: '停工待图' },
      { project_id: c.id, amount: 30 * WAN, physical_percent: 10 },
    ],
  };
  const good = await unit.post('/api/v1/reports/batch', grid);
  assert.equal(good.status, 200, good.text);
  assert.equal(good.body.saved, 3);
  assert.deepEqual(good.body.items.map((r) => r.state), ['submitted', 'submitted', 'submitted']);
  const reports = async () => Promise.all([a, b, c].map(async (p) => (await unit.get(path(p, '2026-06'))).body));
  const saved = await reports();
  assert.deepEqual(saved.map((r) => [r.report.state, r.report.amount, r.revisions.length]),
    [['submitted', 100 * WAN, 1], ['submitted', 0, 1], ['submitted', 30 * WAN, 1]]);
  // Sending the same grid again changes nothing.
  const again = await unit.post('/api/v1/reports/batch', grid);
  assert.equal(again.status, 200, again.text);
  assert.equal(again.body.saved, 0);
  assert.deepEqual(await reports(), saved);
  assert.deepEqual(saved[0].revisions.map((r) => r.action), ['submit']);
});

test('missing reports list who has not submitted, and reminders reach their unit users', async () => {
  const reported = await project(), silent = await project();
  const submitted = await unit.post(path(reported, '2026-07', 'submit'), { amount: 10 * WAN });
  assert.equal(submitted.status, 200, submitted.text);
  const draft = await unit.put(path(silent, '2026-07'), { amount: 10 * WAN }); // a draft is still missing
  assert.equal(draft.status, 200, draft.text);

  const missing = await staff.get('/api/v1/reports/missing?period=2026-07');
  assert.equal(missing.status, 200, missing.text);
  const ids = missing.body.projects.map((r) => r.id);
  assert.ok(ids.includes(silent.id));
  assert.ok(!ids.includes(reported.id));
  assert.equal(missing.body.projects.find((r) => r.id === silent.id).state, 'draft');
  // Each unit counts the missing projects it leads.
  const mine = missing.body.units.find((u) => u.unit_id === me.unit_id);
  assert.ok(mine, 'the unit is listed');
  assert.equal(mine.count, missing.body.projects.filter((r) => r.lead_unit_id === me.unit_id).length);
  assert.equal(missing.body.total, missing.body.projects.length);

  // A unit sees only its own.
  const own = await unit.get('/api/v1/reports/missing?period=2026-07');
  assert.equal(own.status, 200, own.text);
  assert.ok(own.body.projects.some((r) => r.id === silent.id));
  assert.deepEqual(own.body.units, [mine]);

  const before = (await unit.get('/api/v1/notifications')).body.unread;
  assert.equal((await unit.post('/api/v1/reports/missing/remind', { period: '2026-07' })).status, 403);
  const remind = await staff.post('/api/v1/reports/missing/remind', { period: '2026-07' });
  assert.equal(remind.status, 200, remind.text);
  // Every unit leading a missing project is reminded (the owners of those projects too).
  assert.ok(remind.body.units >= missing.body.units.filter((u) => u.unit_id !== null).length, remind.text);
  assert.ok(remind.body.users >= 1);
  const inbox = (await unit.get('/api/v1/notifications')).body;
  assert.equal(inbox.unread, before + 1);
  assert.equal(inbox.items[0].title, '请尽快填报2026年7月项目进度');
  const told = /本单位有 (\d+) 个项目尚未报送2026年7月进度,截止时间 2026-08-05 17:00/.exec(inbox.items[0].body);
  assert.ok(told, inbox.items[0].body);
  assert.ok(Number(told[1]) >= mine.count, 'the message counts at least the projects the unit leads');
  assert.equal((await unit.post(`/api/v1/notifications/${inbox.items[0].id}/read`, {})).status, 200);
  assert.equal((await unit.get('/api/v1/notifications')).body.unread, before);
  // Someone else's message cannot be marked.
  assert.equal((await otherUnit.post(`/api/v1/notifications/${inbox.items[0].id}/read`, {})).status, 404);
});

test('periods of a year carry their deadline, 17:00 on the 5th of the next month', async () => {
  const res = await unit.get('/api/v1/periods?year=2025');
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.items.length, 12);
  assert.deepEqual(res.body.items[11], {
    period: '2025-12', label: '2025年12月', kind: 'month', deadline_at: '2026-01-05T17:00:00+08:00', overdue: true, locked: false,
  });
  const weeks = await unit.get('/api/v1/periods?year=2026&kind=week');
  assert.equal(weeks.body.items.length, 53);
  assert.equal(weeks.body.items[0].period, '2026-W01');
  assert.equal((await unit.get('/api/v1/periods?year=1999')).status, 400);
});

// The unit's period sheet, as downloaded.
async function downloadSheet(client, period) {
  const res = await client.get(`/api/v1/reports/sheet?period=${period}`, { raw: true });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition'), /attachment/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()));
  return wb;
}

const headerOf = (ws) => ws.getRow(3).values.slice(1);
const rowOf = (ws, name) => {
  for (let i = 4; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(3).value === name) return ws.getRow(i);
  throw new Error(`${name} not in the sheet`);
};
const uploadSheet = async (client, wb, period) => client.request('POST', `/api/v1/imports/reports?period=${period}&filename=sheet.xlsx`, {
  body: new Uint8Array(await wb.xlsx.writeBuffer()), headers: { 'content-type': 'application/octet-stream' },
});

test('the period sheet: download, fill, preview, commit; uploading it twice changes nothing', async () => {
  const a = await project(), b = await project();
  const wb = await downloadSheet(unit, '2026-08');
  const ws = wb.worksheets[0];
  assert.deepEqual(headerOf(ws), ['序号', '项目代码', '项目名称', '责任单位', '年度计划', '年初至上期累计', '本期完成投资',
    '形象进度', '形象进度(%)', '存在问题', '入库口径', '填报状态']);
  assert.match(ws.getRow(1).getCell(1).value, /2026年8月 重点项目进度填报表/);
  rowOf(ws, a.name).getCell(7).value = 125.5;
  rowOf(ws, a.name).getCell(8).value = '主体封顶';
  rowOf(ws, a.name).getCell(9).value = 60;
  rowOf(ws, b.name).getCell(7).value = '待定';
  const bad = await uploadSheet(unit, wb, '2026-08');
  assert.equal(bad.status, 200, bad.text);
  assert.equal(bad.body.summary.error, 1);
  const badRow = bad.body.rows.find((r) => r.project_id === b.id);
  assert.equal(badRow.action, 'error');
  assert.match(bad.body.errors[String(badRow.row)][0].message, /“待定”不是数字/);
  const refused = await unit.post(`/api/v1/imports/reports/${bad.body.import_id}/commit`, { period: '2026-08' });
  assert.equal(refused.status, 400);
  assert.match(refused.body.error.message, /本期完成投资/);
  assert.equal((await unit.get(path(a, '2026-08'))).body.report, null, 'a bad row writes nothing');

  rowOf(ws, b.name).getCell(7).value = 0;
  rowOf(ws, b.name).getCell(10).value = '征迁未完成,无法进场';
  const preview = await uploadSheet(unit, wb, '2026-08');
  assert.equal(preview.body.summary.create, 2, preview.text);
  assert.equal(preview.body.summary.error, 0);
  const commit = await unit.post(`/api/v1/imports/reports/${preview.body.import_id}/commit`, { period: '2026-08', submit: true });
  assert.equal(commit.status, 200, commit.text);
  assert.equal(commit.body.created, 2);
  const saved = (await unit.get(path(a, '2026-08'))).body.report;
  assert.deepEqual([saved.state, saved.amount, saved.progress_text, saved.physical_percent], ['submitted', 125.5 * WAN, '主体封顶', 60]);
  assert.equal((await unit.get(path(b, '2026-08'))).body.report.problems, '征迁未完成,无法进场');

  // The same file again: nothing changes, no new version.
  const again = await uploadSheet(unit, wb, '2026-08');
  assert.deepEqual([again.body.summary.create, again.body.summary.update, again.body.summary.error], [0, 0, 0]);
  for (const p of [a, b]) assert.equal(again.body.rows.find((r) => r.project_id === p.id).action, 'unchanged');
  const second = await unit.post(`/api/v1/imports/reports/${again.body.import_id}/commit`, { period: '2026-08', submit: true });
  assert.equal(second.body.saved, 0);
  assert.equal((await unit.get(path(a, '2026-08'))).body.revisions.length, 1);
  // A fresh download carries what was reported.
  const filled = (await downloadSheet(unit, '2026-08')).worksheets[0];
  assert.equal(rowOf(filled, a.name).getCell(7).value, 125.5);
  assert.equal(rowOf(filled, a.name).getCell(12).value, '已报送');
  // Another unit's sheet does not list these projects.
  const theirs = (await downloadSheet(otherUnit, '2026-08')).worksheets[0];
  assert.throws(() => rowOf(theirs, a.name));
});

const uploadPhoto = (client, p, period, bytes, name = '现场照片.png') => client.request('POST',
  `/api/v1/projects/${p.id}/reports/${period}/photos?filename=${encodeURIComponent(name)}`,
  { body: new Uint8Array(bytes), headers: { 'content-type': 'application/octet-stream' } });

test('photos: jpg/png by content, with a thumbnail, only while the report may change', async () => {
  const p = await project();
  const before = await uploadPhoto(unit, p, '2026-09', png(800, 600));
  assert.equal(before.status, 409, 'a report must be saved first');
  const saved = await unit.put(path(p, '2026-09'), { amount: 40 * WAN, progress_text: '基坑开挖' });
  assert.equal(saved.status, 200, saved.text);
  const added = await uploadPhoto(unit, p, '2026-09', png(800, 600));
  assert.equal(added.status, 201, added.text);
  assert.equal(added.body.file_name, '现场照片.png');
  const full = await unit.get(added.body.url, { raw: true });
  assert.equal(full.headers.get('content-type'), 'image/png');
  assert.equal(Buffer.from(await full.arrayBuffer()).length, added.body.size);
  const thumb = Buffer.from(await (await unit.get(added.body.thumb_url, { raw: true })).arrayBuffer());
  assert.deepEqual([...thumb.subarray(0, 3)], [0xff, 0xd8, 0xff], 'the thumbnail is a JPEG');
  assert.ok(thumb.length < added.body.size);

  // A text file named .jpg is refused by its content.
  const fake = await uploadPhoto(unit, p, '2026-09', Buffer.from('这不是照片'), '伪装.jpg');
  assert.equal(fake.status, 415);
  // Another unit cannot see it.
  assert.equal((await otherUnit.get(added.body.url)).status, 404);
  const report = (await unit.get(path(p, '2026-09'))).body;
  assert.deepEqual(report.photos.map((ph) => ph.id), [added.body.id]);

  // Once submitted, photos are fixed.
  const submitted = await unit.post(path(p, '2026-09', 'submit'), { version: saved.body.report.version });
  assert.equal(submitted.status, 200, submitted.text);
  assert.equal((await uploadPhoto(unit, p, '2026-09', png(10, 10))).status, 409);
  assert.equal((await unit.del(added.body.url)).status, 409);
  assert.deepEqual((await unit.get(path(p, '2026-09'))).body.photos.map((ph) => ph.id), [added.body.id], 'the photo is still there');
});

test('a project marked for weekly reporting appears in the week grids', async () => {
  const p = await project();
  const weekGrid = async () => (await unit.get('/api/v1/reports?period=2026-W40')).body.items.map((r) => r.project.id);
  assert.ok(!(await weekGrid()).includes(p.id), 'monthly by default');
  assert.equal((await unit.put(`/api/v1/projects/${p.id}/reporting`, { weekly: true })).status, 403, 'the bureau decides');
  assert.equal((await staff.put(`/api/v1/projects/${p.id}/reporting`, {})).status, 400);
  const set = await staff.put(`/api/v1/projects/${p.id}/reporting`, { weekly: true });
  assert.equal(set.status, 200, set.text);
  assert.ok((await weekGrid()).includes(p.id));
  // A week counts towards the month of its Thursday: 2026-W40 (Thursday 1 October) is October's.
  const week = await unit.post(path(p, '2026-W40', 'submit'), { amount: 12 * WAN, progress_text: '周进度' });
  assert.equal(week.status, 200, week.text);
  const accepted = await staff.post(path(p, '2026-W40', 'accept'), { version: week.body.report.version });
  assert.equal(accepted.body.figures.period_amount, 12 * WAN);
  const october = (await unit.get(path(p, '2026-10'))).body.figures;
  assert.equal(october.year_to_date, 12 * WAN);
});
