'use strict';
// Starts and stops fgs-emulator processes for the contract tests.
//
// The binary comes from $FGS_EMULATOR (set by scripts/test and tests/contract/run), else
// build/emulator/fgs-emulator of the repository. Every emulator listens on port 0; its URL is
// read from the first stdout line ("listening on http://127.0.0.1:PORT").

const { spawn, execFileSync } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

const START_TIMEOUT_MS = 10000;
const STOP_TIMEOUT_MS = 10000;

function emulatorBinary() {
  return process.env.FGS_EMULATOR ||
    path.resolve(__dirname, '..', '..', '..', 'build', 'emulator', 'fgs-emulator');
}

// The --help text of the binary, read once (used to detect optional features).
let helpText;
function emulatorHelp() {
  if (helpText === undefined) {
    helpText = execFileSync(emulatorBinary(), ['--help'], { encoding: 'utf8' });
  }
  return helpText;
}

function supportsFlag(flag) {
  return emulatorHelp().includes(flag);
}

// Spawns the emulator with `args` (after --port 0) and resolves once it listens.
// Resolves to { url, port, child, stop() }; stop() sends SIGTERM and resolves to
// { code, signal, stderr } when the process has exited.
function startEmulator(args = []) {
  const child = spawn(emulatorBinary(), ['--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });

  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // A spawn failure (ENOENT, EACCES) emits 'error' and maybe never 'exit'.
  const spawnFailed = new Promise((resolve) => child.once('error', resolve));

  const ready = new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      lines.close();
      child.kill('SIGKILL');
      reject(new Error(`fgs-emulator printed no line within ${START_TIMEOUT_MS} ms; ` +
                       `stderr: ${stderr}`));
    }, START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      child.stdout.resume(); // keep draining stdout so the child never blocks on it
      const m = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
      if (!m) {
        child.kill('SIGKILL');
        reject(new Error(`unexpected first line from fgs-emulator: ${JSON.stringify(line)}`));
        return;
      }
      resolve({ url: m[1], port: Number(m[2]) });
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`fgs-emulator${args.map((a) => ` ${a}`).join('')} exited (code ${code}, signal ${signal}) ` +
                       `before listening; stderr: ${stderr}`));
    });
    spawnFailed.then((err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${emulatorBinary()}: ${err.message}`));
    });
  });

  return ready.then(({ url, port }) => ({
    url,
    port,
    child,
    get stderr() { return stderr; },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`fgs-emulator did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM`));
        }, STOP_TIMEOUT_MS);
      });
      try {
        const result = await Promise.race([exited, timeout]);
        return { ...result, stderr };
      } finally {
        clearTimeout(timer);
      }
    },
  }));
}

module.exports = { emulatorBinary, emulatorHelp, supportsFlag, startEmulator };
