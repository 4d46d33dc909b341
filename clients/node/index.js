'use strict';
// fgs-emulator for Node test suites: start the emulator (or attach to a running one) and drive
// its control API (/_emulator/…, docs/control-api.md). No runtime dependencies: node:child_process
// and the global fetch of Node 18+.

const { spawn } = require('node:child_process');
const readline = require('node:readline');

const DEFAULT_START_TIMEOUT_MS = 10000;
const DEFAULT_STOP_TIMEOUT_MS = 10000;
const LISTENING = /^listening on (http:\/\/(\S+):(\d+))$/;

/** An error answer of the control API ({"error_code", "error_msg"}), or no answer at all. */
class EmulatorError extends Error {
  constructor({ method, path, status, errorCode, errorMsg, body }) {
    super(`${method} ${path}: ${status ? `${status} ` : ''}${errorCode ? `${errorCode} ` : ''}${errorMsg}`);
    this.name = 'EmulatorError';
    this.method = method;
    this.path = path;
    this.status = status;
    this.error_code = errorCode;
    this.error_msg = errorMsg;
    this.body = body;
  }

  get errorCode() { return this.error_code; }
  get errorMsg() { return this.error_msg; }
}

// Query string from an object: camelCase keys become snake_case, undefined/null are left out.
function query(params = {}) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    q.append(key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

function without(object, ...keys) {
  const out = { ...object };
  for (const key of keys) delete out[key];
  return out;
}

/** Typed client of the control API of one emulator (see index.d.ts). */
class EmulatorClient {
  /**
   * @param {string} url base URL, e.g. http://127.0.0.1:8000
   * @param {{adminToken?: string, timeoutMs?: number}} [options]
   */
  constructor(url, options = {}) {
    this.url = String(url).replace(/\/+$/, '');
    this.adminToken = options.adminToken;
    this.timeoutMs = options.timeoutMs ?? 35000; // above the server's longest wait_ms (30 s)
    const client = this;
    this.clock = {
      get: (opts = {}) => client.request('GET', `/clock${query({ projectId: opts.projectId })}`),
      freeze: (time, opts = {}) => client.#putClock(time === undefined ? { mode: 'frozen' } : { time: toTime(time) }, opts),
      set: (time, opts = {}) => client.#putClock({ time: toTime(time) }, opts),
      advance: (amount, opts = {}) => client.#putClock(advanceBody(amount), opts),
      real: (opts = {}) => client.#putClock({ mode: 'real' }, opts),
      reset: (opts = {}) => client.request('DELETE', `/clock${query({ projectId: opts.projectId })}`),
    };
  }

  #putClock(body, opts) {
    return this.request('PUT', `/clock${query({ projectId: opts.projectId })}`, body);
  }

  /**
   * One control request; resolves to the parsed JSON answer (undefined for 204) or throws an
   * EmulatorError carrying error_code and error_msg.
   */
  async request(method, path, body) {
    const headers = {};
    if (this.adminToken !== undefined) headers['X-Emulator-Token'] = this.adminToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await fetch(`${this.url}/_emulator${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const cause = err.cause?.code || err.cause?.message || err.message;
      throw new EmulatorError({ method, path: `/_emulator${path}`, errorMsg: `no answer from ${this.url}: ${cause}` });
    }
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      throw new EmulatorError({
        method,
        path: `/_emulator${path}`,
        status: res.status,
        errorCode: json?.error_code,
        errorMsg: json?.error_msg ?? text,
        body: json ?? text,
      });
    }
    return json;
  }

  health() { return this.request('GET', '/health'); }
  ready() { return this.request('GET', '/ready'); }

  reset({ projectId, kind, to } = {}) { return this.request('POST', `/reset${query({ projectId, kind, to })}`); }

  state({ projectId } = {}) { return this.request('GET', `/state${query({ projectId })}`); }
  loadState(document) { return this.request('PUT', '/state', document); }
  seed(seed) { return this.request('POST', '/seed', { seed }); }

  journal(filters = {}) { return this.request('GET', `/journal${query(filters)}`); }
  async journalCount(filters = {}) {
    return (await this.request('GET', `/journal/count${query(filters)}`)).count;
  }
  clearJournal({ projectId } = {}) { return this.request('DELETE', `/journal${query({ projectId })}`); }

  addFault(rule) { return this.request('POST', '/faults', camelToSnake(rule)); }
  async faults({ projectId } = {}) {
    return (await this.request('GET', `/faults${query({ projectId })}`)).faults;
  }
  removeFault(id) { return this.request('DELETE', `/faults/${encodeURIComponent(id)}`); }
  clearFaults({ projectId } = {}) { return this.request('DELETE', `/faults${query({ projectId })}`); }

  switches({ projectId } = {}) { return this.request('GET', `/switches${query({ projectId })}`); }
  setSwitches(switches = {}, { projectId, profile } = {}) {
    const body = {};
    if (profile !== undefined) body.profile = profile;
    if (Object.keys(switches).length) body.switches = switches;
    return this.request('PUT', `/switches${query({ projectId })}`, body);
  }
  resetSwitches({ projectId } = {}) { return this.request('DELETE', `/switches${query({ projectId })}`); }

  setBehaviour({ projectId, functionUrn, script, otherwise }) {
    const body = { function_urn: functionUrn };
    if (script !== undefined) body.script = script.map(camelToSnake);
    if (otherwise !== undefined) body.otherwise = camelToSnake(otherwise);
    return this.request('PUT', `/behaviours${query({ projectId })}`, body);
  }
  clearBehaviours({ projectId }) { return this.request('DELETE', `/behaviours${query({ projectId })}`); }

  invocations(filters) { return this.request('GET', `/invocations${query(filters)}`); }
  deliveries(filters) { return this.request('GET', `/deliveries${query(filters)}`); }

  /**
   * Resolves to the matching deliveries once at least `count` exist (default 1), asking the
   * server to hold each request up to 30 s (min_count/wait_ms); throws after timeoutMs.
   */
  waitForDeliveries(filters) { return this.#waitFor('deliveries', filters); }
  /** The same for invocation records (filters: requestId, status). */
  waitForInvocations(filters) { return this.#waitFor('invocations', filters); }

  async #waitFor(kind, { count = 1, timeoutMs = 10000, ...filters }) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      const waitMs = Math.max(0, Math.min(30000, left));
      const answer = await this.request('GET', `/${kind}${query({ ...filters, minCount: count, waitMs })}`);
      if (answer.count >= count) return answer[kind];
      if (Date.now() >= deadline) {
        throw new EmulatorError({
          method: 'GET',
          path: `/_emulator/${kind}`,
          errorMsg: `${answer.count} of ${count} ${kind} after ${timeoutMs} ms`,
          body: answer,
        });
      }
    }
  }

  /** Resolves once GET /_emulator/ready answers 200; throws after timeoutMs. */
  async waitUntilReady({ timeoutMs = DEFAULT_START_TIMEOUT_MS, intervalMs = 100 } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.ready();
      } catch (err) {
        if (err.status === 401 || Date.now() + intervalMs > deadline) throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

function toTime(time) {
  return time instanceof Date ? time.toISOString() : String(time);
}

function advanceBody(amount) {
  if (typeof amount === 'number') return { advance_ms: amount };
  const body = {};
  if (amount?.seconds !== undefined) body.advance_seconds = amount.seconds;
  if (amount?.ms !== undefined) body.advance_ms = amount.ms;
  return body;
}

// Shallow camelCase → snake_case of an object's keys (fault rules, behaviour outcomes), so both
// { delayMs: 5 } and { delay_ms: 5 } work.
function camelToSnake(object) {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return object;
  const out = {};
  for (const [key, value] of Object.entries(object)) {
    out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
  }
  return out;
}

/**
 * Starts an emulator binary on a free port (--port 0 unless args choose one), or attaches to a
 * running one ({url}). Resolves once it listens / is ready.
 */
async function startEmulator(options = {}) {
  if (Array.isArray(options)) options = { args: options };
  const { url, adminToken } = options;
  if (url !== undefined) {
    const client = new EmulatorClient(url, { adminToken });
    await client.waitUntilReady({ timeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS });
    const u = new URL(client.url);
    return {
      url: client.url,
      port: Number(u.port || 80),
      client,
      child: null,
      stderr: '',
      async stop() { return { code: null, signal: null, stderr: '' }; },
    };
  }
  return spawnEmulator(options);
}

function spawnEmulator({
  binary = process.env.FGS_EMULATOR || 'fgs-emulator',
  args = [],
  env,
  adminToken,
  startTimeoutMs = DEFAULT_START_TIMEOUT_MS,
  stopTimeoutMs = DEFAULT_STOP_TIMEOUT_MS,
} = {}) {
  const portGiven = args.some((a) => a === '--port' || a.startsWith('--port='));
  const argv = portGiven ? [...args] : ['--port', '0', ...args];
  const child = spawn(binary, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: env === undefined ? process.env : { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // A spawn failure (ENOENT, EACCES) emits 'error' and maybe never 'exit'.
  const spawnFailed = new Promise((resolve) => child.once('error', resolve));
  const command = [binary, ...argv].join(' ');

  const listening = new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => {
      lines.close();
      child.kill('SIGKILL');
      reject(new Error(`${command}: printed no line within ${startTimeoutMs} ms; stderr: ${stderr}`));
    }, startTimeoutMs);
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      child.stdout.resume(); // keep draining stdout so that the child never blocks on it
      const m = LISTENING.exec(line);
      if (!m) {
        child.kill('SIGKILL');
        reject(new Error(`${command}: unexpected first line ${JSON.stringify(line)}`));
        return;
      }
      resolve({ url: m[1], port: Number(m[3]) });
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      const why = stderr.trim() || `exit code ${code}, signal ${signal}`;
      reject(new Error(`${command}: exited before listening: ${why}`));
    });
    spawnFailed.then((err) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${binary}: ${err.message}`));
    });
  });

  return listening.then(({ url, port }) => ({
    url,
    port,
    child,
    client: new EmulatorClient(url, { adminToken }),
    get stderr() { return stderr; },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${command}: did not exit within ${stopTimeoutMs} ms of SIGTERM`));
        }, stopTimeoutMs);
      });
      try {
        return { ...(await Promise.race([exited, timeout])), stderr };
      } finally {
        clearTimeout(timer);
      }
    },
  }));
}

module.exports = { startEmulator, EmulatorClient, EmulatorError };
