// Request limits per client for the expensive endpoints (imports, exports, generated
// documents): past expensive_per_minute a user gets 429 with Retry-After and a clear message,
// while other users and the ordinary pages are served as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from '../lib/server.mjs';

let server;
before(async () => { server = await startServer({ env: { TUIJIN_EXPENSIVE_PER_MINUTE: '3' } }); });
after(async () => { await server?.stop(); });

test('a fourth export in a minute is refused with 429; others are not held up', async () => {
  const staff = await signedIn(server.url, 'fgw');
  for (let i = 0; i < 3; i++) {
    const res = await staff.request('GET', '/api/v1/exports/projects?level=province', { raw: true });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  }
  const refused = await staff.get('/api/v1/exports/plans');
  assert.equal(refused.status, 429);
  assert.equal(refused.body.error.code, 'rate.limited');
  assert.match(refused.body.error.message, /导入导出请求过于频繁,请 \d+ 秒后再试/);
  const wait = Number(refused.headers.get('retry-after'));
  assert.ok(wait > 0 && wait <= 60, `Retry-After ${wait}`);
  assert.equal((await staff.get('/api/v1/projects?page_size=5')).status, 200, 'ordinary pages are not limited');
  const leader = await signedIn(server.url, 'quzhang');
  const theirs = await leader.request('GET', '/api/v1/exports/projects', { raw: true });
  assert.equal(theirs.status, 200, 'another user has a count of their own');
  await theirs.arrayBuffer();
});
