'use strict';
// Plain HTTP calls to the emulator: the public API (with a token and Content-Type) and the
// control API, each resolving to { status, headers, text, body (parsed JSON or null) }.

async function call(url, method, body, headers = {}) {
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
    redirect: 'manual',
  });
  const text = await res.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = null; }
  return { method, url, status: res.status, headers: res.headers, text, body: parsed };
}

function publicApi(base, project) {
  const headers = { 'X-Auth-Token': 'ui-test', 'Content-Type': 'application/json' };
  return (method, rest, body) => call(`${base}/v2/${project}/fgs/functions${rest}`, method, body, headers);
}

function controlApi(base, token) {
  const headers = token ? { 'X-Emulator-Token': token } : {};
  return (method, rest, body) => call(`${base}/_emulator${rest}`, method, body, headers);
}

const CREATE = {
  func_name: 'demo', package: 'default', runtime: 'Python3.9', timeout: 30,
  handler: 'index.handler', memory_size: 128, code_type: 'inline', func_code: { file: 'aGVsbG8=' },
};

module.exports = { call, publicApi, controlApi, CREATE };
