// Outgoing messages (消息推送) through the API, against receivers running in this test on
// loopback: a group robot that fails twice before it answers, one that never answers, a 钉钉
// robot that checks 加签, and a tiny SMTP server. The server runs with small retry settings
// (first retry after 1 s, 3 attempts, 2 s per attempt), so a failing delivery ends in seconds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { createHmac } from 'node:crypto';
import { startServer, signedIn } from '../lib/server.mjs';

const ENV = { TUIJIN_DELIVERY_RETRY_SECONDS: '1', TUIJIN_DELIVERY_MAX_ATTEMPTS: '3', TUIJIN_DELIVERY_TIMEOUT_SECONDS: '2' };
let server, admin, staff;
const closers = [];

before(async () => {
  server = await startServer({ env: ENV });
  admin = await signedIn(server.url, 'admin');
  staff = await signedIn(server.url, 'fgw');
});
after(async () => {
  for (const close of closers) await close();
  await server?.stop();
});

// An HTTP receiver on a free loopback port: `answer(req, body, n)` answers the n-th request
// (1-based). Returns { url, requests: [{url, body, at}], events }.
async function robot(answer) {
  const requests = [];
  const sockets = new Set();
  const srv = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      requests.push({ url: req.url, method: req.method, headers: req.headers, body: JSON.parse(body) });
      answer(req, res, requests.length);
    });
  });
  srv.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => { for (const s of sockets) s.destroy(); srv.close(r); }));
  return { url: `http://127.0.0.1:${srv.address().port}`, requests, server: srv };
}

function json(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

async function settings() {
  const res = await admin.get('/api/v1/delivery-settings');
  assert.equal(res.status, 200, res.text);
  return res.body;
}

async function configure(patch) {
  const current = await settings();
  const res = await admin.put('/api/v1/delivery-settings', { ...patch, version: current.version });
  assert.equal(res.status, 200, res.text);
  return res.body;
}

// Polls the log until delivery `id` is no longer pending (the sender works in the background).
async function settled(id, { timeoutMs = 40000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await admin.get('/api/v1/deliveries?page_size=100');
    assert.equal(res.status, 200, res.text);
    const d = res.body.items.find((i) => i.id === id);
    assert.ok(d, `delivery ${id} is in the log`);
    if (d.state !== 'pending') return d;
    if (Date.now() > deadline) assert.fail(`delivery ${id} still pending: ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('both channels are off by default; a test message on a channel that is off is refused', async () => {
  const s = await settings();
  assert.equal(s.webhook_enabled, false);
  assert.equal(s.smtp_enabled, false);
  assert.equal(s.webhook_secret_set, false);
  assert.equal(s.smtp_password_set, false);
  assert.equal(s.webhook_format, 'wecom');
  for (const channel of ['webhook', 'email']) {
    const res = await admin.post('/api/v1/delivery-settings/test', { channel, to: 'zhang@jd.example.cn' });
    assert.equal(res.status, 409, res.text);
    assert.equal(res.body.error.code, 'delivery.channel_off');
  }
  const list = await admin.get('/api/v1/deliveries');
  assert.deepEqual([list.status, list.body.total], [200, 0]);
});

test('settings are checked field by field, a stale version is refused, secrets are write-only, only admins', async () => {
  const s = await settings();
  const bad = await admin.put('/api/v1/delivery-settings', {
    webhook_enabled: true, webhook_url: 'ftp://robot.example.cn/send', webhook_format: 'feishu',
    smtp_enabled: true, smtp_host: 'smtp example', smtp_port: 70000, smtp_security: 'ssl', smtp_from: '推进平台',
    version: s.version,
  });
  assert.equal(bad.status, 400, bad.text);
  const fields = bad.body.error.details.fields;
  assert.match(fields.webhook_url, /http:\/\/ 或 https:\/\//);
  assert.match(fields.webhook_format, /wecom/);
  assert.match(fields.smtp_host, /主机名/);
  assert.match(fields.smtp_port, /1 到 65535/);
  assert.match(fields.smtp_security, /starttls/);
  assert.match(fields.smtp_from, /邮箱地址/);

  const missing = await admin.put('/api/v1/delivery-settings', { webhook_enabled: true, smtp_enabled: true, version: s.version });
  assert.equal(missing.status, 400, missing.text);
  assert.deepEqual(Object.keys(missing.body.error.details.fields).sort(), ['smtp_from', 'smtp_host', 'smtp_port', 'webhook_url']);
  assert.match(missing.body.error.details.fields.webhook_url, /必填/);
  assert.equal((await settings()).version, s.version, 'nothing saved');

  const saved = await admin.put('/api/v1/delivery-settings', {
    webhook_url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6', webhook_secret: 'SECnotshown',
    smtp_host: 'smtp.example.cn', smtp_port: 465, smtp_security: 'tls', smtp_username: 'tuijin', smtp_password: 'Mail#2026',
    smtp_from: 'tuijin@fgj.example.cn', version: s.version,
  });
  assert.equal(saved.status, 200, saved.text);
  assert.equal(saved.body.version, s.version + 1);
  assert.deepEqual([saved.body.webhook_secret_set, saved.body.smtp_password_set, saved.body.smtp_port], [true, true, 465]);
  assert.equal(saved.body.webhook_enabled, false, 'still off');
  for (const res of [saved, await admin.get('/api/v1/delivery-settings')]) {
    assert.ok(!res.text.includes('SECnotshown') && !res.text.includes('Mail#2026'), 'secrets are never sent back');
    assert.ok(!('webhook_secret' in res.body) && !('smtp_password' in res.body));
  }

  const stale = await admin.put('/api/v1/delivery-settings', { smtp_port: 587, version: s.version });
  assert.equal(stale.status, 409, stale.text);
  assert.equal(stale.body.error.code, 'delivery.stale');

  // Left out: kept. A secret sent empty: removed.
  const cleared = await admin.put('/api/v1/delivery-settings', { smtp_password: '', version: saved.body.version });
  assert.equal(cleared.status, 200, cleared.text);
  assert.deepEqual([cleared.body.smtp_password_set, cleared.body.webhook_secret_set, cleared.body.smtp_host], [false, true, 'smtp.example.cn']);

  for (const path of ['/api/v1/delivery-settings', '/api/v1/deliveries']) {
    assert.equal((await staff.get(path)).status, 403);
  }
  assert.equal((await staff.post('/api/v1/delivery-settings/test', { channel: 'webhook' })).status, 403);
});

test('a robot that fails twice is retried with backoff; the third try is sent and the failures stay in the log', async () => {
  const r = await robot((req, res, n) => (n <= 2 ? json(res, 500, { error: 'busy' }) : json(res, 200, { errcode: 0, errmsg: 'ok' })));
  await configure({ webhook_enabled: true, webhook_url: `${r.url}/cgi-bin/webhook/send?key=test-key`, webhook_format: 'wecom' });
  const queued = await admin.post('/api/v1/delivery-settings/test', { channel: 'webhook' });
  assert.equal(queued.status, 202, queued.text);
  assert.deepEqual([queued.body.channel, queued.body.source, queued.body.state, queued.body.attempts], ['webhook', 'test', 'pending', 0]);

  const d = await settled(queued.body.id);
  assert.equal(d.state, 'sent', JSON.stringify(d));
  assert.equal(d.attempts, 3);
  assert.ok(d.sent_at);
  assert.match(d.last_error, /第 1 次:HTTP 500/);
  assert.match(d.last_error, /第 2 次:HTTP 500/);
  assert.doesNotMatch(d.last_error, /第 3 次/);
  assert.equal(r.requests.length, 3);
  for (const req of r.requests) {
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/cgi-bin/webhook/send?key=test-key');
    assert.match(req.headers['content-type'], /application\/json/);
    assert.equal(req.body.msgtype, 'markdown');
    assert.match(req.body.markdown.content, /^### 推进平台测试消息\n\n这是一条测试消息/);
  }
  const sent = await admin.get('/api/v1/deliveries?channel=webhook&state=sent');
  assert.deepEqual(sent.body.items.map((i) => i.id), [queued.body.id]);
});

test('a robot that never answers does not hold up the request that queued the message; it ends failed after the last attempt', async () => {
  const events = [];
  const r = await robot((req) => {
    events.push('held');
    req.socket.on('close', () => events.push('closed'));  // the sender gave up on it
  });
  await configure({ webhook_url: `${r.url}/hold` });
  const queued = await admin.post('/api/v1/delivery-settings/test', { channel: 'webhook' });
  events.push('queued');
  assert.equal(queued.status, 202, queued.text);
  const d = await settled(queued.body.id);
  // Had the request waited for the robot, it would have returned only after the sender's
  // timeout closed the first connection.
  assert.ok(events.indexOf('queued') < events.indexOf('closed'), events.join(' '));
  assert.equal(events.filter((e) => e === 'held').length, 3, events.join(' '));
  assert.deepEqual([d.state, d.attempts, d.sent_at], ['failed', 3, null]);
  assert.equal(d.last_error.split('\n').length, 3);
  for (const line of d.last_error.split('\n')) assert.match(line, /^第 \d 次:超时/);
  const failed = await admin.get('/api/v1/deliveries?state=failed');
  assert.deepEqual(failed.body.items.map((i) => i.id), [queued.body.id]);
});

test('钉钉 format: markdown with title and text, each attempt signed (timestamp and sign); a refusal is read from errcode', async () => {
  const secret = 'SEC3f2a9c0d1e';
  const r = await robot((req, res, n) => (n === 1
    ? json(res, 200, { errcode: 310000, errmsg: 'sign not match' })
    : json(res, 200, { errcode: 0, errmsg: 'ok' })));
  await configure({ webhook_url: `${r.url}/robot/send?access_token=tok123`, webhook_format: 'dingtalk', webhook_secret: secret });
  const queued = await admin.post('/api/v1/delivery-settings/test', { channel: 'webhook' });
  assert.equal(queued.status, 202, queued.text);
  const d = await settled(queued.body.id);
  assert.deepEqual([d.state, d.attempts], ['sent', 2], JSON.stringify(d));
  assert.match(d.last_error, /第 1 次:errcode 310000: sign not match/);
  assert.equal(d.target, `${r.url}/robot/send?access_token=tok123`, 'the log keeps the URL without the signature');
  assert.equal(r.requests.length, 2);
  for (const req of r.requests) {
    const url = new URL(req.url, r.url);
    assert.equal(url.pathname, '/robot/send');
    assert.equal(url.searchParams.get('access_token'), 'tok123');
    const timestamp = url.searchParams.get('timestamp');
    assert.match(timestamp, /^\d{13}$/);
    assert.ok(Math.abs(Number(timestamp) - Date.now()) < 3600_000, 'within the hour 钉钉 accepts');
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    assert.equal(url.searchParams.get('sign'), expected);
    assert.ok(req.url.includes(`sign=${encodeURIComponent(expected)}`), 'the sign is URL-encoded');
    assert.equal(req.body.msgtype, 'markdown');
    assert.equal(req.body.markdown.title, '推进平台测试消息');
    assert.match(req.body.markdown.text, /测试消息/);
  }
});

// A tiny SMTP server: enough of RFC 5321 for one mail per connection.
async function smtpReceiver() {
  const mails = [];
  const srv = createTcpServer((sock) => {
    let buf = '';
    let mail = { commands: [] };
    let inData = false;
    sock.setEncoding('latin1');  // bytes as they come; the mail is 7-bit (base64) anyway
    sock.write('220 mail.test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          mail.data = buf.slice(0, end + 2);
          buf = buf.slice(end + 5);
          inData = false;
          mails.push(mail);
          mail = { commands: [] };
          sock.write('250 2.0.0 queued\r\n');
          continue;
        }
        const eol = buf.indexOf('\r\n');
        if (eol < 0) return;
        const line = buf.slice(0, eol);
        buf = buf.slice(eol + 2);
        mail.commands.push(line);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') sock.write('250 mail.test\r\n');
        else if (verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') sock.write('250 2.1.0 ok\r\n');
        else if (verb === 'DATA') { inData = true; sock.write('354 go ahead\r\n'); }
        else if (verb === 'QUIT') { sock.end('221 bye\r\n'); return; }
        else sock.write('502 5.5.2 not implemented\r\n');
      }
    });
    sock.on('error', () => {});
  });
  await new Promise((r) => srv.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => srv.close(r)));
  return { port: srv.address().port, mails };
}

// RFC 2047 encoded-words (=?UTF-8?B?…?=), unfolded and joined (each word holds whole characters).
function decodeHeader(value) {
  const words = [...value.replace(/\r\n[ \t]+/g, ' ').matchAll(/=\?UTF-8\?B\?([^?]*)\?=/gi)];
  if (words.length === 0) return value;
  return Buffer.concat(words.map((w) => Buffer.from(w[1], 'base64'))).toString('utf8');
}

test('e-mail through SMTP: envelope, a Chinese subject that decodes, a UTF-8 body; the address comes from the user', async () => {
  const smtp = await smtpReceiver();
  await configure({ smtp_enabled: true, smtp_host: '127.0.0.1', smtp_port: smtp.port, smtp_security: 'none', smtp_username: '', smtp_from: 'tuijin@fgj.example.cn' });

  // Without `to`, the admin's own address, which the admin has not set yet.
  const noAddress = await admin.post('/api/v1/delivery-settings/test', { channel: 'email' });
  assert.equal(noAddress.status, 400, noAddress.text);
  assert.match(noAddress.body.error.details.fields.to, /收件地址/);
  const badAddress = await admin.post('/api/v1/delivery-settings/test', { channel: 'email', to: 'zhang at jd' });
  assert.equal(badAddress.status, 400, badAddress.text);
  assert.match(badAddress.body.error.details.fields.to, /邮箱地址/);

  const me = (await admin.get('/api/v1/session')).body.user;
  const user = (await admin.get(`/api/v1/users/${me.id}`)).body;
  const wrong = await admin.put(`/api/v1/users/${me.id}`, { ...user, email: 'admin@@fgj' });
  assert.equal(wrong.status, 400, wrong.text);
  assert.match(wrong.body.error.details.fields.email, /邮箱地址格式不正确/);
  const withEmail = await admin.put(`/api/v1/users/${me.id}`, { ...user, email: 'li.admin@fgj.example.cn' });
  assert.equal(withEmail.status, 200, withEmail.text);
  assert.equal(withEmail.body.email, 'li.admin@fgj.example.cn');
  const { email, ...withoutEmail } = user;
  const kept = await admin.put(`/api/v1/users/${me.id}`, { ...withoutEmail, phone: '13803710001' });
  assert.equal(kept.body.email, 'li.admin@fgj.example.cn', 'a client that leaves email out keeps it');

  const queued = await admin.post('/api/v1/delivery-settings/test', { channel: 'email' });
  assert.equal(queued.status, 202, queued.text);
  assert.deepEqual([queued.body.channel, queued.body.target, queued.body.subject], ['email', 'li.admin@fgj.example.cn', '推进平台测试邮件']);
  const d = await settled(queued.body.id);
  assert.deepEqual([d.state, d.attempts, d.last_error], ['sent', 1, null], JSON.stringify(d));

  assert.equal(smtp.mails.length, 1);
  const [mail] = smtp.mails;
  assert.ok(mail.commands.some((c) => /^MAIL FROM:<tuijin@fgj\.example\.cn>/i.test(c)), mail.commands.join(' | '));
  assert.ok(mail.commands.some((c) => /^RCPT TO:<li\.admin@fgj\.example\.cn>/i.test(c)), mail.commands.join(' | '));
  const [head, body] = [mail.data.slice(0, mail.data.indexOf('\r\n\r\n')), mail.data.slice(mail.data.indexOf('\r\n\r\n') + 4)];
  const header = (name) => {
    const m = new RegExp(`^${name}: ((?:.*)(?:\\r\\n[ \\t].*)*)`, 'mi').exec(head);
    return m ? m[1] : null;
  };
  assert.match(header('Subject'), /^=\?UTF-8\?B\?/, 'encoded per RFC 2047');
  assert.equal(decodeHeader(header('Subject')), '推进平台测试邮件');
  assert.equal(header('From'), 'tuijin@fgj.example.cn');
  assert.equal(header('To'), 'li.admin@fgj.example.cn');
  assert.match(header('Content-Type'), /^text\/plain; charset=UTF-8$/i);
  assert.equal(header('Content-Transfer-Encoding'), 'base64');
  assert.match(header('Date'), /\+0800$/);
  const text = Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8');
  assert.match(text, /^这是一封测试邮件/);
  assert.match(text, /收到即表示邮件发送配置正确/);

  const listed = await admin.get('/api/v1/deliveries?channel=email');
  assert.deepEqual(listed.body.items.map((i) => [i.id, i.state]), [[queued.body.id, 'sent']]);
  assert.equal((await admin.get('/api/v1/deliveries?state=lost')).status, 400);
});

test('two instances on one database never send the same delivery twice', async () => {
  let seen = 0;
  const r = await robot((req, res) => { seen += 1; setTimeout(() => json(res, 200, { errcode: 0 }), 300); });
  await configure({ webhook_url: `${r.url}/both`, webhook_format: 'wecom', smtp_enabled: false });
  const second = await startServer({ demo: false, database: server.db, env: ENV });
  closers.unshift(() => second.stop({ keepDatabase: true }));
  const ids = [];
  for (let i = 0; i < 8; i += 1) {
    const q = await admin.post('/api/v1/delivery-settings/test', { channel: 'webhook' });
    assert.equal(q.status, 202, q.text);
    ids.push(q.body.id);
  }
  for (const id of ids) {
    const d = await settled(id);
    assert.deepEqual([d.state, d.attempts], ['sent', 1], JSON.stringify(d));
  }
  assert.equal(seen, ids.length);
  assert.equal(r.requests.filter((q) => q.url === '/both').length, ids.length);
});
