'use strict';
// Short URN forms (spec §10.1) passed as the SDK's function_urn: every form names the same
// function, and answers always carry the full, qualified URN.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('fgs-emulator');
const sdk = require('./lib/sdk');

const { PROJECT } = sdk;
const NAME = 'shorty';
const FULL = sdk.fullUrn(NAME);

const FORMS = {
  '1 field (name)': NAME,
  '2 fields (package:name)': `default:${NAME}`,
  '3 fields (project:package:name)': `${PROJECT}:default:${NAME}`,
  '4 fields (project:package:name:latest)': `${PROJECT}:default:${NAME}:latest`,
  '7 fields (unqualified URN)': sdk.fullUrn(NAME, { qualifier: null }),
  '8 fields (full URN)': FULL,
};

let emulator;
let client;

before(async () => {
  emulator = await startEmulator();
  client = sdk.makeClient(emulator.url);
  await sdk.createFunction(client, NAME);
});

after(async () => {
  if (!emulator) return;
  const { code, signal, stderr } = await emulator.stop();
  assert.equal(code, 0, `fgs-emulator exit (signal ${signal}); stderr: ${stderr}`);
});

let retries = 0;
for (const [label, urn] of Object.entries(FORMS)) {
  test(`${label}: update, show and list through "${urn}"`, async () => {
    retries = (retries + 1) % 4;
    const put = await sdk.updateConfig(client, urn, (b) => b.withMaxAsyncRetryAttempts(retries));
    assert.equal(put.func_urn, FULL);
    assert.equal(put.max_async_retry_attempts, retries);

    // The config written through the short form is the one of the full URN, and back.
    const viaFull = await sdk.showConfig(client, FULL);
    assert.equal(viaFull.max_async_retry_attempts, retries);
    const viaForm = await sdk.showConfig(client, urn);
    assert.equal(viaForm.func_urn, FULL);
    assert.equal(viaForm.max_async_retry_attempts, retries);

    const list = await sdk.listConfigs(client, urn);
    assert.equal(list.count, 1);
    assert.equal(list.async_invoke_configs[0].func_urn, FULL);
  });
}

test('delete through the 1-field form removes the config of the full URN', async () => {
  await sdk.updateConfig(client, FULL, (b) => b.withMaxAsyncRetryAttempts(1));
  assert.deepEqual(await sdk.deleteConfig(client, NAME), { httpStatusCode: 204 });
  await sdk.expectSdkError(sdk.showConfig(client, FULL), { status: 404, code: 'FSS.0404' });
});

test('a version qualifier answers 404 FSS.1052, an alias (!name) 404 FSS.1053', async () => {
  const version = await sdk.expectSdkError(sdk.showConfig(client, `${FULL.slice(0, -'latest'.length)}v1`),
                                           { status: 404, code: 'FSS.1052' });
  assert.match(version.errorMsg, /^Not found the function version/);
  const alias = await sdk.expectSdkError(
    sdk.showConfig(client, `${PROJECT}:default:${NAME}:!blue`), { status: 404, code: 'FSS.1053' });
  assert.match(alias.errorMsg, /^Not found the function alias/);
});

test('a short form of a function that does not exist: 404 FSS.1051', async () => {
  await sdk.expectSdkError(sdk.showConfig(client, 'nobody'), { status: 404, code: 'FSS.1051' });
  await sdk.expectSdkError(sdk.showConfig(client, 'other-pkg:shorty'),
                           { status: 404, code: 'FSS.1051' });
});
