// The authorization matrix, on SQLite and PostgreSQL: the route table as `tuijin routes --json`
// prints it (src/api/api.cc, kRoutes) is walked route × role × own/other unit against a demo
// server of its own, and every answer is checked against the table:
//   - a role not in the route's set: 403 auth.forbidden (no session: 401 auth.required);
//   - a role in the set: neither 401 nor 403 (a 2xx, a validation error or a 404 for a made-up
//     id all mean the gate let it through);
//   - a route scoped to the unit (scope "own_unit") called with real ids: the unit user
//     (chengdong, 城东路街道办事处) gets 404 for another unit's resource and neither 403 nor 404
//     for its own; every other role in the set reaches both.
// Every path parameter is filled from FIXTURES below, keyed by the route's pattern: a route
// with parameters and no entry fails the test, and so does an "own_unit" route without its own
// and other unit's values. Bodies are empty ({} or no bytes): writes may succeed. The roles
// walk from the least to the most privileged, each with its DELETEs last and signing out
// (DELETE /session) at the very end; a DELETE that would destroy shared demo data is sent a
// made-up id (the gate stands before the handler: a 404 there is the gate's "allowed"), and
// one on a unit's resource gets a resource made for that one call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli, Client, signedIn } from '../lib/server.mjs';
import { png } from '../lib/images.mjs';

const ROLES = [
  ['anonymous', null], ['expert', 'zhuanjia'], ['leader', 'quzhang'], ['unit', 'chengdong'],
  ['staff', 'fgw'], ['admin', 'admin'],
];
const NONE = 987654321; // an id no demo row has
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PERIOD = '2026-10';
const YEAR = '2026';

let server, admin, routes;
const d = {}; // ids from the demo data, filled in before()

// Fixtures: pattern (or "METHOD pattern", which wins) → the path parameters, as an object
// (scope "any") or as { own, other } (scope "own_unit"). A value may be a function, called for
// each request (a fresh resource for a DELETE).
const FIXTURES = {
  '/api/v1/session/sessions/{id}': () => ({ id: NONE }),
  '/api/v1/units/{id}': () => ({ id: d.otherUnit }),
  'DELETE /api/v1/units/{id}': () => ({ id: NONE }),
  '/api/v1/users/{id}': () => ({ id: d.bystander }),
  '/api/v1/users/{id}/password': () => ({ id: d.bystander }),
  '/api/v1/users/{id}/sessions': () => ({ id: d.bystander }),
  '/api/v1/users/{id}/unlock': () => ({ id: d.bystander }),
  '/api/v1/dictionaries/{name}': () => ({ name: 'tag' }),
  '/api/v1/dictionaries/{name}/{id}': () => ({ name: 'tag', id: d.tag }),
  'DELETE /api/v1/dictionaries/{name}/{id}': () => ({ name: 'tag', id: NONE }),
  '/api/v1/imports/projects/{import_id}/preview': () => ({ import_id: 'f00dfeed' }),
  '/api/v1/imports/projects/{import_id}/rows': () => ({ import_id: 'f00dfeed' }),
  '/api/v1/imports/projects/{import_id}/commit': () => ({ import_id: 'f00dfeed' }),
  '/api/v1/imports/reports/{import_id}/commit': () => ({ import_id: 'f00dfeed' }),
  '/api/v1/imports/plans/{import_id}/commit': () => ({ import_id: 'f00dfeed' }),
  '/api/v1/periods/{period}': () => ({ period: PERIOD }),
  '/api/v1/periods/{period}/lock': () => ({ period: PERIOD }),
  '/api/v1/periods/{period}/unlock': () => ({ period: PERIOD }),
  '/api/v1/notifications/{id}/read': () => ({ id: NONE }),
  '/api/v1/status-rules/{id}': () => ({ id: d.statusRule }),
  'DELETE /api/v1/status-rules/{id}': () => ({ id: NONE }),
  '/api/v1/warnings/{id}/acknowledge': () => ({ id: d.warning }),
  '/api/v1/map/layers/{kind}': () => ({ kind: 'roads' }),
  '/api/v1/map/layers/units/{unit_id}': () => ({ unit_id: d.otherUnit }),
  '/api/v1/unit-targets/{year}': () => ({ year: YEAR }),
  '/api/v1/ledgers/{kind}': () => ({ kind: 'projects' }),
  '/api/v1/briefing-templates/{id}': () => ({ id: d.template }),
  'DELETE /api/v1/briefing-templates/{id}': () => ({ id: NONE }),
  '/api/v1/briefings/{id}': () => ({ id: d.briefing }),
  'DELETE /api/v1/briefings/{id}': () => ({ id: NONE }),
  '/api/v1/briefings/{id}/regenerate': () => ({ id: d.briefing }),
  '/api/v1/briefings/{id}/publish': () => ({ id: d.briefing }),
  '/api/v1/briefings/{id}/read': () => ({ id: d.briefing }),
  '/api/v1/briefings/{id}/document.docx': () => ({ id: d.briefing }),
  '/api/v1/briefings/{id}/document.pdf': () => ({ id: d.briefing }),
  '/api/v1/task-ledgers/{id}': () => ({ id: d.taskLedger }),
  '/api/v1/task-ledgers/{id}/import': () => ({ id: d.taskLedger }),
  '/api/v1/task-ledgers/{id}/import/{import_id}/commit': () => ({ id: d.taskLedger, import_id: 'f00dfeed' }),
  '/api/v1/meetings/{id}': () => ({ id: d.meeting }),
  '/api/v1/work-calendar/{year}': () => ({ year: YEAR }),
  '/api/v1/saved-filters/{id}': () => ({ id: NONE }),

  // Scoped to the unit: the unit user's own unit's resource, and another unit's.
  ...Object.fromEntries([
    '/api/v1/projects/{id}', '/api/v1/projects/{id}/events', '/api/v1/projects/{id}/changes',
    '/api/v1/projects/{id}/attachments', '/api/v1/projects/{id}/reports', '/api/v1/projects/{id}/opening',
    '/api/v1/projects/{id}/reporting', '/api/v1/map/projects/{id}', '/api/v1/projects/{id}/location',
  ].map((p) => [p, () => ({ own: { id: d.own.project }, other: { id: d.other.project } })])),
  ...Object.fromEntries([
    '/api/v1/projects/{id}/reports/{period}', '/api/v1/projects/{id}/reports/{period}/submit',
    '/api/v1/projects/{id}/reports/{period}/accept', '/api/v1/projects/{id}/reports/{period}/return',
    '/api/v1/projects/{id}/reports/{period}/photos',
  ].map((p) => [p, () => ({ own: { id: d.own.project, period: PERIOD }, other: { id: d.other.project, period: PERIOD } })])),
  '/api/v1/projects/{id}/plans/{year}': () => ({ own: { id: d.own.project, year: YEAR }, other: { id: d.other.project, year: YEAR } }),
  '/api/v1/attachments/{id}': () => ({ own: { id: d.own.attachment }, other: { id: d.other.attachment } }),
  'DELETE /api/v1/attachments/{id}': async () => ({
    own: { id: await attachment(d.own.project) }, other: { id: await attachment(d.other.project) },
  }),
  '/api/v1/report-photos/{id}': () => ({ own: { id: d.own.photo }, other: { id: d.other.photo } }),
  'DELETE /api/v1/report-photos/{id}': async () => ({
    own: { id: await photo(d.own.project) }, other: { id: await photo(d.other.project) },
  }),
  '/api/v1/unit-targets/{year}/units/{unit_id}': () => ({
    own: { year: YEAR, unit_id: d.ownUnit }, other: { year: YEAR, unit_id: d.otherUnit },
  }),
  ...Object.fromEntries([
    '/api/v1/supervision-items/{id}', '/api/v1/supervision-items/{id}/actions',
    '/api/v1/supervision-items/{id}/attachments', '/api/v1/supervision-items/{id}/sheet.pdf',
  ].map((p) => [p, () => ({ own: { id: d.own.item }, other: { id: d.other.item } })])),
  '/api/v1/supervision-attachments/{id}': () => ({ own: { id: d.own.itemFile }, other: { id: d.other.itemFile } }),
};

async function attachment(projectId) {
  const res = await admin.post(`/api/v1/projects/${projectId}/attachments?filename=${encodeURIComponent('批复.pdf')}`,
    new Uint8Array(PDF), { headers: { 'content-type': 'application/pdf' } });
  assert.equal(res.status, 201, res.text);
  return res.body.id;
}

// A photo on the project's report of this month (our users' clock, +08:00), which the demo
// leaves open: saved first in before(), as photos hang off a report that may still change.
const PHOTO_PERIOD = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);
async function photo(projectId) {
  const res = await admin.request('POST', `/api/v1/projects/${projectId}/reports/${PHOTO_PERIOD}/photos?filename=${encodeURIComponent('现场.png')}`,
    { body: new Uint8Array(png(40, 30)), headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(res.status, 201, res.text);
  return res.body.id;
}

async function itemFile(itemId) {
  const res = await admin.post(`/api/v1/supervision-items/${itemId}/attachments?filename=${encodeURIComponent('督办回复.pdf')}`, PDF);
  assert.equal(res.status, 201, res.text);
  return res.body.id;
}

const ok = (res, what) => { assert.ok(res.status < 300, `${what}: ${res.status} ${res.text}`); return res.body; };

before(async () => {
  const cli = await runCli(['routes', '--json']);
  assert.equal(cli.code, 0, cli.stderr);
  routes = JSON.parse(cli.stdout);
  // The walk makes some hundred uploads and exports a minute: the per-user limit on those
  // (limits.test.mjs) is not what it checks.
  server = await startServer({ env: { TUIJIN_EXPENSIVE_PER_MINUTE: '100000' } });
  admin = await signedIn(server.url, 'admin');

  const units = ok(await admin.get('/api/v1/units'), 'units').items;
  const unitId = (name) => units.find((u) => u.name === name).id;
  d.ownUnit = unitId('城东路街道办事处');
  d.otherUnit = unitId('南关街道办事处');
  // The unit user's scope: its unit and the units under it.
  const scope = new Set([d.ownUnit]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of units) if (u.parent_id && scope.has(u.parent_id) && !scope.has(u.id)) { scope.add(u.id); grew = true; }
  }
  const inScope = (p) => scope.has(p.lead_unit_id) || scope.has(p.owner_unit_id);

  const projects = ok(await admin.get('/api/v1/projects?all=1&page_size=500'), 'projects').items
    .filter((p) => p.stage === 'construction');
  const own = projects.find((p) => p.lead_unit_id === d.ownUnit);
  const other = projects.find((p) => p.lead_unit_id === d.otherUnit && !inScope(p));
  assert.ok(own && other, 'the demo has a project in construction of 城东路街道 and one of 南关街道');
  d.own = { project: own.id };
  d.other = { project: other.id };

  const users = ok(await admin.get('/api/v1/users'), 'users').items;
  d.bystander = users.find((u) => u.username === 'kaifaqu').id; // a user the walk does not sign in as
  d.tag = ok(await admin.get('/api/v1/dictionaries/tag'), 'tags').items[0].id;
  d.statusRule = ok(await admin.get('/api/v1/status-rules'), 'status rules').items[0].id;
  d.warning = ok(await admin.get('/api/v1/warnings'), 'warnings').items[0]?.id ?? NONE;
  d.template = ok(await admin.get('/api/v1/briefing-templates'), 'templates').items[0].id;
  d.briefing = ok(await admin.get('/api/v1/briefings'), 'briefings').items[0]?.id ?? NONE;
  d.taskLedger = ok(await admin.get('/api/v1/task-ledgers'), 'task ledgers').items[0]?.id ?? NONE;
  d.meeting = ok(await admin.get('/api/v1/meetings'), 'meetings').items[0]?.id ?? NONE;

  for (const [side, p] of [['own', own], ['other', other]]) {
    d[side].attachment = await attachment(p.id);
    const saved = await admin.put(`/api/v1/projects/${p.id}/reports/${PHOTO_PERIOD}`, { amount: 1_000_000, progress_text: '主体结构施工' });
    assert.equal(saved.status, 200, saved.text);
    d[side].photo = await photo(p.id);
  }

  // Supervision items: one led by 城东路街道, one with no part for it.
  const issue = async (lead, co) => ok(await admin.post('/api/v1/supervision-items', {
    title: '云河大道快速化改造项目用地指标未落实', category: '用地', source: 'other',
    lead_unit_id: lead, co_unit_ids: co, deadline: '2027-03-31', priority: 'urgent',
  }), 'supervision item').id;
  d.own.item = await issue(d.ownUnit, []);
  d.other.item = await issue(d.otherUnit, []);
  d.own.itemFile = await itemFile(d.own.item);
  d.other.itemFile = await itemFile(d.other.item);
});
after(async () => { await server?.stop(); });

const paramsOf = (pattern) => [...pattern.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const fill = (pattern, params) => pattern.replace(/\{(\w+)\}/g, (_, k) => encodeURIComponent(String(params[k])));
const key = (r) => `${r.method} ${r.pattern}`;

// The walk's order: DELETEs after everything else, signing out last of all.
const order = (r) => (r.method === 'DELETE' ? (r.pattern === '/api/v1/session' ? 2 : 1) : 0);

test('the table is printed by the CLI, every route with its roles and scope', () => {
  assert.ok(routes.length > 150, `only ${routes.length} routes`);
  const names = new Set(['admin', 'staff', 'unit', 'leader', 'expert']);
  for (const r of routes) {
    assert.match(r.method, /^(GET|POST|PUT|DELETE)$/);
    assert.match(r.pattern, /^\/api\/v1\//);
    assert.ok(['any', 'own_unit'].includes(r.scope), key(r));
    assert.ok(r.roles.every((x) => names.has(x)), key(r));
    assert.equal(r.public, r.roles.length === 0, key(r));
  }
  const login = routes.find((r) => key(r) === 'POST /api/v1/session');
  assert.equal(login.public, true);
  assert.deepEqual(routes.find((r) => key(r) === 'GET /api/v1/audit-log').roles, ['admin']);
  assert.deepEqual(routes.find((r) => key(r) === 'PUT /api/v1/projects/{id}').roles, ['admin', 'staff', 'unit']);
  assert.equal(routes.find((r) => key(r) === 'GET /api/v1/projects/{id}').scope, 'own_unit');
});

test('every route with path parameters has a fixture, own and other unit for the scoped ones', () => {
  const missing = [];
  for (const r of routes) {
    if (paramsOf(r.pattern).length === 0) continue;
    const f = FIXTURES[key(r)] ?? FIXTURES[r.pattern];
    if (!f) missing.push(`${key(r)}: no fixture`);
  }
  assert.deepEqual(missing, []);
});

test('every route answers every role as the table says', async () => {
  const clients = {};
  for (const [role, username] of ROLES) clients[role] = username ? await signedIn(server.url, username) : new Client(server.url);
  const walk = [...routes].sort((a, b) => order(a) - order(b));
  const wrong = [];
  const broken = new Set(); // fixtures that cannot fill a route: said once, not per role
  let requests = 0;
  for (const [role] of ROLES) {
    const client = clients[role];
    for (const r of walk) {
      const names = paramsOf(r.pattern);
      const fixture = FIXTURES[key(r)] ?? FIXTURES[r.pattern];
      if (names.length > 0 && !fixture) { broken.add(`${key(r)}: no fixture`); continue; }
      const values = fixture ? await fixture() : {};
      const scoped = r.scope === 'own_unit';
      if (scoped && !(values.own && values.other)) { broken.add(`${key(r)}: own_unit route without own and other`); continue; }
      const cases = scoped ? [['own', values.own], ['other', values.other]] : [['', values]];
      const allowed = r.public || r.roles.includes(role);
      for (const [side, params] of cases) {
        const missing = names.filter((n) => params[n] === undefined);
        if (missing.length) { broken.add(`${key(r)} ${side}: no value for ${missing.join(', ')}`); continue; }
        const path = fill(r.pattern, params);
        const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
        const res = await client.request(r.method, path, { body });
        requests++;
        const got = `${res.status} ${res.body?.error?.code ?? ''}`.trim();
        const at = `${role.padEnd(9)} ${r.method} ${path}${side ? ` (${side})` : ''}`;
        if (!allowed) {
          const want = role === 'anonymous' ? '401 auth.required' : '403 auth.forbidden';
          if (got !== want) wrong.push(`${at}: ${got}, the table says ${want}`);
        } else if (scoped && role === 'unit' && side === 'other') {
          if (res.status !== 404) wrong.push(`${at}: ${got}, another unit's resource must answer 404`);
        } else if (scoped) {
          if ([401, 403, 404].includes(res.status)) wrong.push(`${at}: ${got}, the table lets ${role} reach it`);
        } else if ([401, 403].includes(res.status)) {
          wrong.push(`${at}: ${got}, the table lets ${role} call it`);
        }
        if (res.status >= 500) wrong.push(`${at}: ${got} ${res.text.slice(0, 200)}`);
      }
    }
  }
  assert.deepEqual([...broken], [], 'routes the walk could not call');
  assert.deepEqual(wrong, [], `${wrong.length} of ${requests} answers disagree with the table`);
  assert.ok(requests > ROLES.length * routes.length, `${requests} requests`);
});
