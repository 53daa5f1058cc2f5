// Supervision (督办) through the API, on SQLite and PostgreSQL: who sees and does what (lead,
// co-unit, another unit, a leader), illegal transitions, the 2026 National Day calendar with
// its working Saturday for deadlines in working days and for the daily reminders, one digest
// per user and day, gap-free numbering under 20 concurrent creations, items raised from a
// report problem and from a meeting decision, attachments, extensions and the per-unit figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { startServer, signedIn, createAccount, DEMO_PASSWORD } from '../lib/server.mjs';

let server, staff, admin, chengdong, nanguan, kaifaqu, leader;
const unit = {};

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
  admin = await signedIn(server.url, 'admin');
  chengdong = await signedIn(server.url, 'chengdong');
  nanguan = await signedIn(server.url, 'nanguan');
  kaifaqu = await signedIn(server.url, 'kaifaqu');
  leader = await signedIn(server.url, 'quzhang');
  const units = (await staff.get('/api/v1/units')).body.items;
  for (const u of units) unit[u.name] = u.id;
});
after(async () => { await server?.stop(); });

const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const daysBetween = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86400000);

async function issue(body) {
  const res = await staff.post('/api/v1/supervision-items', {
    title: '云河大道快速化改造项目用地指标未落实', category: '用地', source: 'other',
    lead_unit_id: unit['城东路街道办事处'], co_unit_ids: [unit['南关街道办事处']],
    deadline: '2027-03-31', priority: 'urgent', ...body,
  });
  assert.equal(res.status, 201, res.text);
  return res.body;
}

const act = (client, id, body) => client.post(`/api/v1/supervision-items/${id}/actions`, body);

test('a unit sees only its own items; co-units post updates but neither sign nor close; illegal steps are 409', async () => {
  const item = await issue({ description: '需自然资源和规划分局协调用地指标' });
  assert.match(item.number, /^\d{4}-\d{3}$/);
  assert.equal(item.status, 'pending_receipt');
  assert.deepEqual(item.allowed_actions, ['urge', 'cancel']);

  // Another unit: not in its list, not readable, not actionable.
  const others = await kaifaqu.get('/api/v1/supervision-items?page_size=100');
  assert.equal(others.status, 200);
  assert.ok(!others.body.items.some((i) => i.id === item.id));
  assert.equal((await kaifaqu.get(`/api/v1/supervision-items/${item.id}`)).status, 404);
  assert.equal((await act(kaifaqu, item.id, { action: 'update', note: '我单位代为推进' })).status, 404);

  // The lead unit sees it as lead; the co-unit as co.
  const lead = await chengdong.get(`/api/v1/supervision-items/${item.id}`);
  assert.equal(lead.body.my_role, 'lead');
  assert.deepEqual(lead.body.allowed_actions, ['sign']);
  const co = await nanguan.get(`/api/v1/supervision-items/${item.id}`);
  assert.equal(co.body.my_role, 'co');
  assert.deepEqual(co.body.allowed_actions, []);
  assert.ok((await nanguan.get('/api/v1/supervision-items?page_size=100')).body.items.some((i) => i.id === item.id));

  // Before receipt nothing but signing; the co-unit may not sign; staff may not sign for the unit.
  let res = await act(chengdong, item.id, { action: 'report_done', note: '已完成' });
  assert.equal(res.status, 409, res.text);
  assert.equal(res.body.error.code, 'supervision.transition');
  assert.equal((await act(nanguan, item.id, { action: 'sign' })).status, 403);
  assert.equal((await act(staff, item.id, { action: 'sign' })).status, 403);
  assert.equal((await act(staff, item.id, { action: 'verify' })).status, 409);
  assert.equal((await act(staff, item.id, { action: 'grant_extension' })).status, 409);
  res = await act(chengdong, item.id, { action: 'sign', note: '已签收,专人负责' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.status, 'in_progress');
  assert.equal((await act(chengdong, item.id, { action: 'sign' })).status, 409);

  // The co-unit posts progress; it cannot report done or verify.
  res = await act(nanguan, item.id, { action: 'update', note: '南关街道已配合完成地上附着物清点' });
  assert.equal(res.status, 200, res.text);
  assert.equal((await act(nanguan, item.id, { action: 'report_done', note: '已办结' })).status, 403);
  assert.equal((await act(chengdong, item.id, { action: 'update' })).status, 400);  // a note is required

  // A leader reads but does nothing.
  assert.equal((await leader.get(`/api/v1/supervision-items/${item.id}`)).body.my_role, 'viewer');
  assert.equal((await act(leader, item.id, { action: 'update', note: '请加快' })).status, 403);

  // Done, verified; then nothing more.
  assert.equal((await act(chengdong, item.id, { action: 'report_done', note: '用地指标已落实' })).status, 200);
  assert.equal((await act(chengdong, item.id, { action: 'report_done', note: '再报一次' })).status, 409);
  res = await act(staff, item.id, { action: 'verify', note: '经核实已落实' });
  assert.equal(res.body.status, 'done');
  assert.equal(res.body.closed_on_time, true);
  assert.equal((await act(staff, item.id, { action: 'cancel', note: '撤销' })).status, 409);
  assert.equal((await act(nanguan, item.id, { action: 'update', note: '补充' })).status, 409);
  assert.deepEqual(res.body.actions.map((a) => a.action), ['create', 'sign', 'update', 'report_done', 'verify']);
  const bureau = '云河区发展和改革委员会';  // fgw's unit
  assert.deepEqual(res.body.actions.map((a) => a.unit_name), [bureau, '城东路街道办事处', '南关街道办事处', '城东路街道办事处', bureau]);
});

test('extensions, returns and attachments: the deadline moves only when granted; files belong to their item', async () => {
  const item = await issue({ deadline: '2027-01-15' });
  await act(chengdong, item.id, { action: 'sign' });
  let res = await act(chengdong, item.id, { action: 'request_extension', note: '需市级审批', requested_deadline: '2027-01-10' });
  assert.equal(res.status, 400, res.text);
  assert.ok(res.body.error.details.fields.requested_deadline);
  res = await act(chengdong, item.id, { action: 'request_extension', note: '需市级审批', requested_deadline: '2027-02-28' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.body.deadline, '2027-01-15');
  assert.equal(res.body.extension_pending, true);
  assert.equal((await act(chengdong, item.id, { action: 'request_extension', note: '再延', requested_deadline: '2027-03-31' })).status, 409);
  assert.equal((await act(nanguan, item.id, { action: 'request_extension', note: '配合单位申请', requested_deadline: '2027-03-31' })).status, 403);
  assert.equal((await act(staff, item.id, { action: 'refuse_extension' })).status, 400);  // a reason is required
  res = await act(staff, item.id, { action: 'grant_extension', note: '同意延期至2月底' });
  assert.equal(res.body.deadline, '2027-02-28');
  assert.equal(res.body.original_deadline, '2027-01-15');
  assert.equal(res.body.extensions[0].state, 'granted');

  // An attachment posted with an update; another item's file is refused.
  const up = await chengdong.post(`/api/v1/supervision-items/${item.id}/attachments?filename=${encodeURIComponent('用地预审意见.pdf')}`, PDF);
  assert.equal(up.status, 201, up.text);
  const other = await issue({});
  const foreign = await staff.post(`/api/v1/supervision-items/${other.id}/attachments?filename=x.pdf`, PDF);
  assert.equal(foreign.status, 201);
  res = await act(chengdong, item.id, { action: 'update', note: '已取得用地预审意见', attachment_ids: [foreign.body.id] });
  assert.equal(res.status, 400, res.text);
  assert.equal((await chengdong.get(`/api/v1/supervision-items/${item.id}`)).body.actions.length, 4);  // nothing half-written
  res = await act(chengdong, item.id, { action: 'update', note: '已取得用地预审意见', attachment_ids: [up.body.id] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.actions.at(-1).attachments.map((a) => a.file_name), ['用地预审意见.pdf']);
  const file = await nanguan.get(`/api/v1/supervision-attachments/${up.body.id}`, { raw: true });
  assert.equal(file.status, 200);
  assert.equal(Buffer.from(await file.arrayBuffer()).toString('latin1').slice(0, 5), '%PDF-');
  assert.equal((await kaifaqu.get(`/api/v1/supervision-attachments/${up.body.id}`)).status, 404);
  const exe = await chengdong.post(`/api/v1/supervision-items/${item.id}/attachments?filename=a.pdf`, Buffer.from('MZ\x90\x00binary'));
  assert.equal(exe.status, 415);

  // Reported done, returned with a reason, reported done again, closed.
  await act(chengdong, item.id, { action: 'report_done', note: '用地指标已落实' });
  assert.equal((await act(staff, item.id, { action: 'return' })).status, 400);
  res = await act(staff, item.id, { action: 'return', note: '缺少不动产权证书' });
  assert.equal(res.body.status, 'returned');
  assert.deepEqual(res.body.allowed_actions, ['urge', 'cancel']);
  res = await act(chengdong, item.id, { action: 'report_done', note: '已补充不动产权证书' });
  assert.equal(res.body.status, 'awaiting_verification');
  res = await act(staff, item.id, { action: 'verify' });
  assert.equal(res.body.status, 'done');
  assert.deepEqual(res.body.actions.map((a) => a.action_label),
    ['下发', '签收', '申请延期', '同意延期', '报送进展', '报办结', '退回', '报办结', '核验办结']);
});

test('validation names the field', async () => {
  let res = await staff.post('/api/v1/supervision-items', { title: ' ', category: '不存在的类别', lead_unit_id: unit['城东路街道办事处'],
    deadline: '2027-01-01', working_days: 5, priority: 'high' });
  assert.equal(res.status, 400);
  for (const f of ['title', 'category', 'deadline', 'priority']) assert.ok(res.body.error.details.fields[f], f);
  res = await staff.post('/api/v1/supervision-items', { title: '征迁', category: '拆迁', lead_unit_id: unit['城东路街道办事处'],
    co_unit_ids: [unit['城东路街道办事处']], issued_on: '2099-01-01', deadline: '2098-01-01' });
  assert.equal(res.status, 400);
  for (const f of ['co_unit_ids', 'issued_on']) assert.ok(res.body.error.details.fields[f], f);
  res = await chengdong.post('/api/v1/supervision-items', { title: '征迁', category: '拆迁', lead_unit_id: unit['城东路街道办事处'], deadline: '2027-01-01' });
  assert.equal(res.status, 403);
});

test('working-day deadlines and reminders across the National Day holiday with its working Saturday', async () => {
  const put = await admin.put('/api/v1/work-calendar/2026', { items: [
    ...[1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: `2026-10-0${d}`, kind: 'holiday', name: '国庆节' })),
    { day: '2026-09-20', kind: 'workday', name: '国庆节调休上班' },
    { day: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
  ] });
  assert.equal(put.status, 200, put.text);
  const bad = await admin.put('/api/v1/work-calendar/2026', { items: [{ day: '2027-01-01', kind: 'holiday', name: '元旦' }, { day: '2026-10-01', kind: 'rest' }] });
  assert.equal(bad.status, 400);
  assert.ok(bad.body.error.details.fields['items[0].day']);
  assert.ok(bad.body.error.details.fields['items[1].kind']);
  assert.equal((await admin.get('/api/v1/work-calendar?year=2026')).body.items.length, 9);  // the bad one wrote nothing
  assert.equal((await staff.put('/api/v1/work-calendar/2026', { items: [] })).status, 403);
  assert.equal((await staff.get('/api/v1/work-calendar/add-working-days?from=2026-09-30&days=3')).body.date, '2026-10-10');

  // A street of its own, with one reporter, so that its digests hold only these items.
  const street = await admin.post('/api/v1/units', { name: '龙湖街道办事处', kind: 'street' });
  assert.equal(street.status, 201, street.text);
  const { client: longhu } = await createAccount(admin, server.url, { username: 'longhu', display_name: '龙湖街道填报员', role: 'unit', unit_id: street.body.id, password: DEMO_PASSWORD });
  // Issued on Wednesday 09-30 with 3 working days: 10-08, 10-09 and Saturday 10-10.
  const a = await issue({ title: '龙湖片区安置房手续办理', category: '手续', lead_unit_id: street.body.id, co_unit_ids: [], issued_on: '2026-09-30', working_days: 3, deadline: undefined });
  assert.equal(a.deadline, '2026-10-10');
  assert.equal(a.working_days, 3);
  const b = await issue({ title: '龙湖片区雨污分流配套', category: '配套', lead_unit_id: street.body.id, co_unit_ids: [], issued_on: '2026-09-30', deadline: '2026-10-12' });

  // Both are past their deadline now.
  const listed = await longhu.get('/api/v1/supervision-items?overdue=1');
  assert.deepEqual(listed.body.items.map((i) => i.id), [a.id, b.id]);
  assert.equal(listed.body.items[0].overdue_days, daysBetween('2026-10-10', today()));
  assert.equal(listed.body.summary.overdue, 2);

  const dry = async (date) => {
    const res = await admin.post('/api/v1/supervision-reminders/run', { date, dry_run: true });
    assert.equal(res.status, 200, res.text);
    return res.body.digests.find((d) => d.username === 'longhu') || null;
  };
  const counts = (d) => d && [d.overdue, d.due_today, d.due_soon];
  // 09-28: four working days to 10-10 (09-29, 09-30, 10-08, 10-09, …): nothing yet; no empty digest.
  assert.equal(await dry('2026-09-28'), null);
  // 09-30: ten calendar days but three working days left for a; b has four (…10-10, 10-12).
  assert.deepEqual(counts(await dry('2026-09-30')), [0, 0, 1]);
  // 10-07, still in the holiday: a has 3 left, b 4.
  assert.deepEqual(counts(await dry('2026-10-07')), [0, 0, 1]);
  // 10-08: b's three are 10-09, 10-10 (the working Saturday) and 10-12.
  assert.deepEqual(counts(await dry('2026-10-08')), [0, 0, 2]);
  assert.deepEqual(counts(await dry('2026-10-10')), [0, 1, 1]);
  assert.deepEqual(counts(await dry('2026-10-11')), [1, 0, 1]);
  assert.deepEqual(counts(await dry('2026-10-13')), [2, 0, 0]);
  // The issuer hears of the overdue ones.
  const issuer = (await admin.post('/api/v1/supervision-reminders/run', { date: '2026-10-13', dry_run: true })).body.digests.find((d) => d.username === 'fgw');
  assert.ok(issuer && issuer.overdue >= 2, JSON.stringify(issuer));

  // A real run writes one message per user and day, even when run twice.
  const before = (await longhu.get('/api/v1/notifications')).body;
  const first = await admin.post('/api/v1/supervision-reminders/run', { date: '2026-10-11' });
  assert.equal(first.status, 200, first.text);
  assert.ok(first.body.sent >= 1);
  const again = await admin.post('/api/v1/supervision-reminders/run', { date: '2026-10-11' });
  assert.equal(again.body.sent, 0);
  const after = (await longhu.get('/api/v1/notifications')).body;
  const digests = after.items.filter((n) => n.kind === 'supervision_digest');
  assert.equal(digests.length, before.items.filter((n) => n.kind === 'supervision_digest').length + 1);
  assert.equal(digests[0].title, '督办提醒:逾期1项、3个工作日内到期1项');
  assert.match(digests[0].body, /【逾期1天】〔\d{4}-\d{3}〕龙湖片区安置房手续办理 时限2026-10-10/);
  assert.equal((await longhu.post('/api/v1/supervision-reminders/run', {})).status, 403);
});

test('numbers have no gaps or duplicates under 20 concurrent creations', async () => {
  const year = today().slice(0, 4);
  const made = await Promise.all(Array.from({ length: 20 }, (_, i) => staff.post('/api/v1/supervision-items', {
    title: `并发下发事项${i + 1}`, category: '其他', source: 'other', lead_unit_id: unit['城东路街道办事处'], deadline: '2027-06-30',
  })));
  for (const r of made) assert.equal(r.status, 201, r.text);
  const numbers = made.map((r) => Number(r.body.number.split('-')[1])).sort((x, y) => x - y);
  assert.equal(new Set(numbers).size, 20);
  assert.equal(numbers[19] - numbers[0], 19);
  // And nothing numbered before them is skipped: every number of the year up to the last is used.
  const all = await staff.get(`/api/v1/supervision-items?page_size=500&year=${year}`);
  const used = all.body.items.map((i) => i.number).filter((n) => n.startsWith(year)).map((n) => Number(n.split('-')[1])).sort((x, y) => x - y);
  assert.deepEqual(used, Array.from({ length: used.length }, (_, i) => i + 1));
});

test('a report problem and a meeting decision become items, linked both ways; figures per unit', async () => {
  const projects = await chengdong.get('/api/v1/projects?page_size=5');
  const project = projects.body.items[0];
  const period = today().slice(0, 7);
  const current = await chengdong.get(`/api/v1/projects/${project.id}/reports/${period}`);
  assert.equal(current.status, 200, current.text);
  const saved = await staff.put(`/api/v1/projects/${project.id}/reports/${period}`, { amount: 0, progress_text: '征迁扫尾',
    problems: '剩余3户征迁未完成,影响主体施工', version: current.body.report?.version });
  assert.equal(saved.status, 200, saved.text);
  let res = await staff.post('/api/v1/supervision-items', { title: '剩余3户征迁', category: '拆迁', source: 'report', report_id: saved.body.report.id,
    lead_unit_id: unit['城东路街道办事处'], deadline: '2027-01-31', description: '剩余3户征迁未完成,影响主体施工' });
  assert.equal(res.status, 201, res.text);
  assert.deepEqual(res.body.projects.map((p) => p.id), [project.id]);
  assert.equal(res.body.report.problems, '剩余3户征迁未完成,影响主体施工');
  const report = await chengdong.get(`/api/v1/projects/${project.id}/reports/${period}`);
  assert.deepEqual(report.body.supervision_items.map((i) => i.id), [res.body.id]);
  assert.equal((await chengdong.get(`/api/v1/supervision-items?project_id=${project.id}`)).body.items[0].id, res.body.id);
  assert.equal((await staff.post('/api/v1/supervision-items', { title: 'x', category: '拆迁', source: 'other', report_id: saved.body.report.id, lead_unit_id: unit['城东路街道办事处'], deadline: '2027-01-31' })).status, 400);

  const meeting = await staff.post('/api/v1/meetings', { title: '全区重点项目建设推进会(第11次)', kind: '推进会', held_on: '2026-11-20', host: '常务副区长',
    attendees: '区发改委、区自然资源和规划分局、各街道办事处', minutes: '会议听取了重点项目进展情况汇报。',
    decisions: [{ content: '城东路街道12月底前完成云河大道沿线征迁', lead_unit_id: unit['城东路街道办事处'], deadline: '2026-12-31' }, { content: '自然资源和规划分局加快组卷报批' }] });
  assert.equal(meeting.status, 201, meeting.text);
  const decision = meeting.body.decisions[0];
  res = await staff.post('/api/v1/supervision-items', { title: decision.content, category: '拆迁', source: 'meeting', meeting_decision_id: decision.id,
    lead_unit_id: decision.lead_unit.id, deadline: decision.deadline });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.body.meeting.title, '全区重点项目建设推进会(第11次)');
  const read = await staff.get(`/api/v1/meetings/${meeting.body.id}`);
  assert.deepEqual(read.body.decisions[0].items.map((i) => i.id), [res.body.id]);
  assert.equal(read.body.item_count, 1);
  const removal = await staff.put(`/api/v1/meetings/${meeting.body.id}`, { ...read.body, decisions: [read.body.decisions[1]] });
  assert.equal(removal.status, 409, removal.text);
  const badRow = await staff.post('/api/v1/meetings', { title: '周例会', kind: '周例会', held_on: '2026-11-27', decisions: [{ content: '' }] });
  assert.equal(badRow.status, 400);
  assert.ok(badRow.body.error.details.fields['decisions[0].content']);

  const stats = await staff.get('/api/v1/supervision-stats');
  const row = stats.body.items.find((r) => r.unit_name === '城东路街道办事处');
  assert.ok(row.issued >= 25 && row.done >= 2 && row.done_on_time >= 2, JSON.stringify(row));
  assert.equal(row.issued, row.done + row.open);
  const own = await chengdong.get('/api/v1/supervision-stats');
  assert.deepEqual(own.body.items.map((r) => r.unit_name), ['城东路街道办事处']);
});

async function taskSheet(rows) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('要点任务');
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = '2026年打造一流营商环境工作要点任务分解表';
  ws.getRow(2).values = ['序号', '方面', '任务内容', '牵头单位', '配合单位', '完成时限', '类别', '备注'];
  rows.forEach((r, i) => { ws.getRow(3 + i).values = r; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a task ledger is imported from .xlsx: every row checked first, then all tasks in one transaction', async () => {
  const ledger = await staff.post('/api/v1/task-ledgers', { name: '2026年优化营商环境要点任务', year: 2026, issuing_office: '区优化营商环境办公室' });
  assert.equal(ledger.status, 201, ledger.text);
  const template = await staff.get('/api/v1/imports/task-ledgers/template', { raw: true });
  assert.equal(template.status, 200);
  const upload = (bytes) => staff.post(`/api/v1/task-ledgers/${ledger.body.id}/import?filename=tasks.xlsx`, bytes);

  const bad = await upload(await taskSheet([
    [1, '企业开办', '企业开办时间压缩至1个工作日', '区发展和改革委员会', '区商务局', '2026-06-30', '其他', ''],
    [2, '企业开办', '新开办企业免费刻制公章', '区不存在局', '', '2026-06-30', '其他', ''],
    [3, '不动产登记', '', '云河区自然资源和规划分局', '', '2026年13月', '其他', ''],
  ]));
  assert.equal(bad.status, 200, bad.text);
  assert.deepEqual([bad.body.valid, bad.body.invalid], [1, 2]);
  assert.ok(bad.body.rows[1].errors.lead_unit, JSON.stringify(bad.body.rows[1]));
  assert.ok(bad.body.rows[2].errors.title);
  const refused = await staff.post(`/api/v1/task-ledgers/${ledger.body.id}/import/${bad.body.import_id}/commit`, {});
  assert.equal(refused.status, 409, refused.text);
  assert.equal((await staff.get(`/api/v1/supervision-items?kind=task&task_ledger_id=${ledger.body.id}`)).body.total, 0);

  const good = await upload(await taskSheet([
    [1, '企业开办', '企业开办全流程一网通办', '区发展和改革委员会', '区商务局、区财政局', '2026-06-30', '其他', '每月报送进展'],
    [2, '工程建设项目审批', '工程项目审批时限压缩至70个工作日内', '区住房和城乡建设局', '', '2026年9月底', '手续', ''],
    [3, '不动产登记', '推行交房即颁证', '区自然资源和规划局', '', '长期坚持', '其他', ''],
  ]));
  assert.deepEqual([good.body.valid, good.body.invalid], [3, 0], JSON.stringify(good.body.rows));
  const committed = await staff.post(`/api/v1/task-ledgers/${ledger.body.id}/import/${good.body.import_id}/commit`, {});
  assert.equal(committed.status, 200, committed.text);
  assert.equal(committed.body.created, 3);
  const tasks = (await staff.get(`/api/v1/supervision-items?kind=task&task_ledger_id=${ledger.body.id}&sort=number`)).body.items;
  assert.deepEqual(tasks.map((t) => [t.task_seq, t.area, t.lead_unit.name, t.deadline]), [
    [1, '企业开办', '云河区发展和改革委员会', '2026-06-30'],
    [2, '工程建设项目审批', '云河区住房和城乡建设局', '2026-09-30'],
    [3, '不动产登记', '云河区自然资源和规划分局', '2026-12-31'],
  ]);
  assert.deepEqual(tasks[0].co_units.map((u) => u.name), ['云河区财政局', '云河区商务局']);  // in the units' order
  assert.equal(tasks[0].number, null);
  // The same preview is not committed twice; the ledger counts its tasks.
  assert.equal((await staff.post(`/api/v1/task-ledgers/${ledger.body.id}/import/${good.body.import_id}/commit`, {})).status, 404);
  const read = await staff.get(`/api/v1/task-ledgers/${ledger.body.id}`);
  assert.equal(read.body.task_count, 3);
  // The lead unit's reporter sees its task and follows the same lifecycle.
  const zhujian = await signedIn(server.url, 'zhujian');
  const mine = await zhujian.get(`/api/v1/supervision-items?kind=task&task_ledger_id=${ledger.body.id}`);
  assert.deepEqual(mine.body.items.map((t) => t.task_seq), [2]);
  assert.equal((await act(zhujian, tasks[1].id, { action: 'sign' })).body.status, 'in_progress');
});

test('the circulation sheet prints as a PDF with the item and its journal; the list exports as .xlsx', async () => {
  const item = await issue({ title: '南关片区雨污分流改造征迁协调', category: '拆迁', description: '沿线商户临时占道需协调' });
  await act(chengdong, item.id, { action: 'sign', note: '已签收,王主任负责' });
  const pdf = await chengdong.get(`/api/v1/supervision-items/${item.id}/sheet.pdf`, { raw: true });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await pdf.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const dir = mkdtempSync(join(tmpdir(), 'sheet-'));
  writeFileSync(join(dir, 's.pdf'), bytes);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 's.pdf'), '-'], { encoding: 'utf8' });
  for (const words of ['重点项目督办流转单', item.number, '南关片区雨污分流改造征迁协调', '城东路街道办事处', '已签收,王主任负责']) {
    assert.ok(text.includes(words), `${words} not in the sheet:\n${text}`);
  }
  assert.equal((await kaifaqu.get(`/api/v1/supervision-items/${item.id}/sheet.pdf`)).status, 404);

  const xlsx = await staff.get('/api/v1/exports/supervision-items?status=in_progress', { raw: true });
  assert.equal(xlsx.status, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()));
  const ws = wb.worksheets[0];
  const cells = [];
  ws.eachRow((row) => cells.push(row.values.slice(1).map((v) => (v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : v))));
  const header = cells.findIndex((r) => r[0] === '序号' && r[1] === '编号');
  assert.ok(header >= 0, JSON.stringify(cells.slice(0, 4)));
  const row = cells.slice(header + 1).find((r) => r[1] === item.number);
  assert.ok(row, 'the item is in the export');
  assert.equal(row[2], '南关片区雨污分流改造征迁协调');
  assert.equal(row[11], '办理中');
  assert.ok(cells.slice(header + 1).every((r) => r[11] === '办理中'), 'only the filtered status');
});
