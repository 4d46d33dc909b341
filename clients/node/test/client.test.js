'use strict';
// EmulatorClient against a real emulator: each control call changes what the public API or the
// control API answers afterwards.
const test = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator, EmulatorError } = require('..');
const { binary, api, createBody, P } = require('./helpers');

let emu;
let client;
test.before(async () => {
  emu = await startEmulator({ binary: binary() });
  client = emu.client;
});
test.after(async () => {
  const { code, stderr } = await emu.stop();
  assert.equal(code, 0, stderr);
});
test.beforeEach(() => client.reset());

test('control API errors throw EmulatorError with error_code and error_msg', async () => {
  await assert.rejects(client.reset({ kind: 'everything' }), (err) => {
    assert.ok(err instanceof EmulatorError);
    assert.equal(err.status, 400);
    assert.equal(err.error_code, 'EMU.0400');
    assert.equal(err.errorCode, 'EMU.0400');
    assert.match(err.error_msg, /^Invalid control request: kind must be one of all, /);
    assert.match(err.message, /^POST \/_emulator\/reset\?kind=everything: 400 EMU\.0400 /);
    return true;
  });
});

test('reset removes functions (of one project, or all)', async () => {
  assert.equal((await api(emu.url, 'POST', '/functions', createBody('a'))).status, 200);
  assert.deepEqual(await client.reset({ projectId: P, kind: 'functions' }),
                   { reset: 'functions', project_id: P, to: 'start' });
  assert.deepEqual(await client.reset({ projectId: P, kind: 'functions', to: 'empty' }),
                   { reset: 'functions', project_id: P, to: 'empty' });
  assert.equal((await api(emu.url, 'GET', '/functions/a/config')).status, 404);
});

test('journal with filters, journalCount, clearJournal', async () => {
  await api(emu.url, 'POST', '/functions', createBody('j'));
  await api(emu.url, 'PUT', '/functions/j/async-invoke-config', { max_async_retry_attempts: 4 });
  await api(emu.url, 'PUT', '/functions/j/async-invoke-config', { max_async_retry_attempts: 1 });
  const bad = await client.journal({ projectId: P, method: 'PUT', status: 400 });
  assert.equal(bad.count, 1);
  assert.equal(bad.entries[0].body, '{"max_async_retry_attempts":4}');
  assert.match(bad.entries[0].rule, /max_async_retry_attempts/);
  assert.equal(await client.journalCount({ path: '*/async-invoke-config' }), 2);
  assert.equal((await client.journal({ limit: 1 })).returned, 1);
  await client.clearJournal({ projectId: P });
  assert.equal(await client.journalCount(), 0);
});

test('addFault makes the API fail; faults() counts hits; clearFaults removes them', async () => {
  const rule = await client.addFault({ method: 'GET', path: '*/functions/*', status: 503,
                                       errorCode: 'FSS.0503', times: 1 });
  assert.match(rule.id, /^f\d+$/);
  assert.equal(rule.status, 503);
  const failed = await api(emu.url, 'GET', '/functions/x/config');
  assert.equal(failed.status, 503);
  assert.equal(failed.body.error_code, 'FSS.0503');
  assert.equal((await api(emu.url, 'GET', '/functions/x/config')).status, 404); // times: 1
  const [listed] = await client.faults();
  assert.equal(listed.hits, 1);
  assert.equal(listed.times, 0);
  await client.removeFault(rule.id);
  assert.deepEqual(await client.faults(), []);
  await assert.rejects(client.removeFault(rule.id), { status: 404, error_code: 'EMU.0404' });
  await client.addFault({ action: 'delay', delayMs: 1, projectId: P });
  await client.clearFaults({ projectId: P });
  assert.deepEqual(await client.faults(), []);
  await assert.rejects(client.addFault({ paht: '*' }), { status: 400, error_code: 'EMU.0400' });
});

test('setSwitches changes what the API accepts; resetSwitches restores it', async () => {
  await api(emu.url, 'POST', '/functions', createBody('s'));
  const put = () => api(emu.url, 'PUT', '/functions/s/async-invoke-config',
                        { max_async_retry_attempts: 8 });
  assert.equal((await put()).status, 400);
  const s = await client.setSwitches({ retry_max: 8 }, { projectId: P });
  assert.equal(s.own, true);
  assert.equal(s.switches.retry_max, '8');
  assert.equal((await put()).status, 200);
  assert.equal((await client.resetSwitches({ projectId: P })).own, false);
  assert.equal((await client.switches({ projectId: P })).switches.retry_max, '3');
  const observed = await client.setSwitches({}, { projectId: P, profile: 'observed' });
  assert.equal(observed.switches.require_content_type, 'body');
  await assert.rejects(client.setSwitches({ retry_max: 5 }), /switch retry_max does not accept '5'/);
});

test('clock: set, freeze, advance, real, reset', async () => {
  let c = await client.clock.set('2021-03-04T06:50:02Z', { projectId: P });
  assert.deepEqual([c.mode, c.now, c.own], ['frozen', '2021-03-04T06:50:02.000000000Z', true]);
  c = await client.clock.advance({ seconds: 60 }, { projectId: P });
  assert.equal(c.now, '2021-03-04T06:51:02.000000000Z');
  c = await client.clock.advance(500, { projectId: P });
  assert.equal(c.now, '2021-03-04T06:51:02.500000000Z');
  c = await client.clock.freeze(new Date('2030-01-01T00:00:00Z'), { projectId: P });
  assert.equal(c.now, '2030-01-01T00:00:00.000000000Z');
  await api(emu.url, 'POST', '/functions', createBody('t'));
  const cfg = await api(emu.url, 'PUT', '/functions/t/async-invoke-config',
                        { max_async_retry_attempts: 1 });
  assert.equal(cfg.body.created_time, '2030-01-01T08:00:00+08:00');
  assert.equal((await client.clock.real({ projectId: P })).mode, 'real');
  assert.equal((await client.clock.reset({ projectId: P })).own, false);
  assert.equal((await client.clock.get()).mode, 'real');
  c = await client.clock.freeze();
  assert.equal(c.mode, 'frozen');
  await client.clock.reset();
  await assert.rejects(client.clock.set('yesterday'), { status: 400, error_code: 'EMU.0400' });
});

test('state and loadState round-trip a project', async () => {
  await client.seed(42);
  await api(emu.url, 'POST', '/functions', createBody('st'));
  const doc = await client.state({ projectId: P });
  assert.equal(doc.projects[0].functions[0].func_name, 'st');
  await client.reset();
  assert.equal((await api(emu.url, 'GET', '/functions/st/config')).status, 404);
  assert.deepEqual(await client.loadState(doc), { loaded_projects: [P] });
  assert.deepEqual(await client.state({ projectId: P }), doc);
  await assert.rejects(client.loadState({ projects: 'no' }), { status: 400 });
});

test('setBehaviour, clock.advance, waitForInvocations and waitForDeliveries', async () => {
  await client.clock.freeze('2021-03-04T00:00:00Z', { projectId: P });
  await api(emu.url, 'POST', '/functions', createBody('b'));
  await api(emu.url, 'PUT', '/functions/b/async-invoke-config', {
    max_async_retry_attempts: 1, max_async_event_age_in_seconds: 3600,
    destination_config: { on_success: { destination: 'OBS',
      param: JSON.stringify({ bucket: 'results', prefix: 'ok/' }) } },
  });
  const set = await client.setBehaviour({
    projectId: P, functionUrn: 'b',
    script: [{ outcome: 'fail', errorMessage: 'boom' }],
    otherwise: { outcome: 'succeed', result: '{"ok":true}', durationMs: 250 },
  });
  assert.equal(set.script, 1);
  const invoked = await api(emu.url, 'POST', '/functions/b/invocations-async', { n: 1 });
  assert.equal(invoked.status, 202);
  await client.clock.advance({ seconds: 120 }, { projectId: P });
  const [inv] = await client.waitForInvocations({ projectId: P, requestId: invoked.body.request_id });
  assert.equal(inv.status, 'SUCCESS');
  assert.equal(inv.attempts, 2);
  assert.equal(inv.result, '{"ok":true}');
  const [d] = await client.waitForDeliveries({ projectId: P, destination: 'OBS', count: 1 });
  assert.equal(d.target, 'results');
  assert.equal(d.object_key, `ok/${invoked.body.request_id}`);
  await assert.rejects(client.waitForDeliveries({ projectId: P, count: 2, timeoutMs: 50 }),
                       (err) => err instanceof EmulatorError && /1 of 2 deliveries/.test(err.error_msg));
  await client.clearBehaviours({ projectId: P });
  await assert.rejects(client.invocations({}), /project_id is required/);
});
