'use strict';
// The async-invoke-config lifecycle through the official SDK, default (documented) profile:
// create a function, update / show / list / delete its config, and check what the SDK user gets.
//
// What the SDK user sees: FunctionGraphClient resolves to the parsed JSON body itself (a plain
// object with the wire's snake_case keys) plus `httpStatusCode`. The SDK's response classes
// (ShowFunctionAsyncInvokeConfigResponse, …) and their camelCase getters are NOT applied, so
// `response.maxAsyncRetryAttempts` is undefined; `response.max_async_retry_attempts` is the value.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('fgs-emulator');
const sdk = require('./lib/sdk');

const { fgs, PROJECT } = sdk;
const URN = sdk.fullUrn('lifecycle');
const SMN_TOPIC = `urn:smn:cn-north-4:${PROJECT}:failures`;
const TARGET_FN = sdk.fullUrn('on-success-target');

let emulator;
let client;

before(async () => {
  emulator = await startEmulator();
  client = sdk.makeClient(emulator.url);
});

after(async () => {
  if (!emulator) return;
  const { code, signal, stderr } = await emulator.stop();
  assert.equal(code, 0, `fgs-emulator exit (signal ${signal}); stderr: ${stderr}`);
});

// Timestamps in the documented style (D05, +08:00) as epoch milliseconds.
function createdMs(s) { return Date.parse(s); }
function lastModifiedMs(s) { return Date.parse(`${s.replace(' ', 'T')}+08:00`); }

function assertTimestamps(config) {
  assert.match(config.created_time, sdk.CREATED_TIME_RE);
  assert.match(config.last_modified, sdk.LAST_MODIFIED_RE);
  // The emulator's clock is the machine's: within a few minutes of ours.
  assert.ok(Math.abs(createdMs(config.created_time) - Date.now()) < 5 * 60 * 1000,
            `created_time ${config.created_time} is not now`);
}

let firstPut; // the answer of the first PUT, compared by later tests

test('CreateFunction answers the function with its full URN', async () => {
  const res = await sdk.createFunction(client, 'lifecycle');
  assert.equal(res.httpStatusCode, 200);
  assert.equal(res.func_urn, URN);
  assert.equal(res.func_name, 'lifecycle');
  assert.equal(res.package, 'default');
  assert.equal(res.runtime, 'Python3.9');
  assert.equal(res.memory_size, 128);
  assert.equal(res.timeout, 30);
  assert.equal(typeof res.func_id, 'string');
  assert.ok(res.func_id.length > 0);
});

test('UpdateFunctionAsyncInvokeConfig echoes every documented field', async () => {
  const res = await sdk.updateConfig(client, URN, (b) => b
    .withMaxAsyncEventAgeInSeconds(600)
    .withMaxAsyncRetryAttempts(2)
    .withEnableAsyncStatusLog(true)
    .withDestinationConfig(new fgs.FuncAsyncDestinationConfig()
      .withOnSuccess(sdk.destination(fgs.FuncDestinationConfigDestinationEnum.FUNCTIONGRAPH,
                                     { func_urn: TARGET_FN }))
      .withOnFailure(sdk.destination(fgs.FuncDestinationConfigDestinationEnum.SMN,
                                     { topic_urn: SMN_TOPIC }))));
  assert.equal(res.httpStatusCode, 200);
  assert.equal(res.func_urn, URN);
  assert.equal(res.max_async_event_age_in_seconds, 600);
  assert.equal(res.max_async_retry_attempts, 2);
  assert.equal(res.enable_async_status_log, true);
  assert.deepEqual(res.destination_config, {
    on_success: { destination: 'FunctionGraph', param: JSON.stringify({ func_urn: TARGET_FN }) },
    on_failure: { destination: 'SMN', param: JSON.stringify({ topic_urn: SMN_TOPIC }) },
  });
  assertTimestamps(res);
  // First PUT: created_time and last_modified are the same instant (allow a second boundary).
  assert.ok(Math.abs(createdMs(res.created_time) - lastModifiedMs(res.last_modified)) <= 1000,
            `${res.created_time} vs ${res.last_modified}`);
  // No field beyond the documented response table (log_* are stored, never echoed: D07).
  assert.deepEqual(Object.keys(res).sort(), [
    'created_time', 'destination_config', 'enable_async_status_log', 'func_urn',
    'httpStatusCode', 'last_modified', 'max_async_event_age_in_seconds',
    'max_async_retry_attempts',
  ]);
  firstPut = res;
});

test('the SDK hands back the raw snake_case body: its camelCase getters are not applied', async () => {
  const res = await sdk.showConfig(client, URN);
  assert.equal(res.max_async_retry_attempts, 2);
  assert.equal(Object.getPrototypeOf(res), Object.prototype);
  assert.equal(res.maxAsyncRetryAttempts, undefined);
  assert.equal(res.funcUrn, undefined);
  assert.ok(!(res instanceof fgs.ShowFunctionAsyncInvokeConfigResponse));
});

test('ShowFunctionAsyncInvokeConfig returns the stored config', async () => {
  assert.ok(firstPut, 'needs the PUT test');
  const res = await sdk.showConfig(client, URN);
  assert.equal(res.httpStatusCode, 200);
  const { httpStatusCode: _a, ...shown } = res;
  const { httpStatusCode: _b, ...put } = firstPut;
  assert.deepEqual(shown, put);
});

test('a second PUT replaces the config, keeps created_time and moves last_modified', async () => {
  assert.ok(firstPut, 'needs the PUT test');
  // Only the retries: under the default put_mode=replace every omitted field takes its default.
  const res = await sdk.updateConfig(client, URN, (b) => b.withMaxAsyncRetryAttempts(0));
  assert.equal(res.httpStatusCode, 200);
  assert.equal(res.func_urn, URN);
  assert.equal(res.max_async_retry_attempts, 0);
  assert.equal(res.max_async_event_age_in_seconds, 3600);
  assert.equal(res.enable_async_status_log, false);
  assert.equal(res.destination_config, undefined);
  assert.equal(res.created_time, firstPut.created_time);
  assertTimestamps(res);
  assert.ok(lastModifiedMs(res.last_modified) >= lastModifiedMs(firstPut.last_modified));

  const shown = await sdk.showConfig(client, URN);
  assert.equal(shown.max_async_retry_attempts, 0);
  assert.equal(shown.max_async_event_age_in_seconds, 3600);
});

test('ListFunctionAsyncInvokeConfig lists the config with count and page_info', async () => {
  const res = await sdk.listConfigs(client, URN, { limit: '10' });
  assert.equal(res.httpStatusCode, 200);
  assert.equal(res.count, 1);
  assert.deepEqual(res.page_info, { next_marker: 1, previous_marker: 0, current_count: 1 });
  assert.equal(res.async_invoke_configs.length, 1);
  const [item] = res.async_invoke_configs;
  assert.equal(item.func_urn, URN);
  assert.equal(item.max_async_retry_attempts, 0);
  assert.equal(item.max_async_event_age_in_seconds, 3600);
  assert.equal(item.enable_async_status_log, false);
  assert.equal(item.created_time, firstPut.created_time);
  assert.match(item.last_modified, sdk.LAST_MODIFIED_RE);
});

test('ListFunctionAsyncInvokeConfig pages with limit and marker', async () => {
  const first = await sdk.listConfigs(client, URN, { limit: '1', marker: '0' });
  assert.equal(first.count, 1);
  assert.equal(first.async_invoke_configs.length, 1);
  assert.deepEqual(first.page_info, { next_marker: 1, previous_marker: 0, current_count: 1 });

  // Past the end: an empty page; next_marker stays offset + returned (D10, list_end_marker=offset).
  const second = await sdk.listConfigs(client, URN, {
    limit: '1', marker: String(first.page_info.next_marker),
  });
  assert.equal(second.count, 1);
  assert.deepEqual(second.async_invoke_configs, []);
  assert.deepEqual(second.page_info, { next_marker: 1, previous_marker: 1, current_count: 0 });
});

test('ListFunctionAsyncInvokeConfig without limit or marker uses the defaults', async () => {
  const res = await sdk.listConfigs(client, sdk.fullUrn('lifecycle', { qualifier: null }));
  assert.equal(res.count, 1);
  assert.equal(res.async_invoke_configs[0].func_urn, URN);
  assert.deepEqual(res.page_info, { next_marker: 1, previous_marker: 0, current_count: 1 });
});

test('DeleteFunctionAsyncInvokeConfig answers 204, after which the config is gone', async () => {
  const res = await sdk.deleteConfig(client, URN);
  assert.deepEqual(res, { httpStatusCode: 204 });
  await sdk.expectSdkError(sdk.showConfig(client, URN), { status: 404, code: 'FSS.0404' });
  const list = await sdk.listConfigs(client, URN);
  assert.equal(list.count, 0);
  assert.deepEqual(list.async_invoke_configs, []);
  assert.deepEqual(list.page_info, { next_marker: 0, previous_marker: 0, current_count: 0 });
});

test('DeleteFunction removes the function and its configs', async () => {
  await sdk.updateConfig(client, URN, (b) => b.withMaxAsyncRetryAttempts(1));
  const res = await sdk.deleteFunction(client, sdk.fullUrn('lifecycle', { qualifier: null }));
  assert.deepEqual(res, { httpStatusCode: 204 });
  await sdk.expectSdkError(sdk.showConfig(client, URN), { status: 404, code: 'FSS.1051' });
});
