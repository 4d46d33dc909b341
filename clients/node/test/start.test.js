'use strict';
// startEmulator: spawning on port 0, attaching by URL, failures that name their cause.
const test = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { startEmulator, EmulatorError } = require('..');
const { binary } = require('./helpers');

test('starts on a free port, answers ready, stops with exit 0 on SIGTERM', async () => {
  const emu = await startEmulator({ binary: binary() });
  assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(emu.port, 8000);
  assert.equal(emu.url, `http://127.0.0.1:${emu.port}`);
  const ready = await emu.client.ready();
  assert.equal(ready.ready, true);
  const { code, signal } = await emu.stop();
  assert.equal(code, 0);
  assert.equal(signal, null);
  await assert.rejects(emu.client.health(), (err) => err instanceof EmulatorError &&
    err.status === undefined && /no answer from/.test(err.error_msg));
});

test('passes args and env through', async () => {
  const emu = await startEmulator({ binary: binary(), args: ['--journal-size', '7'],
                                    env: { FGS_EMULATOR_REGION: 'ap-southeast-1' } });
  try {
    assert.equal((await emu.client.journal()).capacity, 7);
  } finally {
    await emu.stop();
  }
});

test('a bad flag rejects with the emulator\'s own message', async () => {
  await assert.rejects(startEmulator({ binary: binary(), args: ['--no-such-flag'] }),
                       /exited before listening: fgs-emulator: unknown option --no-such-flag/);
});

test('a missing binary rejects naming it', async () => {
  await assert.rejects(startEmulator({ binary: '/nonexistent/fgs-emulator' }),
                       /cannot start \/nonexistent\/fgs-emulator: .*ENOENT/);
});

test('a port in use rejects naming the port', async () => {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  try {
    await assert.rejects(startEmulator({ binary: binary(), args: ['--port', String(port)] }),
                         new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: address already in use`));
  } finally {
    server.close();
  }
});

test('attaches to a running emulator by URL; its stop() leaves it running', async () => {
  const owner = await startEmulator({ binary: binary() });
  try {
    const attached = await startEmulator({ url: `${owner.url}/` });
    assert.equal(attached.url, owner.url);
    assert.equal(attached.port, owner.port);
    assert.equal(attached.child, null);
    await attached.stop();
    assert.equal((await owner.client.health()).status, 'ok');
  } finally {
    await owner.stop();
  }
});

test('attaching to nothing rejects after the timeout', async () => {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve)); // a port nobody listens on
  await assert.rejects(startEmulator({ url: `http://127.0.0.1:${port}`, startTimeoutMs: 300 }),
                       /GET \/_emulator\/ready: no answer from http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
});

test('--admin-token: the client sends adminToken; without it 401 EMU.0401', async () => {
  const emu = await startEmulator({ binary: binary(), args: ['--admin-token', 's3cret'],
                                    adminToken: 's3cret' });
  try {
    assert.equal((await emu.client.ready()).ready, true);
    const { EmulatorClient } = require('..');
    const anonymous = new EmulatorClient(emu.url);
    await assert.rejects(anonymous.ready(), (err) => err.status === 401 &&
      err.error_code === 'EMU.0401' && /X-Emulator-Token/.test(err.error_msg));
  } finally {
    await emu.stop();
  }
});
