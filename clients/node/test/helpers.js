'use strict';
// The binary under test: $FGS_EMULATOR, else the repository's build/emulator/fgs-emulator.
const fs = require('node:fs');
const path = require('node:path');

function binary() {
  const b = process.env.FGS_EMULATOR ||
    path.resolve(__dirname, '..', '..', '..', 'build', 'emulator', 'fgs-emulator');
  if (!fs.existsSync(b)) {
    throw new Error(`no emulator binary at ${b}: build it (scripts/build) or set FGS_EMULATOR`);
  }
  return b;
}

const P = '0123456789abcdef0123456789abcdef';

// One request to the emulated FunctionGraph API.
async function api(url, method, pathSuffix, body) {
  const res = await fetch(`${url}/v2/${P}/fgs${pathSuffix}`, {
    method,
    headers: { 'X-Auth-Token': 'any-token', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const createBody = (name) => ({
  func_name: name, package: 'default', runtime: 'Python3.9', handler: 'index.handler',
  memory_size: 128, timeout: 30, code_type: 'inline',
});

module.exports = { binary, api, createBody, P };
