'use strict';
// Error answers as the SDK user meets them: the SDK throws ClientRequestException with
// httpStatusCode, errorCode (from error_code), errorMsg (from error_msg) and requestId (from the
// X-Request-Id header). Default (documented) profile.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('fgs-emulator');
const sdk = require('./lib/sdk');

const { fgs, PROJECT, OTHER_PROJECT } = sdk;
const URN = sdk.fullUrn('errors');

let emulator;
let client;

before(async () => {
  emulator = await startEmulator();
  client = sdk.makeClient(emulator.url);
  await sdk.createFunction(client, 'errors');
  await sdk.updateConfig(client, URN, (b) => b.withMaxAsyncRetryAttempts(2)
    .withMaxAsyncEventAgeInSeconds(120));
});

after(async () => {
  if (!emulator) return;
  const { code, signal, stderr } = await emulator.stop();
  assert.equal(code, 0, `fgs-emulator exit (signal ${signal}); stderr: ${stderr}`);
});

// The config stored in `before` must survive every rejected update.
async function assertConfigUnchanged() {
  const shown = await sdk.showConfig(client, URN);
  assert.equal(shown.max_async_retry_attempts, 2);
  assert.equal(shown.max_async_event_age_in_seconds, 120);
}

test('out-of-range retries: 400 FSS.0400 naming max_async_retry_attempts', async () => {
  const err = await sdk.expectSdkError(
    sdk.updateConfig(client, URN, (b) => b.withMaxAsyncRetryAttempts(4)),
    { status: 400, code: 'FSS.0400' });
  assert.match(err.errorMsg, /^Invalid parameter/);
  assert.match(err.errorMsg, /max_async_retry_attempts/);
  assert.match(err.errorMsg, /\b4\b/);
  assert.equal(err.message, err.errorMsg);
  assert.match(err.requestId, /^\S+$/);
  await assertConfigUnchanged();
});

test('out-of-range event age: 400 FSS.0400 naming max_async_event_age_in_seconds', async () => {
  const err = await sdk.expectSdkError(
    sdk.updateConfig(client, URN, (b) => b.withMaxAsyncEventAgeInSeconds(86401)),
    { status: 400, code: 'FSS.0400' });
  assert.match(err.errorMsg, /max_async_event_age_in_seconds/);
  await assertConfigUnchanged();
});

test('unknown function: 404 FSS.1051 on every operation', async () => {
  const missing = sdk.fullUrn('no-such-function');
  for (const call of [
    () => sdk.updateConfig(client, missing, (b) => b.withMaxAsyncRetryAttempts(1)),
    () => sdk.showConfig(client, missing),
    () => sdk.listConfigs(client, missing),
    () => sdk.deleteConfig(client, missing),
  ]) {
    const err = await sdk.expectSdkError(call(), { status: 404, code: 'FSS.1051' });
    assert.match(err.errorMsg, /^Not found the function/);
    assert.match(err.errorMsg, /no-such-function/);
  }
});

test('config never set: 404 FSS.0404 on show and delete', async () => {
  await sdk.createFunction(client, 'unconfigured');
  const urn = sdk.fullUrn('unconfigured');
  for (const call of [() => sdk.showConfig(client, urn), () => sdk.deleteConfig(client, urn)]) {
    const err = await sdk.expectSdkError(call(), { status: 404, code: 'FSS.0404' });
    assert.match(err.errorMsg, /^The specified resource was not found/);
  }
});

test('bad list limit -1: 400 FSS.1001', async () => {
  const err = await sdk.expectSdkError(sdk.listConfigs(client, URN, { limit: '-1' }),
                                       { status: 400, code: 'FSS.1001' });
  assert.match(err.errorMsg, /^Invalid query parameter/);
  assert.match(err.errorMsg, /limit/);
});

test('bad list marker: 400 FSS.1001', async () => {
  const err = await sdk.expectSdkError(sdk.listConfigs(client, URN, { marker: 'abc' }),
                                       { status: 400, code: 'FSS.1001' });
  assert.match(err.errorMsg, /marker/);
});

test('destination outside the enum: 400 FSS.0400 naming the field', async () => {
  const err = await sdk.expectSdkError(
    sdk.updateConfig(client, URN, (b) => b.withDestinationConfig(
      new fgs.FuncAsyncDestinationConfig().withOnFailure(sdk.destination('SQS', { queue: 'q' })))),
    { status: 400, code: 'FSS.0400' });
  assert.match(err.errorMsg, /destination_config\.on_failure\.destination/);
  assert.match(err.errorMsg, /SQS/);
  await assertConfigUnchanged();
});

test("the SDK enum's DIS is rejected under the documented profile (D06)", async () => {
  // FuncDestinationConfigDestinationEnum offers OBS, SMN, DIS, FunctionGraph; the API pages
  // only the three others: allow_dis_destination=false in the documented preset.
  const err = await sdk.expectSdkError(
    sdk.updateConfig(client, URN, (b) => b.withDestinationConfig(
      new fgs.FuncAsyncDestinationConfig().withOnSuccess(sdk.destination(
        fgs.FuncDestinationConfigDestinationEnum.DIS, { stream_name: 'events' })))),
    { status: 400, code: 'FSS.0400' });
  assert.match(err.errorMsg, /destination_config\.on_success\.destination/);
  await assertConfigUnchanged();
});

test('a bad destination param names the key inside param', async () => {
  const err = await sdk.expectSdkError(
    sdk.updateConfig(client, URN, (b) => b.withDestinationConfig(
      new fgs.FuncAsyncDestinationConfig().withOnFailure(sdk.destination(
        fgs.FuncDestinationConfigDestinationEnum.OBS, { bucket: 'my-bucket', expires: 366 })))),
    { status: 400, code: 'FSS.0400' });
  assert.match(err.errorMsg, /destination_config\.on_failure\.param\.expires/);
  await assertConfigUnchanged();
});

test('a URN of another project: 400 FSS.1309', async () => {
  const foreign = sdk.fullUrn('errors', { project: OTHER_PROJECT });
  for (const call of [
    () => sdk.showConfig(client, foreign),
    () => sdk.updateConfig(client, foreign, (b) => b.withMaxAsyncRetryAttempts(1)),
  ]) {
    const err = await sdk.expectSdkError(call(), { status: 400, code: 'FSS.1309' });
    assert.match(err.errorMsg, /^Invalid function URN/);
  }
  await assertConfigUnchanged();
});

test('a malformed URN: 400 FSS.1309', async () => {
  const err = await sdk.expectSdkError(sdk.showConfig(client, `urn:fss:cn-north-4:${PROJECT}:x`),
                                       { status: 400, code: 'FSS.1309' });
  assert.match(err.errorMsg, /^Invalid function URN/);
});
