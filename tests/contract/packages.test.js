'use strict';
// The suite's own pins: the SDK under test is exactly the locked one, and the `uuid` package
// that @huaweicloud/huaweicloud-sdk-core requires (http/DefaultUserAgent.js: require("uuid"),
// uuid_1.v4() for the app id in the User-Agent) but does not declare is declared here, in a
// version that still ships CommonJS (uuid 12+ is ESM-only).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ours = require('./package.json');
const lock = require('./package-lock.json');
const core = require('@huaweicloud/huaweicloud-sdk-core/package.json');
const functiongraph = require('@huaweicloud/huaweicloud-sdk-functiongraph/package.json');

test('every dependency is pinned to an exact version, installed as locked', () => {
  for (const [name, version] of Object.entries(ours.dependencies)) {
    if (name === 'fgs-emulator') continue; // the repository's own helper, next test
    assert.match(version, /^\d+\.\d+\.\d+$/, `${name} pinned exactly`);
    assert.equal(lock.packages[`node_modules/${name}`].version, version, `${name} locked`);
    assert.equal(require(`${name}/package.json`).version, version, `${name} installed`);
  }
  assert.equal(ours.dependencies['@huaweicloud/huaweicloud-sdk-core'],
               ours.dependencies['@huaweicloud/huaweicloud-sdk-functiongraph']);
  assert.equal(core.version, functiongraph.version);
});

test('the emulator helper is the repository\'s clients/node, linked', () => {
  assert.equal(ours.dependencies['fgs-emulator'], 'file:../../clients/node');
  assert.deepEqual(lock.packages['node_modules/fgs-emulator'],
                   { resolved: '../../clients/node', link: true });
  assert.equal(fs.realpathSync(path.dirname(require.resolve('fgs-emulator'))),
               path.resolve(__dirname, '..', '..', 'clients', 'node'));
});

test('the lock file names no registry: "resolved" only for the linked helper', () => {
  const text = fs.readFileSync(path.join(__dirname, 'package-lock.json'), 'utf8');
  assert.deepEqual(text.match(/"resolved": "[^"]*"/g), ['"resolved": "../../clients/node"']);
});

test('core requires uuid without declaring it; ours resolves to a CommonJS build', () => {
  const userAgent = fs.readFileSync(
    require.resolve('@huaweicloud/huaweicloud-sdk-core/http/DefaultUserAgent.js'), 'utf8');
  assert.match(userAgent, /require\("uuid"\)/);
  assert.equal((core.dependencies || {}).uuid, undefined);
  assert.equal((core.peerDependencies || {}).uuid, undefined);
  assert.ok(ours.dependencies.uuid);
  assert.match(require.resolve('uuid'), /[\\/]dist[\\/]cjs[\\/]/);
  assert.match(require('uuid').v4(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
