'use strict';
// Versions and aliases (spec §10.5, §10.6) through the official SDK: publish, alias, the
// async-invoke-config of each qualifier, the list walked one per page, and deletion (D23).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('fgs-emulator');
const sdk = require('./lib/sdk');

const { fgs } = sdk;
const NAME = 'versioned';
const UNQUALIFIED = sdk.fullUrn(NAME, { qualifier: null });
const LATEST = sdk.fullUrn(NAME);
const V1 = `${UNQUALIFIED}:v1`;
const PROD = `${UNQUALIFIED}:!prod`;

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

function publish(version, description) {
  const body = new fgs.CreateFunctionVersionRequestBody().withVersion(version);
  if (description) body.withDescription(description);
  return client.createFunctionVersion(
    new fgs.CreateFunctionVersionRequest().withFunctionUrn(UNQUALIFIED).withBody(body));
}

function updateCode(text) {
  const body = new fgs.UpdateFunctionCodeRequestBody()
    .withCodeType('inline')
    .withFuncCode(new fgs.FuncCode().withFile(Buffer.from(text).toString('base64')));
  return client.updateFunctionCode(
    new fgs.UpdateFunctionCodeRequest().withFunctionUrn(UNQUALIFIED).withBody(body));
}

test('publish, alias, configure each qualifier, walk the list, delete a version', async () => {
  const v1 = await publish('v1', 'first');
  assert.equal(v1.func_urn, V1);
  assert.equal(v1.version, 'v1');
  assert.equal(v1.version_description, 'first');

  // nothing changed since v1: FSS.1016; after a code change v2 publishes
  await sdk.expectSdkError(publish('v2'), { status: 400, code: 'FSS.1016' });
  const code = await updateCode('def handler(event, context):\n    return 2\n');
  assert.notEqual(code.digest, v1.digest);
  await publish('v2');
  await sdk.expectSdkError(publish('v2'), { status: 409, code: 'FSS.1062' });

  const alias = await client.createVersionAlias(new fgs.CreateVersionAliasRequest()
    .withFunctionUrn(LATEST)
    .withBody(new fgs.CreateVersionAliasRequestBody().withName('prod').withVersion('v2')));
  assert.equal(alias.alias_urn, PROD);
  await sdk.expectSdkError(client.createVersionAlias(new fgs.CreateVersionAliasRequest()
    .withFunctionUrn(LATEST)
    .withBody(new fgs.CreateVersionAliasRequestBody().withName('prod').withVersion('v1'))),
  { status: 409, code: 'FSS.1063' });
  const shown = await client.showVersionAlias(
    new fgs.ShowVersionAliasRequest().withFunctionUrn(LATEST).withAliasName('prod'));
  assert.equal(shown.version, 'v2');
  assert.match(shown.last_modified, sdk.LAST_MODIFIED_RE);
  await sdk.expectSdkError(client.showVersionAlias(
    new fgs.ShowVersionAliasRequest().withFunctionUrn(LATEST).withAliasName('nope')),
  { status: 404, code: 'FSS.1053' });

  // one config per qualifier, each with its own func_urn
  for (const [urn, age] of [[LATEST, 100], [V1, 101], [PROD, 102]]) {
    const put = await sdk.updateConfig(client, urn, (b) => b.withMaxAsyncEventAgeInSeconds(age));
    assert.equal(put.func_urn, urn);
    assert.equal((await sdk.showConfig(client, urn)).max_async_event_age_in_seconds, age);
  }
  await sdk.expectSdkError(sdk.showConfig(client, `${UNQUALIFIED}:v9`),
    { status: 404, code: 'FSS.1052' });

  // the list, one per page, as Terraform walks it (next_marker 0 ends it, switch
  // list_end_marker=zero; otherwise a short page does)
  const seen = [];
  for (let marker = 0, pages = 0; pages < 10; ++pages) {
    const page = await sdk.listConfigs(client, UNQUALIFIED, { limit: '1', marker: String(marker) });
    seen.push(...page.async_invoke_configs.map((c) => c.func_urn));
    assert.equal(page.count, 3);
    if (page.async_invoke_configs.length < 1) break;
    marker = page.page_info.next_marker;
  }
  assert.deepEqual(seen, [LATEST, V1, PROD]);

  // versions: latest first, each with its own function_async_config (D04)
  const versions = await client.listFunctionVersions(
    new fgs.ListFunctionVersionsRequest().withFunctionUrn(UNQUALIFIED));
  assert.deepEqual(versions.versions.map((v) => v.version), ['latest', 'v1', 'v2']);
  assert.equal(versions.versions[1].function_async_config.max_async_event_age_in_seconds, 101);
  assert.equal(versions.versions[2].function_async_config, null);

  // v2 is prod's: refused; v1 goes with its config only; latest cannot be deleted
  await sdk.expectSdkError(sdk.deleteFunction(client, `${UNQUALIFIED}:v2`),
    { status: 409, code: 'FSS.1066' });
  await sdk.deleteFunction(client, V1);
  const remaining = await sdk.listConfigs(client, UNQUALIFIED);
  assert.deepEqual(remaining.async_invoke_configs.map((c) => c.func_urn), [LATEST, PROD]);
  await sdk.expectSdkError(sdk.deleteFunction(client, LATEST), { status: 400, code: 'FSS.0400' });

  // aliases: update, list, delete
  await client.updateVersionAlias(new fgs.UpdateVersionAliasRequest()
    .withFunctionUrn(LATEST).withAliasName('prod')
    .withBody(new fgs.UpdateVersionAliasRequestBody().withVersion('latest')
      .withDescription('now latest')));
  const listed = await client.listVersionAliases(
    new fgs.ListVersionAliasesRequest().withFunctionUrn(LATEST));
  const aliases = Array.isArray(listed) ? listed : listed.body;
  assert.equal(aliases.length, 1);
  assert.equal(aliases[0].version, 'latest');
  assert.equal(aliases[0].description, 'now latest');
  await client.deleteVersionAlias(
    new fgs.DeleteVersionAliasRequest().withFunctionUrn(LATEST).withAliasName('prod'));
  assert.deepEqual((await sdk.listConfigs(client, UNQUALIFIED)).async_invoke_configs
    .map((c) => c.func_urn), [LATEST]);

  // the whole function
  await sdk.deleteFunction(client, UNQUALIFIED);
  await sdk.expectSdkError(client.listFunctionVersions(
    new fgs.ListFunctionVersionsRequest().withFunctionUrn(UNQUALIFIED)),
  { status: 404, code: 'FSS.1051' });
});
