'use strict';
// The SDK's exact wire format against the emulator's defaults (documented profile). A recording
// forwarder sits between the SDK and the emulator; every request is checked as received, and
// every answer must be the success the SDK expects, with no switch involved.
//
// Findings pinned here (SDK 3.1.211):
// - Content-Type: application/json on every method, GET and DELETE included (HcClient sets it
//   from the operation's contentType; the Node SDK has no option to drop it), so the documented
//   profile's require_content_type=all (D08) accepts the SDK.
// - Function URNs travel with literal colons (no %3A) in the path.
// - SignedHeaders=content-type;host;x-project-id;x-sdk-date. Host (with the port) IS signed;
//   User-Agent and Accept are added after signing and are NOT signed.
// - The payload hash is SHA-256 of JSON.stringify(body), which is exactly the body on the wire.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('fgs-emulator');
const { startRecorder } = require('./lib/recorder');
const { parseAuthorization, computeSignature } = require('./lib/signing');
const sdk = require('./lib/sdk');

const { PROJECT, AK, SK } = sdk;
const URN = sdk.fullUrn('wire');

let emulator;
let recorder;
const calls = {}; // operation name -> recorded request

before(async () => {
  emulator = await startEmulator();
  recorder = await startRecorder(emulator.url);
  const client = sdk.makeClient(recorder.url);
  const record = async (name, call) => {
    const count = recorder.requests.length;
    await call();
    assert.equal(recorder.requests.length, count + 1, `${name}: one HTTP request`);
    calls[name] = recorder.requests[count];
  };
  await record('CreateFunction', () => sdk.createFunction(client, 'wire'));
  await record('UpdateFunctionAsyncInvokeConfig', () => sdk.updateConfig(client, URN, (b) => b
    .withMaxAsyncEventAgeInSeconds(300).withMaxAsyncRetryAttempts(3)));
  await record('ShowFunctionAsyncInvokeConfig', () => sdk.showConfig(client, URN));
  await record('ListFunctionAsyncInvokeConfig',
               () => sdk.listConfigs(client, URN, { limit: '5', marker: '0' }));
  await record('DeleteFunctionAsyncInvokeConfig', () => sdk.deleteConfig(client, URN));
  await record('DeleteFunction',
               () => sdk.deleteFunction(client, sdk.fullUrn('wire', { qualifier: null })));
});

after(async () => {
  if (recorder) await recorder.stop();
  if (!emulator) return;
  const { code, signal, stderr } = await emulator.stop();
  assert.equal(code, 0, `fgs-emulator exit (signal ${signal}); stderr: ${stderr}`);
});

const BASE = `/v2/${PROJECT}/fgs/functions`;
const EXPECTED = {
  CreateFunction: { method: 'POST', target: BASE, status: 200, body: true },
  UpdateFunctionAsyncInvokeConfig:
    { method: 'PUT', target: `${BASE}/${URN}/async-invoke-config`, status: 200, body: true },
  ShowFunctionAsyncInvokeConfig:
    { method: 'GET', target: `${BASE}/${URN}/async-invoke-config`, status: 200, body: false },
  ListFunctionAsyncInvokeConfig: {
    method: 'GET', target: `${BASE}/${URN}/async-invoke-configs?marker=0&limit=5`, status: 200,
    body: false,
  },
  DeleteFunctionAsyncInvokeConfig:
    { method: 'DELETE', target: `${BASE}/${URN}/async-invoke-config`, status: 204, body: false },
  DeleteFunction: {
    method: 'DELETE', target: `${BASE}/${sdk.fullUrn('wire', { qualifier: null })}`, status: 204,
    body: false,
  },
};

for (const [name, want] of Object.entries(EXPECTED)) {
  test(`${name}: method, path (literal colons) and query as sent by the SDK`, () => {
    const req = calls[name];
    assert.ok(req, 'request recorded');
    assert.equal(req.method, want.method);
    assert.equal(req.target, want.target);
  });

  test(`${name}: Content-Type application/json is sent (${want.method}) and accepted`, () => {
    const req = calls[name];
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(req.headers.accept, 'application/json');
    assert.equal(req.status, want.status, `emulator status for ${name}`);
    // The default profile served it: no switch differing from `documented` shaped the answer.
    assert.equal(req.responseHeaders['x-emulator-switches'], undefined);
    assert.ok(req.responseHeaders['x-request-id'], 'X-Request-Id on every answer');
    if (want.body) {
      assert.ok(req.body.length > 0);
      assert.equal(req.headers['content-length'], String(req.body.length));
      assert.equal(typeof JSON.parse(req.body.toString('utf8')), 'object');
    } else {
      assert.equal(req.body.length, 0);
      assert.equal(req.headers['content-length'], undefined);
    }
  });

  test(`${name}: X-Project-Id, User-Agent, Host and X-Sdk-Date`, () => {
    const req = calls[name];
    assert.equal(req.headers['x-project-id'], PROJECT);
    assert.match(req.headers['user-agent'],
                 /^huaweicloud-usdk-nodejs\/3\.0; os\/\S+ nodejs\/v\d+\.\d+\.\d+ meta\/\S*; app\/[0-9a-f-]{36}$/);
    assert.equal(req.headers.host, `127.0.0.1:${recorder.port}`);
    assert.match(req.headers['x-sdk-date'], /^\d{8}T\d{6}Z$/);
    const d = req.headers['x-sdk-date'];
    const when = Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8),
                          +d.slice(9, 11), +d.slice(11, 13), +d.slice(13, 15));
    assert.ok(Math.abs(when - Date.now()) < 15 * 60 * 1000, 'X-Sdk-Date within 15 minutes');
    assert.equal(req.headers['x-auth-token'], undefined);
    assert.equal(req.headers['x-security-token'], undefined);
    assert.equal(req.headers['x-sdk-content-sha256'], undefined);
  });

  test(`${name}: Authorization verifies with the spec's SDK-HMAC-SHA256 (§12.2)`, () => {
    const req = calls[name];
    const auth = parseAuthorization(req.headers.authorization);
    assert.ok(auth, `well-formed Authorization: ${req.headers.authorization}`);
    assert.equal(auth.access, AK);
    assert.deepEqual(auth.signedHeaders, ['content-type', 'host', 'x-project-id', 'x-sdk-date']);
    assert.equal(computeSignature(req, auth.signedHeaders, SK).signature, auth.signature);
    // …and not with another secret key.
    assert.notEqual(computeSignature(req, auth.signedHeaders, `${SK}x`).signature, auth.signature);
  });
}

test('the PUT body is the compact JSON of the request body model, snake_case keys', () => {
  const req = calls.UpdateFunctionAsyncInvokeConfig;
  assert.equal(req.body.toString('utf8'),
               '{"max_async_event_age_in_seconds":300,"max_async_retry_attempts":3}');
});

test('the URN segment verifies whether its colons are literal or %3A-encoded', () => {
  // The emulator decodes the segment before canonicalising (§12.2); the SDK encodes the
  // literal colons. A client sending %3A must get the same signature.
  const req = calls.ShowFunctionAsyncInvokeConfig;
  const auth = parseAuthorization(req.headers.authorization);
  const encoded = { ...req, target: req.target.replace(/:/g, '%3A') };
  assert.notEqual(encoded.target, req.target);
  assert.equal(computeSignature(encoded, auth.signedHeaders, SK).signature, auth.signature);
});
