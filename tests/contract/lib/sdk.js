'use strict';
// Builds FunctionGraph clients of the official Node.js SDK against an emulator and wraps the
// few calls every test file needs.

const assert = require('node:assert/strict');
const fgs = require('@huaweicloud/huaweicloud-sdk-functiongraph');
const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
const { Logger4jInstance } = require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger');

// The SDK logs every failed call (the whole axios config, colored) to stdout through log4js;
// the error tests fail calls on purpose. FGS_CONTRACT_SDK_LOG=debug (or error, …) shows it.
Logger4jInstance.level = process.env.FGS_CONTRACT_SDK_LOG || 'off';

const PROJECT = '0123456789abcdef0123456789abcdef';
const OTHER_PROJECT = 'fedcba9876543210fedcba9876543210';
const AK = 'CONTRACTTESTAK00000000';
const SK = 'contract-test-secret-key-0000000000000000';

function makeClient(endpoint, { ak = AK, sk = SK, projectId = PROJECT } = {}) {
  const credentials = new BasicCredentials().withAk(ak).withSk(sk).withProjectId(projectId);
  return fgs.FunctionGraphClient.newBuilder()
    .withCredential(credentials)
    .withEndpoint(endpoint)
    .build();
}

function fullUrn(name, { project = PROJECT, region = 'cn-north-4', pkg = 'default',
                         qualifier = 'latest' } = {}) {
  const base = `urn:fss:${region}:${project}:function:${pkg}:${name}`;
  return qualifier === null ? base : `${base}:${qualifier}`;
}

// Creates a Python function `name` in package `default` through the SDK; resolves to the
// SDK's response.
function createFunction(client, name) {
  const body = new fgs.CreateFunctionRequestBody()
    .withFuncName(name)
    .withPackage('default')
    .withRuntime(fgs.CreateFunctionRequestBodyRuntimeEnum.PYTHON3_9)
    .withHandler('index.handler')
    .withMemorySize(128)
    .withTimeout(30)
    .withCodeType(fgs.CreateFunctionRequestBodyCodeTypeEnum.INLINE)
    .withFuncCode(new fgs.FuncCode().withFile(
      Buffer.from('def handler(event, context):\n    return event\n').toString('base64')));
  return client.createFunction(new fgs.CreateFunctionRequest().withBody(body));
}

function destination(kind, param) {
  return new fgs.FuncDestinationConfig().withDestination(kind).withParam(JSON.stringify(param));
}

function updateConfig(client, functionUrn, build) {
  const body = build(new fgs.UpdateFunctionAsyncInvokeConfigRequestBody());
  return client.updateFunctionAsyncInvokeConfig(
    new fgs.UpdateFunctionAsyncInvokeConfigRequest().withFunctionUrn(functionUrn).withBody(body));
}

function showConfig(client, functionUrn) {
  return client.showFunctionAsyncInvokeConfig(
    new fgs.ShowFunctionAsyncInvokeConfigRequest().withFunctionUrn(functionUrn));
}

function listConfigs(client, functionUrn, { limit, marker } = {}) {
  const req = new fgs.ListFunctionAsyncInvokeConfigRequest().withFunctionUrn(functionUrn);
  if (limit !== undefined) req.withLimit(limit);
  if (marker !== undefined) req.withMarker(marker);
  return client.listFunctionAsyncInvokeConfig(req);
}

function deleteConfig(client, functionUrn) {
  return client.deleteFunctionAsyncInvokeConfig(
    new fgs.DeleteFunctionAsyncInvokeConfigRequest().withFunctionUrn(functionUrn));
}

function deleteFunction(client, functionUrn) {
  return client.deleteFunction(new fgs.DeleteFunctionRequest().withFunctionUrn(functionUrn));
}

// Awaits a call that must fail with an HTTP error and returns the SDK's exception, asserting it
// is the SDK's ClientRequestException with the given status and error code.
async function expectSdkError(promise, { status, code }) {
  let result;
  try {
    result = await promise;
  } catch (err) {
    assert.equal(err.name, 'ClientRequestException',
                 `expected the SDK's ClientRequestException, got ${err.name}: ${err.message}`);
    assert.equal(err.httpStatusCode, status, `status; error: ${err.errorCode} ${err.errorMsg}`);
    if (code !== undefined) assert.equal(err.errorCode, code, `errorCode; message: ${err.errorMsg}`);
    return err;
  }
  assert.fail(`expected HTTP ${status} ${code ?? ''}, got success: ${JSON.stringify(result)}`);
}

// Shapes of the two timestamps (spec D05, documented profile).
const CREATED_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const LAST_MODIFIED_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

module.exports = {
  fgs, BasicCredentials, PROJECT, OTHER_PROJECT, AK, SK,
  makeClient, fullUrn, createFunction, destination, updateConfig, showConfig, listConfigs,
  deleteConfig, deleteFunction, expectSdkError, CREATED_TIME_RE, LAST_MODIFIED_RE,
};
