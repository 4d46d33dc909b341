'use strict';
// AK/SK signature verification (spec §12.2) against the SDK's real signer:
// `--credential AK:SK --auth strict` must accept what the SDK signs with the right secret key and
// refuse it (401 APIGW.0301, §11.2/§11.3) with a wrong one or an unknown AK.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('fgs-emulator');
const sdk = require('./lib/sdk');

const URN = sdk.fullUrn('signed');

let emulator;

before(async () => {
  emulator = await startEmulator(['--credential', `${sdk.AK}:${sdk.SK}`, '--auth', 'strict']);
});

after(async () => {
  if (!emulator) return;
  const { code, signal, stderr } = await emulator.stop();
  assert.equal(code, 0, `fgs-emulator exit (signal ${signal}); stderr: ${stderr}`);
});

function assertSignatureRefused(err) {
  assert.match(err.errorMsg, /^Incorrect IAM authentication information/);
  assert.match(err.requestId, /^\S+$/);
}

test('strict: every operation signed by the SDK with the right SK is accepted', async () => {
  const client = sdk.makeClient(emulator.url);
  assert.equal((await sdk.createFunction(client, 'signed')).func_urn, URN);
  const put = await sdk.updateConfig(client, URN, (b) => b.withMaxAsyncRetryAttempts(3)
    .withMaxAsyncEventAgeInSeconds(900));
  assert.equal(put.max_async_retry_attempts, 3);
  assert.equal((await sdk.showConfig(client, 'signed')).max_async_event_age_in_seconds, 900);
  assert.equal((await sdk.listConfigs(client, URN, { limit: '1', marker: '0' })).count, 1);
  assert.deepEqual(await sdk.deleteConfig(client, URN), { httpStatusCode: 204 });
});

test('strict: a wrong SK is refused with 401 APIGW.0301 and nothing is changed', async () => {
  const good = sdk.makeClient(emulator.url);
  const bad = sdk.makeClient(emulator.url, { sk: `${sdk.SK}-wrong` });
  await sdk.updateConfig(good, URN, (b) => b.withMaxAsyncRetryAttempts(1));
  for (const call of [
    () => sdk.updateConfig(bad, URN, (b) => b.withMaxAsyncRetryAttempts(2)),
    () => sdk.showConfig(bad, URN),
    () => sdk.listConfigs(bad, URN, { limit: '5' }),
    () => sdk.deleteConfig(bad, URN),
  ]) {
    const err = await sdk.expectSdkError(call(), { status: 401, code: 'APIGW.0301' });
    assertSignatureRefused(err);
    assert.match(err.errorMsg, /verify aksk signature fail/);
  }
  assert.equal((await sdk.showConfig(good, URN)).max_async_retry_attempts, 1);
});

test('strict: an unknown AK is refused with 401 APIGW.0301', async () => {
  const stranger = sdk.makeClient(emulator.url, { ak: 'UNKNOWNAK0000000000000' });
  const err = await sdk.expectSdkError(sdk.showConfig(stranger, URN),
                                       { status: 401, code: 'APIGW.0301' });
  assertSignatureRefused(err);
});
