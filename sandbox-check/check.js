// Sinch's own Node.js SDK (@sinch/sms) drives every SMS operation against the console's sandbox
// and checks the fields and values of every answer. Prints "N passed, N failed"; exits 1 on failure.
'use strict';
const http = require('http');
const assert = require('assert/strict');
const { SmsService } = require('@sinch/sms');

// The sandbox's credentials are random per installation unless SMS_SANDBOX_SERVICE_PLAN_ID and SMS_SANDBOX_API_TOKEN
// name them, as run.sh does: there is no default to fall back on.
for (const name of ['SANDBOX_URL', 'SANDBOX_PLAN', 'SANDBOX_TOKEN']) {
  if (!process.env[name]) {
    console.error(`${name} is not set: run this through run.sh`);
    process.exit(2);
  }
}
const BASE = process.env.SANDBOX_URL;
const PLAN = process.env.SANDBOX_PLAN;
const TOKEN = process.env.SANDBOX_TOKEN;
const sms = new SmsService({ servicePlanId: PLAN, apiToken: TOKEN, smsHostname: BASE });
const wrong = new SmsService({ servicePlanId: PLAN, apiToken: 'not-the-token', smsHostname: BASE });
const DAY = 24 * 3600 * 1000;

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}\n     ${(e && e.stack || e).toString().split('\n').slice(0, 6).join('\n     ')}`);
  }
}

// The control API of the sandbox alone (SMS_SANDBOX_ONLY) takes its own token; inside a console it wants staff (OPERATOR).
async function control(method, path, body, token = TOKEN) {
  const res = await fetch(`${BASE}/control/${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function rejects(promise, status, code) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.statusCode, status, `status of ${e.message}`);
    if (code) {
      assert.equal(JSON.parse(e.data).code, code);
    }
    return;
  }
  assert.fail(`expected HTTP ${status}`);
}

async function until(what, fn, ms = 10000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const isId = (id) => typeof id === 'string' && /^[0-9A-Z]{26}$/.test(id);
const isDate = (d) => d instanceof Date && !isNaN(d.getTime());

// Callbacks (delivery reports) arrive here.
const callbacks = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => { callbacks.push(JSON.parse(body)); res.writeHead(200); res.end(); });
});

async function main() {
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  const CALLBACK = `http://127.0.0.1:${receiver.address().port}/callback`;
  assert.equal((await control('POST', 'reset')).status, 204);
  assert.equal((await control('PATCH', 'settings', { messages_per_second: 0 })).status, 200);

  const sendAt = new Date(Date.now() + 3600 * 1000);
  let scheduled;

  await check('send text: echoed with numbers normalised and expire_at = send_at + 3 days', async () => {
    scheduled = await sms.batches.sendTextMessage({ sendSMSRequestBody: {
      to: ['+46 70-123 45 67', '0044 7400 123456'], from: '+1 (555) 123-4567', body: 'Hi ${name}',
      parameters: { name: { '+46701234567': 'Ann', default: 'friend' } }, send_at: sendAt,
      delivery_report: 'full', callback_url: CALLBACK, client_reference: 'node-check', feedback_enabled: true,
    } });
    assert.ok(isId(scheduled.id));
    assert.equal(scheduled.type, 'mt_text');
    assert.deepEqual(scheduled.to, ['46701234567', '447400123456']);
    assert.equal(scheduled.from, '15551234567');
    assert.equal(scheduled.body, 'Hi ${name}');
    assert.equal(scheduled.canceled, false);
    assert.equal(scheduled.delivery_report, 'full');
    assert.equal(scheduled.callback_url, CALLBACK);
    assert.equal(scheduled.client_reference, 'node-check');
    assert.equal(scheduled.feedback_enabled, true);
    assert.equal(scheduled.flash_message, false);
    assert.equal(scheduled.parameters.name.default, 'friend');
    assert.ok(isDate(scheduled.created_at) && isDate(scheduled.modified_at));
    assert.equal(scheduled.send_at.getTime(), sendAt.getTime());
    assert.equal(scheduled.expire_at.getTime() - scheduled.send_at.getTime(), 3 * DAY);
  });

  await check('get batch', async () => {
    const got = await sms.batches.get({ batch_id: scheduled.id });
    assert.equal(got.id, scheduled.id);
    assert.deepEqual(got.to, scheduled.to);
    assert.equal(got.created_at.getTime(), scheduled.created_at.getTime());
  });

  await check('a held batch stays Queued until send_at', async () => {
    const report = await sms.deliveryReports.getForNumber({ batch_id: scheduled.id, phone_number: '+46701234567' });
    assert.equal(report.status, 'Queued');
    assert.equal(report.code, 400);
  });

  await check('update: to_add before to_remove, body changed, modified_at moves', async () => {
    const updated = await sms.batches.update({ batch_id: scheduled.id, updateBatchMessageRequestBody: {
      type: 'mt_text', to_add: ['+46 70 765 43 21'], to_remove: ['0044 7400 123456'], body: 'Hello ${name}',
    } });
    assert.deepEqual(updated.to, ['46701234567', '46707654321']);
    assert.equal(updated.body, 'Hello ${name}');
    assert.equal(updated.client_reference, 'node-check');
    assert.ok(updated.modified_at.getTime() >= scheduled.modified_at.getTime());
  });

  await check('replace: same id and created_at, omitted fields back to defaults', async () => {
    const replaced = await sms.batches.replace({ batch_id: scheduled.id, replaceBatchMessageRequestBody: {
      type: 'mt_text', to: ['+46701234567'], body: 'Replaced', send_at: sendAt,
    } });
    assert.equal(replaced.id, scheduled.id);
    assert.equal(replaced.created_at.getTime(), scheduled.created_at.getTime());
    assert.equal(replaced.client_reference, undefined);
    assert.equal(replaced.delivery_report, 'none');
    assert.deepEqual(replaced.to, ['46701234567']);
  });

  await check('cancel: canceled true, recipients Cancelled (407)', async () => {
    const canceled = await sms.batches.cancel({ batch_id: scheduled.id });
    assert.equal(canceled.id, scheduled.id);
    assert.equal(canceled.canceled, true);
    const report = await sms.deliveryReports.getForNumber({ batch_id: scheduled.id, phone_number: '46701234567' });
    assert.equal(report.status, 'Cancelled');
    assert.equal(report.code, 407);
  });

  await check('send binary', async () => {
    const b = await sms.batches.sendBinaryMessage({ sendSMSRequestBody: {
      type: 'mt_binary', to: ['+46701000001'], body: 'SGVsbG8=', udh: '06050415811581',
    } });
    assert.equal(b.type, 'mt_binary');
    assert.equal(b.body, 'SGVsbG8=');
    assert.equal(b.udh, '06050415811581');
    assert.deepEqual(b.to, ['46701000001']);
    assert.equal(b.expire_at.getTime() - b.created_at.getTime(), 3 * DAY);
  });

  await check('send media', async () => {
    const m = await sms.batches.sendMediaMessage({ sendSMSRequestBody: {
      type: 'mt_media', to: ['+12025550123'], body: { url: 'https://example.com/cat.png', message: 'Look', subject: 'Cat' },
    } });
    assert.equal(m.type, 'mt_media');
    assert.equal(m.body.url, 'https://example.com/cat.png');
    assert.equal(m.body.message, 'Look');
    assert.deepEqual(m.to, ['12025550123']);
  });

  await check('dry run: recipients, parts and encoding as the client counts them', async () => {
    const dry = await sms.batches.dryRun({ per_recipient: true, number_of_recipients: 2, dryRunRequestBody: {
      to: ['+46701000001', '+46701000002', '+46701000003'], body: 'Price: 5€ for ${who}',
      parameters: { who: { '46701000001': 'Ann', default: 'you' } },
    } });
    assert.equal(dry.number_of_recipients, 3);
    assert.equal(dry.number_of_messages, 3);
    assert.equal(dry.per_recipient.length, 2);
    assert.deepEqual(dry.per_recipient[0], { recipient: '46701000001', number_of_parts: 1, body: 'Price: 5€ for Ann', encoding: 'text' });
    const long = await sms.batches.dryRun({ per_recipient: true, dryRunRequestBody: { to: ['+46701000001'], body: 'Ω'.repeat(71) } });
    assert.equal(long.per_recipient[0].encoding, 'text', 'Ω is in the GSM-7 table');
    const uni = await sms.batches.dryRun({ per_recipient: true, dryRunRequestBody: { to: ['+46701000001'], body: 'ж'.repeat(71) } });
    assert.equal(uni.per_recipient[0].encoding, 'unicode');
    assert.equal(uni.number_of_messages, 2);
  });

  await check('list with paging and filters', async () => {
    for (let i = 0; i < 5; i++) {
      await sms.batches.sendTextMessage({ sendSMSRequestBody: { to: ['+46701000010'], from: '46700000099', body: `page ${i}`, client_reference: 'paging' } });
    }
    const first = await sms.batches.list({ client_reference: 'paging', page_size: 2 });
    assert.equal(first.data.length, 2);
    assert.equal(first.data[0].body, 'page 4', 'newest first');
    assert.equal(first.hasNextPage, true);
    const last = await sms.batches.list({ client_reference: 'paging', page_size: 2, page: 2 });
    assert.equal(last.data.length, 1);
    assert.equal(last.data[0].body, 'page 0');
    const all = [];
    for await (const b of sms.batches.list({ client_reference: 'paging', page_size: 2 })) all.push(b.body);
    assert.deepEqual(all, ['page 4', 'page 3', 'page 2', 'page 1', 'page 0']);
    const raw = await (await fetch(`${BASE}/xms/v1/${PLAN}/batches?client_reference=paging&page=1&page_size=2`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();
    assert.deepEqual([raw.count, raw.page, raw.page_size], [5, 1, 2]);
    const byFrom = await sms.batches.list({ from: '+46700000099', page_size: 100 });
    assert.equal(byFrom.data.length, 5);
    const future = await sms.batches.list({ start_date: new Date(Date.now() + DAY) });
    assert.equal(future.data.length, 0);
  });

  let sent;
  await check('send with a full report: Delivered, and one failing number (…666) Failed 402', async () => {
    sent = await sms.batches.send({ sendSMSRequestBody: {
      to: ['+46701000021', '+46701000666'], body: 'Report me', delivery_report: 'full', callback_url: CALLBACK,
      client_reference: 'reports', feedback_enabled: true,
    } });
    await until('final statuses', async () => {
      const r = await sms.deliveryReports.get({ batch_id: sent.id, type: 'summary' });
      return r.statuses.every((s) => s.status === 'Delivered' || s.status === 'Failed') && r;
    });
  });

  await check('delivery report of a batch: summary and full, with status filter', async () => {
    const summary = await sms.deliveryReports.get({ batch_id: sent.id, type: 'summary' });
    assert.equal(summary.type, 'delivery_report_sms');
    assert.equal(summary.batch_id, sent.id);
    assert.equal(summary.total_message_count, 2);
    assert.equal(summary.client_reference, 'reports');
    assert.deepEqual(summary.statuses.map((s) => [s.code, s.status, s.count, s.recipients]),
      [[0, 'Delivered', 1, undefined], [402, 'Failed', 1, undefined]]);
    const full = await sms.deliveryReports.get({ batch_id: sent.id, type: 'full', status: ['Failed'] });
    assert.deepEqual(full.statuses, [{ code: 402, status: 'Failed', count: 1, recipients: ['46701000666'] }]);
  });

  await check('delivery report of a recipient', async () => {
    const r = await sms.deliveryReports.getForNumber({ batch_id: sent.id, phone_number: '+46 70 100 00 21' });
    assert.equal(r.type, 'recipient_delivery_report_sms');
    assert.equal(r.batch_id, sent.id);
    assert.equal(r.recipient, '46701000021');
    assert.equal(r.status, 'Delivered');
    assert.equal(r.code, 0);
    assert.equal(r.encoding, 'GSM');
    assert.equal(r.number_of_message_parts, 1);
    assert.equal(r.client_reference, 'reports');
    assert.ok(isDate(r.at) && isDate(r.operator_status_at));
    assert.equal(typeof r.applied_originator, 'string');
  });

  await check('list delivery reports with filters and paging', async () => {
    const page = await sms.deliveryReports.list({ client_reference: 'reports', page_size: 1 });
    assert.equal(page.data.length, 1);
    assert.equal(page.hasNextPage, true);
    const failedOnes = await sms.deliveryReports.list({ status: ['Failed'], code: ['402'], client_reference: 'reports' });
    assert.deepEqual(failedOnes.data.map((r) => r.recipient), ['46701000666']);
  });

  await check('the full report arrived as a callback', async () => {
    const report = await until('callback', async () => callbacks.find((c) => c.batch_id === sent.id));
    assert.equal(report.type, 'delivery_report_sms');
    assert.deepEqual(report.statuses.map((s) => s.recipients), [['46701000021'], ['46701000666']]);
  });

  await check('delivery feedback', async () => {
    await sms.batches.sendDeliveryFeedback({ batch_id: sent.id, deliveryFeedbackRequestBody: { recipients: ['+46701000021'] } });
  });

  let group;
  await check('groups: create', async () => {
    group = await sms.groups.create({ createGroupRequestBody: {
      name: 'Node club', members: ['+46 70 100 00 31', '0046701000032'],
      auto_update: { to: '12025550100', add: { first_word: 'JOIN' }, remove: { first_word: 'LEAVE' } },
    } });
    assert.ok(isId(group.id));
    assert.equal(group.name, 'Node club');
    assert.equal(group.size, 2);
    assert.ok(isDate(group.created_at));
    assert.equal(group.auto_update.add.first_word, 'JOIN');
  });

  await check('groups: get, list, members', async () => {
    const got = await sms.groups.get({ group_id: group.id });
    assert.equal(got.size, 2);
    const list = await sms.groups.list({ page_size: 10 });
    assert.ok(list.data.some((g) => g.id === group.id));
    assert.deepEqual(await sms.groups.listMembers({ group_id: group.id }), ['46701000031', '46701000032']);
  });

  await check('groups: update (adds before removes, rename) and replace', async () => {
    const updated = await sms.groups.update({ group_id: group.id, updateGroupRequestBody: {
      name: 'Renamed', add: ['+46701000033'], remove: ['+46701000031', '+46709999999'],
    } });
    assert.equal(updated.name, 'Renamed');
    assert.equal(updated.size, 2);
    const replaced = await sms.groups.replace({ group_id: group.id, replaceGroupRequestBody: { name: 'Replaced', members: ['+46701000034'] } });
    assert.equal(replaced.name, 'Replaced');
    assert.equal(replaced.size, 1);
    assert.equal(replaced.auto_update, undefined);
  });

  await check('a batch to a group reaches its members', async () => {
    const b = await sms.batches.sendTextMessage({ sendSMSRequestBody: { to: [group.id], body: 'To the group' } });
    const r = await until('group delivery', async () => {
      const rep = await sms.deliveryReports.get({ batch_id: b.id, type: 'full' });
      return rep.statuses.some((s) => s.status === 'Delivered') && rep;
    });
    assert.deepEqual(r.statuses[0].recipients, ['46701000034']);
  });

  await check('groups: delete, then 404', async () => {
    await sms.groups.delete({ group_id: group.id });
    await rejects(sms.groups.get({ group_id: group.id }), 404);
  });

  let mo;
  await check('inbounds: a simulated SMS is listed and read', async () => {
    mo = (await control('POST', 'inbounds', { from: '+46 70 100 00 41', to: '12025550100', body: 'Hello sandbox' })).body;
    const list = await sms.inbounds.list({ to: '+12025550100', page_size: 10 });
    const found = list.data.find((i) => i.id === mo.id);
    assert.equal(found.type, 'mo_text');
    assert.equal(found.from, '46701000041');
    assert.equal(found.to, '12025550100');
    assert.equal(found.body, 'Hello sandbox');
    assert.ok(isDate(found.received_at));
    const got = await sms.inbounds.get({ inbound_id: mo.id });
    assert.equal(got.body, 'Hello sandbox');
    assert.equal((await sms.inbounds.list({ to: '999' })).data.length, 0);
  });

  await check('errors: 401 wrong token (the control API too), 404 unknown id, 400 with Sinch codes', async () => {
    await rejects(wrong.batches.get({ batch_id: scheduled.id }), 401);
    assert.equal((await control('POST', 'inbounds', { from: '+46701000042', body: 'forged' }, 'not-the-token')).status, 401);
    assert.equal((await control('GET', 'counters', undefined, 'sandbox-api-token')).status, 401, 'the old published token');
    await rejects(sms.batches.get({ batch_id: '01AAAAAAAAAAAAAAAAAAAAAAAA' }), 404);
    const many = Array.from({ length: 1001 }, (_, i) => `+4670200${String(i).padStart(4, '0')}`);
    await rejects(sms.batches.sendTextMessage({ sendSMSRequestBody: { to: many, body: 'x' } }), 400, 'syntax_constraint_violation');
    await rejects(sms.batches.sendTextMessage({ sendSMSRequestBody: { to: ['+46 70'], body: 'x' } }), 400, 'syntax_invalid_parameter_format');
    await rejects(sms.batches.sendTextMessage({ sendSMSRequestBody: { to: ['+46701000001'], body: 'x'.repeat(2001) } }), 400, 'syntax_constraint_violation');
    await rejects(sms.batches.sendTextMessage({ sendSMSRequestBody: { to: ['+46701000001'], body: 'x',
      send_at: new Date(Date.now() + 60000), expire_at: new Date(Date.now() + 60000 + 3 * DAY + 1000) } }), 400, 'syntax_constraint_violation');
    await rejects(sms.batches.update({ batch_id: sent.id, updateBatchMessageRequestBody: { type: 'mt_text', body: 'late' } }), 403, 'batch_already_dispatched');
  });

  await check('counters: exactly one message per recipient', async () => {
    const counters = (await control('GET', 'counters')).body;
    assert.equal(counters.messages_per_recipient['46701000021'], 1);
    assert.equal(counters.messages_per_recipient['46701234567'], undefined, 'a canceled batch sends nothing');
  });

  receiver.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.log(e);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
