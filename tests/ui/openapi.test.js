'use strict';
// The OpenAPI document (emulator/control/openapi.json, served at /_emulator/openapi.json):
// valid OpenAPI 3.1 by a maintained validator; served byte for byte; linked from the
// dashboard; and the emulator's live answers match it — the contract suite's recorded
// exchanges (tests/contract/lib/recorder.js) and a walk here through every operation, with
// successes and errors. (That every route has an operation and every operation a route is
// tests/api/openapi_test.cpp, which walks the router's table.)

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const SwaggerParser = require('@apidevtools/swagger-parser');
const { startEmulator } = require('../../clients/node');
const { call, CREATE } = require('./lib/http');
const { DOCUMENT, readDocument, makeChecker } = require('./lib/openapi');

let emulator;
let checker;

before(async () => {
  emulator = await startEmulator(['--seed', '3']);
  checker = await makeChecker();
});

after(async () => {
  if (emulator) {
    const { code, stderr } = await emulator.stop();
    assert.equal(code, 0, `fgs-emulator exit; stderr: ${stderr}`);
  }
});

test('the document is valid OpenAPI 3.1', async () => {
  const api = await SwaggerParser.validate(DOCUMENT);
  assert.equal(api.openapi, '3.1.0');
});

test('every operation documents its errors, and x-emulation names discrepancies', () => {
  const doc = readDocument();
  const ids = new Set();
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      assert.ok(op.operationId && !ids.has(op.operationId), `${method} ${p}: unique operationId`);
      ids.add(op.operationId);
      const statuses = Object.keys(op.responses);
      assert.ok(statuses.some((s) => /^[23]/.test(s)), `${op.operationId}: a success`);
      assert.ok(statuses.includes('404'), `${op.operationId}: 404 (unknown path or resource)`);
      if (p.startsWith('/v2/')) {
        for (const s of ['400', '401', '404', '406', '413', '500', 'default']) {
          assert.ok(statuses.includes(s), `${op.operationId}: documents ${s}`);
        }
      } else if (!p.startsWith('/_emulator/ui') && p !== '/_emulator/openapi.json') {
        for (const s of ['400', '401']) assert.ok(statuses.includes(s), `${op.operationId}: documents ${s}`);
      }
    }
  }
  const text = fs.readFileSync(DOCUMENT, 'utf8');
  const marks = [...text.matchAll(/"x-emulation": "([^"]*)"/g)].map((m) => m[1]);
  assert.ok(marks.length >= 10, 'discrepancy switches are marked');
  for (const m of marks) assert.match(m, /^D\d\d(, D\d\d)*$/, `x-emulation value ${m}`);
  // The ranges of the request table are in the schema (D01, D02).
  const req = doc.components.schemas.AsyncInvokeConfigRequest.properties;
  assert.deepEqual([req.max_async_event_age_in_seconds.minimum, req.max_async_event_age_in_seconds.maximum], [1, 86400]);
  assert.deepEqual([req.max_async_retry_attempts.minimum, req.max_async_retry_attempts.maximum], [0, 3]);
});

test('the emulator serves the document byte for byte, and the dashboard links it', async () => {
  const served = await call(`${emulator.url}/_emulator/openapi.json`, 'GET');
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'application/json');
  assert.equal(served.text, fs.readFileSync(DOCUMENT, 'utf8'));
  const page = await call(`${emulator.url}/_emulator/ui/`, 'GET');
  assert.match(page.text, /href="\.\.\/openapi\.json"/);
});

test("the contract suite's recorded answers match the response schemas", () => {
  const dir = process.env.FGS_CONTRACT_RECORDINGS ||
    path.resolve(__dirname, '..', '..', 'build', 'contract-recordings');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  assert.ok(files.length > 0, `no recordings in ${dir}: run tests/contract/run first (tests/ui/run does)`);
  let checked = 0;
  const errors = [];
  const seen = new Set();
  for (const f of files) {
    for (const x of JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      const r = checker.check({ method: x.method, target: x.target, status: x.status, contentType: x.contentType, body: x.responseBody || '' });
      errors.push(...r.errors.map((e) => `${f}: ${e}`));
      if (r.operationId) seen.add(r.operationId);
      checked += 1;
    }
  }
  assert.deepEqual(errors, []);
  assert.ok(checked >= 5, `checked ${checked} recorded answers`);
  assert.ok(seen.has('UpdateFunctionAsyncInvokeConfig'), 'the recordings hold the async-config operations');
});

test('live answers of every operation, successes and errors, match the document', async () => {
  const P = 'oas-project';
  const F = `/v2/${P}/fgs/functions`;
  const auth = { 'X-Auth-Token': 'oas', 'Content-Type': 'application/json' };
  const results = [];
  const x = async (method, target, body, expect, headers = auth) => {
    const res = await call(`${emulator.url}${target}`, method, body, headers);
    assert.equal(res.status, expect, `${method} ${target}: ${res.text}`);
    const r = checker.check({ method, target, status: res.status, contentType: res.headers.get('content-type'), body: res.text });
    results.push({ label: `${method} ${target} → ${res.status}`, ...r });
    return res;
  };
  const E = '/_emulator';
  await x('PUT', `${E}/clock?project_id=${P}`, { time: '2021-03-04T06:50:02Z' }, 200);
  await x('POST', F, CREATE, 200);
  await x('POST', F, CREATE, 409);
  await x('POST', F, { ...CREATE, func_name: 'other', memory_size: 100 }, 400);
  await x('POST', F, '{not json', 406);
  await x('POST', F, CREATE, 401, { 'Content-Type': 'application/json' });
  await x('GET', F, undefined, 200);
  await x('GET', `${F}?maxitems=abc`, undefined, 400);
  await x('GET', `${F}/demo/config`, undefined, 200);
  await x('GET', `${F}/nope/config`, undefined, 404);
  await x('PUT', `${F}/demo/config`, { runtime: 'Python3.9', timeout: 60, handler: 'index.handler', memory_size: 256 }, 200);
  await x('PUT', `${F}/demo/code`, { code_type: 'inline', func_code: { file: 'aGVsbG8gYWdhaW4=' } }, 200);
  await x('PUT', `${F}/demo/async-invoke-config`, { max_async_retry_attempts: 4 }, 400);
  await x('PUT', `${F}/demo/async-invoke-config`, {
    max_async_retry_attempts: 1,
    destination_config: { on_success: { destination: 'OBS', param: '{"bucket":"results"}' }, on_failure: { destination: 'SMN', param: `{"topic_urn":"urn:smn:cn-north-4:${P}:alerts"}` } },
  }, 200);
  await x('GET', `${F}/demo/async-invoke-config`, undefined, 200);
  await x('GET', `${F}/demo/async-invoke-configs`, undefined, 200);
  await x('GET', `${F}/demo/async-invoke-configs?limit=-1`, undefined, 400);
  await x('POST', `${F}/demo/versions`, { version: 'v1' }, 200);
  await x('POST', `${F}/demo/versions`, { version: 'v1' }, 409);
  await x('GET', `${F}/demo/versions`, undefined, 200);
  await x('POST', `${F}/demo/aliases`, { name: 'prod', version: 'v1' }, 200);
  await x('GET', `${F}/demo/aliases`, undefined, 200);
  await x('GET', `${F}/demo/aliases/prod`, undefined, 200);
  await x('GET', `${F}/demo/aliases/nope`, undefined, 404);
  await x('PUT', `${F}/demo/aliases/prod`, { version: 'v1', description: 'production' }, 200);
  await x('PUT', `${E}/behaviours?project_id=${P}`, { function_urn: 'demo', script: [{ outcome: 'fail' }] }, 200);
  await x('PUT', `${E}/behaviours`, { function_urn: 'demo' }, 400);
  const first = await x('POST', `${F}/demo/invocations-async`, { message: 'Hello' }, 202);
  const second = await x('POST', `${F}/demo/invocations-async`, { message: 'again' }, 202);
  await x('GET', `${F}/demo/async-invocations`, undefined, 200);
  await x('GET', `${F}/demo/async-invocations?status=DONE`, undefined, 400);
  await x('GET', `${F}/demo/active-async-invocations`, undefined, 200);
  await x('POST', `${F}/demo/cancel`, { request_id: second.body.request_id }, 200);
  await x('POST', `${F}/demo/cancel`, { request_id: second.body.request_id }, 400);
  await x('GET', `${F}/async-status-log-detail`, undefined, 404);
  await x('POST', `${F}/enable-async-status-logs`, undefined, 200);
  await x('GET', `${F}/async-status-log-detail`, undefined, 200);
  await x('PUT', `${E}/clock?project_id=${P}`, { advance_seconds: 600 }, 200);
  await x('PUT', `${E}/clock?project_id=${P}`, { advance_seconds: 'abc' }, 400);
  await x('GET', `${E}/clock?project_id=${P}`, undefined, 200);
  await x('DELETE', `${E}/clock?project_id=other`, undefined, 200);
  await x('GET', `${E}/invocations?project_id=${P}&request_id=${first.body.request_id}`, undefined, 200);
  await x('GET', `${E}/invocations`, undefined, 400);
  await x('GET', `${E}/deliveries?project_id=${P}`, undefined, 200);
  await x('DELETE', `${E}/behaviours?project_id=${P}`, undefined, 204);
  await x('POST', `${E}/faults`, { method: 'GET', path: '*/functions', status: 503, error_code: 'FSS.0503', times: 1 }, 201);
  await x('POST', `${E}/faults`, { action: 'explode' }, 400);
  await x('GET', `${E}/faults`, undefined, 200);
  await x('GET', F, undefined, 503); // the fault fires: the `default` response
  await x('POST', `${E}/faults`, { path: '/nothing' }, 201);
  await x('DELETE', `${E}/faults/f2`, undefined, 204);
  await x('DELETE', `${E}/faults/f99`, undefined, 404);
  await x('DELETE', `${E}/faults`, undefined, 204);
  await x('GET', `${E}/journal?project_id=${P}&limit=5`, undefined, 200);
  await x('GET', `${E}/journal?status=abc`, undefined, 400);
  await x('GET', `${E}/journal/count?method=PUT`, undefined, 200);
  await x('DELETE', `${E}/journal?project_id=other`, undefined, 204);
  await x('GET', `${E}/switches?project_id=${P}`, undefined, 200);
  await x('PUT', `${E}/switches?project_id=${P}`, { profile: 'observed' }, 200);
  await x('PUT', `${E}/switches?project_id=${P}`, { switches: { retry_max: '9' } }, 400);
  await x('DELETE', `${E}/switches?project_id=${P}`, undefined, 200);
  await x('GET', `${E}/health`, undefined, 200);
  await x('GET', `${E}/ready`, undefined, 200);
  await x('POST', `${E}/seed`, { seed: 42 }, 200);
  await x('POST', `${E}/seed`, { seed: -1 }, 400);
  const state = await x('GET', `${E}/state?project_id=${P}`, undefined, 200);
  await x('PUT', `${E}/state`, state.body, 200);
  await x('PUT', `${E}/state`, { projects: 3 }, 400);
  await x('DELETE', `${F}/demo/aliases/prod`, undefined, 204);
  await x('DELETE', `${F}/demo/async-invoke-config`, undefined, 204);
  await x('GET', `${F}/demo/async-invoke-config`, undefined, 404);
  await x('DELETE', `${F}/demo`, undefined, 204);
  await x('POST', `${E}/reset?project_id=${P}`, undefined, 200);
  await x('POST', `${E}/reset?kind=x`, undefined, 400);
  await x('GET', `${E}/ui`, undefined, 302);
  await x('GET', `${E}/ui/`, undefined, 200);
  await x('GET', `${E}/ui/app.js`, undefined, 200);
  await x('GET', `${E}/ui/style.css`, undefined, 200);
  await x('GET', `${E}/ui/nope.js`, undefined, 404);
  await x('GET', `${E}/openapi.json`, undefined, 200);

  const errors = results.flatMap((r) => r.errors.map((e) => `${r.label}: ${e}`));
  assert.deepEqual(errors, []);
  const all = Object.values(readDocument().paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
  const seen = new Set(results.map((r) => r.operationId));
  assert.deepEqual(all.filter((id) => !seen.has(id)), [], 'every operation was called');
});
