// The project library (项目库) through the API: validation, access by unit, stage events,
// history, search, filters, totals and sub-projects. Amounts are fen (1 万元 = 1,000,000).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, signedIn } from '../lib/server.mjs';

const WAN = 1_000_000;
let server, staff, admin, dict, units;

before(async () => {
  server = await startServer();
  staff = await signedIn(server.url, 'fgw');
  admin = await signedIn(server.url, 'admin');
  dict = (await staff.get('/api/v1/dictionaries')).body;
  units = Object.fromEntries((await staff.get('/api/v1/units')).body.items.map((u) => [u.name, u.id]));
});
after(async () => { await server?.stop(); });

const item = (d, label) => dict[d].find((i) => i.label === label).id;

function sewagePlant(overrides = {}) {
  return {
    name: '南曹再生水厂一期工程',
    code: '2024-410104-46-01-000123',
    level: 'city',
    star: 3,
    category_id: item('category', '基础设施'),
    industry_id: item('industry', '市政公用'),
    nature_id: item('nature', '新建'),
    tag_ids: [item('tag', '专项债'), item('tag', '政府投资')],
    lead_unit_id: units['云河区住房和城乡建设局'],
    owner_unit_id: units['云河水务有限公司'],
    co_unit_ids: [units['南曹街道办事处']],
    contact_name: '周婷',
    contact_phone: '13803710014',
    address: '云河区南曹街道人和路南侧',
    lng: 113.7462,
    lat: 34.6911,
    content: '新建日处理污水10万吨的再生水厂一座及配套管网12公里',
    total_investment: 45000 * WAN,
    funding: [
      { source_id: item('funding_source', '专项债'), amount: 20000 * WAN },
      { source_id: item('funding_source', '地方财政'), amount: 5000 * WAN },
    ],
    planned_start: '2024-03',
    planned_completion: '2026-12',
    stage: 'construction',
    actual_start: '2024-03-18',
    ...overrides,
  };
}

test('a project with every field is created, read back, and starts with its events', async () => {
  const res = await staff.post('/api/v1/projects', sewagePlant());
  assert.equal(res.status, 201, res.text);
  const p = res.body;
  assert.equal(p.stage, 'construction');
  assert.equal(p.actual_start, '2024-03-18');
  assert.equal(p.owner_unit_name, '云河水务有限公司');
  assert.equal(p.lead_unit_name, '云河区住房和城乡建设局');
  assert.equal(p.total_investment, 45000 * WAN);
  assert.equal(p.funding.length, 2);
  assert.equal(p.version, 1);
  const read = await staff.get(`/api/v1/projects/${p.id}`);
  assert.deepEqual(read.body.tag_ids, [...p.tag_ids].sort((a, b) => a - b));
  const events = await staff.get(`/api/v1/projects/${p.id}/events`);
  assert.deepEqual(events.body.items.map((e) => [e.from_stage, e.to_stage, e.event_date]), [[null, 'construction', '2024-03-18']]);
});

test('invalid 项目代码: bad shape, unknown division, duplicate', async () => {
  const shape = await staff.post('/api/v1/projects', sewagePlant({ code: '2024-410104-46-01-00012', name: '代码格式错误项目' }));
  assert.equal(shape.status, 400);
  assert.match(shape.body.error.details.fields.code, /格式/);
  const division = await staff.post('/api/v1/projects', sewagePlant({ code: '2024-419999-46-01-000124', name: '区划错误项目' }));
  assert.equal(division.status, 400);
  assert.match(division.body.error.details.fields.code, /419999/);
  const before = (await staff.get('/api/v1/projects?all=1&page_size=1')).body.total;
  const dup = await staff.post('/api/v1/projects', sewagePlant({ name: '重复代码项目' }));
  assert.equal(dup.status, 400);
  assert.match(dup.body.error.details.fields.code, /已被/);
  assert.equal((await staff.get('/api/v1/projects?all=1&page_size=1')).body.total, before, 'nothing was written');
  for (const name of ['代码格式错误项目', '区划错误项目', '重复代码项目']) {
    assert.equal((await staff.get('/api/v1/projects?q=' + encodeURIComponent(name))).body.total, 0, name);
  }
});

test('funding parts over the total are refused, naming the field', async () => {
  const res = await staff.post('/api/v1/projects', sewagePlant({
    code: '2024-410104-46-01-000200', name: '资金超额项目', total_investment: 1000 * WAN,
    funding: [{ source_id: item('funding_source', '银行贷款'), amount: 800 * WAN }, { source_id: item('funding_source', '企业自筹'), amount: 300 * WAN }],
  }));
  assert.equal(res.status, 400);
  assert.match(res.body.error.details.fields.funding, /超过总投资/);
});

test('other field checks are reported together', async () => {
  const res = await staff.post('/api/v1/projects', {
    name: '', level: 'county', star: 7, lead_unit_id: 999999, category_id: item('tag', 'PPP'), lng: 200, lat: 34,
    planned_start: '2025-13', stage: 'construction',
  });
  assert.equal(res.status, 400);
  const f = res.body.error.details.fields;
  for (const k of ['name', 'level', 'star', 'lead_unit_id', 'category_id', 'lng', 'planned_start']) assert.ok(f[k], k);
});

test('stage changes follow the lifecycle; an illegal one is 409; suspend and resume need a reason', async () => {
  const p = (await staff.post('/api/v1/projects', {
    name: '云河科创园标准化厂房', code: '2025-410104-44-01-000301', lead_unit_id: units['云河经济开发区管理委员会'],
    total_investment: 32000 * WAN, stage: 'reserve', stage_date: '2025-01-05',
  })).body;
  assert.equal(p.stage, 'reserve');
  const skip = await staff.post(`/api/v1/projects/${p.id}/events`, { to_stage: 'construction', date: '2025-04-01' });
  assert.equal(skip.status, 409);
  assert.equal(skip.body.error.code, 'project.illegal_transition');
  assert.equal((await staff.post(`/api/v1/projects/${p.id}/events`, { to_stage: 'preparation', date: '2025-02-10' })).status, 200);
  const started = await staff.post(`/api/v1/projects/${p.id}/events`, { to_stage: 'construction', date: '2025-05-06', reason: '取得施工许可' });
  assert.equal(started.status, 200);
  assert.equal(started.body.actual_start, '2025-05-06');
  const noReason = await staff.post(`/api/v1/projects/${p.id}/events`, { to_stage: 'suspended', date: '2025-08-01' });
  assert.equal(noReason.status, 400);
  assert.ok(noReason.body.error.details.fields.reason);
  const suspended = await staff.post(`/api/v1/projects/${p.id}/events`, { to_stage: 'suspended', date: '2025-08-01', reason: '用地手续调整' });
  assert.equal(suspended.body.stage, 'suspended');
  const wrongResume = await staff.post(`/api/v1/projects/${p.id}/events`, { to_stage: 'completed', date: '2025-09-01', reason: '恢复' });
  assert.equal(wrongResume.status, 409);
  const resumed = await staff.post(`/api/v1/projects/${p.id}/events`, { to_stage: 'construction', date: '2025-09-01', reason: '手续办结复工' });
  assert.equal(resumed.body.stage, 'construction');
  assert.equal(resumed.body.actual_start, '2025-05-06', 'the first start stays the actual start');
  const backdated = await staff.post(`/api/v1/projects/${p.id}/events`, { to_stage: 'completed', date: '2025-06-01' });
  assert.equal(backdated.status, 400);
  const future = await staff.post(`/api/v1/projects/${p.id}/events`, { to_stage: 'completed', date: '2099-01-01' });
  assert.equal(future.status, 400);
  const events = (await staff.get(`/api/v1/projects/${p.id}/events`)).body.items;
  assert.deepEqual(events.map((e) => e.to_stage), ['reserve', 'preparation', 'construction', 'suspended', 'construction']);
  assert.equal(events[3].reason, '用地手续调整');
  assert.equal(events[3].user_name, '王磊');
  // Only the bureau moves stages.
  const unit = await signedIn(server.url, 'kaifaqu');
  assert.equal((await unit.post(`/api/v1/projects/${p.id}/events`, { to_stage: 'completed', date: '2025-10-01' })).status, 403);
});

test('edits keep a history of old → new in words, and a stale version is refused', async () => {
  const p = (await staff.post('/api/v1/projects', {
    name: '紫荆山片区城市更新项目', code: '2025-410104-47-01-000402', lead_unit_id: units['紫荆山街道办事处'],
    total_investment: 12000 * WAN, stage: 'preparation', category_id: item('category', '城市更新'),
  })).body;
  const edited = await staff.put(`/api/v1/projects/${p.id}`, {
    ...p, total_investment: 15000 * WAN, category_id: item('category', '社会民生'), version: p.version,
  });
  assert.equal(edited.status, 200, edited.text);
  assert.equal(edited.body.version, p.version + 1);
  const stale = await staff.put(`/api/v1/projects/${p.id}`, { ...p, name: '改名', version: p.version });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'project.stale');
  const history = (await staff.get(`/api/v1/projects/${p.id}/changes`)).body.items;
  const byField = Object.fromEntries(history.map((c) => [c.field, c]));
  assert.equal(byField.total_investment.old_value, '12,000.00 万元');
  assert.equal(byField.total_investment.new_value, '15,000.00 万元');
  assert.equal(byField.category_id.old_value, '城市更新');
  assert.equal(byField.category_id.new_value, '社会民生');
  assert.equal(byField.total_investment.user_name, '王磊');
  assert.equal(history.length, 2);
});

test('a unit user sees and edits only its own projects, and cannot change level or tags', async () => {
  const mine = (await staff.post('/api/v1/projects', {
    name: '城东路老旧小区改造', code: '2025-410104-47-01-000501', lead_unit_id: units['城东路街道办事处'],
    level: 'district', total_investment: 6800 * WAN, stage: 'preparation', tag_ids: [item('tag', '政府投资')],
  })).body;
  const theirs = (await staff.post('/api/v1/projects', {
    name: '南关街道农贸市场提升', code: '2025-410104-52-01-000502', lead_unit_id: units['南关街道办事处'],
    total_investment: 900 * WAN, stage: 'reserve',
  })).body;
  const unit = await signedIn(server.url, 'chengdong');
  const list = await unit.get('/api/v1/projects?all=1&page_size=100');
  assert.ok(list.body.items.every((p) => p.lead_unit_id === units['城东路街道办事处'] || p.owner_unit_id === units['城东路街道办事处']));
  assert.ok(list.body.items.some((p) => p.id === mine.id));
  const other = await unit.get(`/api/v1/projects/${theirs.id}`);
  // Another unit's project answers as one that does not exist.
  assert.equal(other.status, 404);
  assert.equal(other.body.error.code, 'project.not_found');
  assert.equal((await unit.put(`/api/v1/projects/${theirs.id}`, { ...theirs, version: theirs.version })).status, 404);

  const contact = await unit.put(`/api/v1/projects/${mine.id}`, { ...mine, contact_name: '赵敏', contact_phone: '13803710011', version: mine.version });
  assert.equal(contact.status, 200, contact.text);
  const level = await unit.put(`/api/v1/projects/${mine.id}`, { ...contact.body, level: 'city', version: contact.body.version });
  assert.equal(level.status, 403);
  assert.ok(level.body.error.details.fields.level);
  const tags = await unit.put(`/api/v1/projects/${mine.id}`, { ...contact.body, tag_ids: [], version: contact.body.version });
  assert.equal(tags.status, 403);
  const away = await unit.put(`/api/v1/projects/${mine.id}`, { ...contact.body, lead_unit_id: units['南关街道办事处'], version: contact.body.version });
  assert.equal(away.status, 403);
  assert.equal((await staff.get(`/api/v1/projects/${mine.id}`)).body.level, 'district');
  // A leader reads everything and edits nothing; an expert does not see the library.
  const leader = await signedIn(server.url, 'quzhang');
  assert.equal((await leader.get(`/api/v1/projects/${theirs.id}`)).status, 200);
  assert.equal((await leader.put(`/api/v1/projects/${theirs.id}`, { ...theirs, version: theirs.version })).status, 403);
  const expert = await signedIn(server.url, 'zhuanjia');
  assert.equal((await expert.get('/api/v1/projects')).status, 403);
});

test('search in Chinese by two characters, by code and by owner; filters, totals and sort', async () => {
  const two = await staff.get('/api/v1/projects?q=' + encodeURIComponent('再生') + '&page_size=100');
  assert.ok(two.body.items.some((p) => p.name === '南曹再生水厂一期工程'));
  assert.ok(two.body.items.every((p) => `${p.name}${p.content}${p.owner_unit_name}`.includes('再生')));
  const longer = await staff.get('/api/v1/projects?q=' + encodeURIComponent('再生水厂'));
  assert.equal(longer.body.total, 1);
  // The demo district's projects are found the same way.
  const plants = await staff.get('/api/v1/projects?q=' + encodeURIComponent('污水处理厂') + '&page_size=100');
  assert.ok(plants.body.total >= 1);
  assert.ok(plants.body.items.every((p) => p.name.includes('污水处理厂') || (p.content || '').includes('污水处理厂')));
  const byCode = await staff.get('/api/v1/projects?q=000123');
  assert.equal(byCode.body.items[0].code, '2024-410104-46-01-000123');
  const byOwner = await staff.get('/api/v1/projects?q=' + encodeURIComponent('云河水务'));
  assert.ok(byOwner.body.items.some((p) => p.name === '南曹再生水厂一期工程'));
  assert.ok(byOwner.body.items.every((p) => p.owner_unit_name === '云河水务有限公司' || p.name.includes('云河水务')));
  // Renaming the 建设单位 keeps its projects findable by the new name.
  const owner = (await admin.get(`/api/v1/units/${units['云河水务有限公司']}`)).body;
  const renamed = await admin.put(`/api/v1/units/${owner.id}`, { ...owner, name: '云河水务集团有限公司' });
  assert.equal(renamed.status, 200);
  const byNewName = await staff.get('/api/v1/projects?q=' + encodeURIComponent('水务集团'));
  assert.ok(byNewName.body.items.some((p) => p.name === '南曹再生水厂一期工程'));
  await admin.put(`/api/v1/units/${owner.id}`, owner);
  const nothing = await staff.get('/api/v1/projects?q=' + encodeURIComponent('不存在的项目名'));
  assert.equal(nothing.body.total, 0);

  const cityOrProvince = await staff.get('/api/v1/projects?level=city,province&page_size=100');
  assert.ok(cityOrProvince.body.items.length >= 1);
  assert.ok(cityOrProvince.body.items.every((p) => p.level === 'city' || p.level === 'province'));

  const all = await staff.get('/api/v1/projects?page_size=500&sort=-total_investment');
  assert.equal(all.body.items.length, all.body.total, 'one page holds the whole library');
  const sum = all.body.items.reduce((s, p) => s + p.total_investment, 0);
  assert.equal(all.body.totals.total_investment, sum);
  // The demo keeps the proportions of the 2022 plan: 17 省重点, 23 市重点, 251 区重点.
  const province = await staff.get('/api/v1/projects?level=province&page_size=1');
  assert.ok(province.body.total >= 17);
  const city = await staff.get('/api/v1/projects?level=city&page_size=1');
  assert.ok(city.body.total >= 23);
  const district = await staff.get('/api/v1/projects?level=district&page_size=1');
  assert.ok(district.body.total >= 251);
  const amounts = all.body.items.map((p) => p.total_investment);
  assert.deepEqual(amounts, [...amounts].sort((a, b) => b - a));

  // A unit filter takes projects where the unit leads, owns or co-operates.
  const nancaoId = units['南曹街道办事处'];
  const nancaoAll = await staff.get(`/api/v1/projects?unit_id=${nancaoId}&page_size=500`);
  assert.ok(nancaoAll.body.items.some((p) => p.name === '南曹再生水厂一期工程'));
  assert.ok(nancaoAll.body.total > 0 && nancaoAll.body.total < all.body.total, 'the unit filter narrows the list');
  assert.ok(nancaoAll.body.items.every((p) =>
    p.lead_unit_id === nancaoId || p.owner_unit_id === nancaoId || p.co_unit_ids.includes(nancaoId)));
  const bondTag = item('tag', '专项债');
  const tagged = await staff.get(`/api/v1/projects?tag_id=${bondTag}&page_size=500`);
  assert.ok(tagged.body.items.some((p) => p.name === '南曹再生水厂一期工程'));
  assert.ok(tagged.body.total < all.body.total, 'the tag filter narrows the list');
  assert.ok(tagged.body.items.every((p) => p.tag_ids.includes(bondTag)));
  const badSort = await staff.get('/api/v1/projects?sort=password');
  assert.equal(badSort.status, 400);
  const badLevel = await staff.get('/api/v1/projects?level=county');
  assert.equal(badLevel.status, 400);
});

test('sub-projects: a parent shows the sum of all its descendants beside its own figures', async () => {
  const parent = (await staff.post('/api/v1/projects', {
    name: '云河区灾后恢复重建道路工程', code: '2022-410104-48-01-000601', lead_unit_id: units['云河区交通运输局'],
    total_investment: 50000 * WAN, stage: 'construction', actual_start: '2022-05-10', tag_ids: [item('tag', '灾后重建')],
  })).body;
  const child = async (name, amount, parentId) => (await staff.post('/api/v1/projects', {
    name, parent_id: parentId, lead_unit_id: units['云河区交通运输局'], total_investment: amount * WAN, stage: 'construction', actual_start: '2022-06-01',
  })).body;
  const a = await child('豫英路(长江东路—冯庄东路)', 18000, parent.id);
  await child('豫豪路道路工程', 21000, parent.id);
  await child('豫英路雨污分流管网', 3500, a.id);
  const top = (await staff.get(`/api/v1/projects?q=${encodeURIComponent('灾后恢复重建道路')}`)).body.items[0];
  assert.equal(top.child_count, 2);
  assert.equal(top.children_total, (18000 + 21000 + 3500) * WAN);
  const children = (await staff.get(`/api/v1/projects?parent_id=${parent.id}`)).body.items;
  assert.equal(children.length, 2);
  assert.equal(children.find((c) => c.id === a.id).children_total, 3500 * WAN);
  // Top-level lists do not repeat children.
  const roots = (await staff.get('/api/v1/projects?page_size=500')).body.items;
  assert.ok(!roots.some((p) => p.parent_id !== null));
  // No cycles.
  const cycle = await staff.put(`/api/v1/projects/${parent.id}`, { ...parent, parent_id: a.id, version: parent.version });
  assert.equal(cycle.status, 400);
  assert.ok(cycle.body.error.details.fields.parent_id);
});

test('dictionaries: admin edits; a value in use cannot be deleted, only disabled', async () => {
  const created = await admin.post('/api/v1/dictionaries/tag', { label: '第四期三个一批', sort_order: 90 });
  assert.equal(created.status, 201);
  const dup = await admin.post('/api/v1/dictionaries/tag', { label: '第四期三个一批' });
  assert.equal(dup.status, 409);
  const used = item('tag', '专项债');
  const inUse = await admin.del(`/api/v1/dictionaries/tag/${used}`);
  assert.equal(inUse.status, 409);
  assert.equal(inUse.body.error.code, 'dictionary.in_use');
  assert.match(inUse.body.error.message, /停用/);
  const disabled = await admin.put(`/api/v1/dictionaries/tag/${used}`, { label: '专项债', enabled: false });
  assert.equal(disabled.body.enabled, false);
  assert.ok(disabled.body.usage >= 1);
  // A disabled value cannot be given to another project, but projects keep it.
  const newUse = await staff.post('/api/v1/projects', { name: '停用标签测试', tag_ids: [used], total_investment: 0 });
  assert.equal(newUse.status, 400);
  assert.ok(newUse.body.error.details.fields.tag_ids);
  const keeper = (await staff.get('/api/v1/projects?q=' + encodeURIComponent('再生水厂'))).body.items[0];
  assert.ok(keeper.tag_ids.includes(used), 'a project keeps its disabled tag');
  const resaved = await staff.put(`/api/v1/projects/${keeper.id}`, { ...keeper, contact_name: '李工', version: keeper.version });
  assert.equal(resaved.status, 200, resaved.text);
  assert.ok(resaved.body.tag_ids.includes(used), 'and may be saved with it unchanged');
  assert.equal((await admin.del(`/api/v1/dictionaries/tag/${created.body.id}`)).status, 204);
  assert.equal((await staff.post('/api/v1/dictionaries/tag', { label: '无权' })).status, 403);
  assert.equal((await staff.get('/api/v1/dictionaries/colour')).status, 404);
});

test('attachments: type checked by content, size limited, stored by hash, downloaded as attachment', async () => {
  const p = (await staff.get('/api/v1/projects?q=' + encodeURIComponent('再生水厂'))).body.items[0];
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('可行性研究报告批复 '.repeat(100))]);
  const name = encodeURIComponent('可研批复(云发改〔2024〕12号).pdf');
  const up = await staff.post(`/api/v1/projects/${p.id}/attachments?filename=${name}`, new Uint8Array(pdf),
    { headers: { 'content-type': 'application/pdf' } });
  assert.equal(up.status, 201, up.text);
  assert.equal(up.body.content_type, 'application/pdf');
  assert.equal(up.body.size, pdf.length);
  assert.equal(up.body.uploaded_by_name, '王磊');
  // Stored once under its SHA-256, however many times and names it is uploaded with.
  const sha = createHash('sha256').update(pdf).digest('hex');
  const blob = join(server.db.dir, 'data', 'blobs', sha.slice(0, 2), sha.slice(2));
  assert.deepEqual(readFileSync(blob), pdf);
  const blobCount = () => readdirSync(join(server.db.dir, 'data', 'blobs'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).length;
  const stored = blobCount();
  const again = await staff.post(`/api/v1/projects/${p.id}/attachments?filename=${encodeURIComponent('可研批复(副本).pdf')}`,
    new Uint8Array(pdf), { headers: { 'content-type': 'application/pdf' } });
  assert.equal(again.status, 201);
  assert.equal(blobCount(), stored, 'the same bytes are not stored twice');
  assert.equal((await staff.del(`/api/v1/attachments/${again.body.id}`)).status, 204);

  const disguised = await staff.post(`/api/v1/projects/${p.id}/attachments?filename=${encodeURIComponent('报告.pdf')}`,
    new Uint8Array(Buffer.from('MZ\x90\x00 this is not a pdf')));
  assert.equal(disguised.status, 415);
  assert.equal(disguised.body.error.code, 'attachment.unsupported_type');
  const big = await staff.post(`/api/v1/projects/${p.id}/attachments?filename=big.pdf`,
    new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(21 * 1024 * 1024)])));
  assert.equal(big.status, 413);
  const traversal = await staff.post(`/api/v1/projects/${p.id}/attachments?filename=${encodeURIComponent('../../etc/现场照片.jpg')}`,
    new Uint8Array(Buffer.from('\xFF\xD8\xFF\xE0jpegdata', 'latin1')));
  assert.equal(traversal.status, 201);
  assert.equal(traversal.body.file_name, '现场照片.jpg');

  const list = await staff.get(`/api/v1/projects/${p.id}/attachments`);
  assert.equal(list.body.total, 2);
  const dl = await staff.get(`/api/v1/attachments/${up.body.id}`, { raw: true });
  assert.equal(dl.status, 200);
  assert.match(dl.headers.get('content-disposition'), /^attachment; filename\*=UTF-8''/);
  assert.deepEqual(Buffer.from(await dl.arrayBuffer()), pdf);

  // Another unit's reporter can neither read nor delete it.
  const unit = await signedIn(server.url, 'nanguan');
  assert.equal((await unit.get(`/api/v1/attachments/${up.body.id}`)).status, 404);
  assert.equal((await unit.del(`/api/v1/attachments/${up.body.id}`)).status, 404);
  assert.equal((await staff.del(`/api/v1/attachments/${traversal.body.id}`)).status, 204);
  assert.equal((await staff.get(`/api/v1/projects/${p.id}/attachments`)).body.total, 1);
});

test('saved filters belong to their user', async () => {
  const saved = await staff.post('/api/v1/saved-filters', { scope: 'projects', name: '市重点在建', query: 'level=city&stage=construction' });
  assert.equal(saved.status, 201);
  const again = await staff.post('/api/v1/saved-filters', { scope: 'projects', name: '市重点在建', query: 'level=city' });
  assert.equal(again.status, 201);
  const mine = (await staff.get('/api/v1/saved-filters?scope=projects')).body.items;
  assert.deepEqual(mine.map((f) => [f.name, f.query]), [['市重点在建', 'level=city']]);
  const other = await signedIn(server.url, 'fgw2');
  assert.equal((await other.get('/api/v1/saved-filters?scope=projects')).body.total, 0);
  assert.equal((await other.del(`/api/v1/saved-filters/${again.body.id}`)).status, 404);
  assert.equal((await staff.del(`/api/v1/saved-filters/${again.body.id}`)).status, 204);
});
