'use strict';
// The fgs-emulator dashboard: plain JavaScript over the documented control API
// (docs/control-api.md), nothing else. Every call goes to /_emulator/… of the page's own
// origin and carries X-Emulator-Token once the user gave it (asked for when a call answers
// 401 EMU.0401). Views are chosen by the URL fragment: #journal?project=p1.

const API = '/_emulator';
const TOKEN_KEY = 'fgs-emulator-token';
const PAGES = ['projects', 'journal', 'invocations', 'controls'];
const LIVE_MS = 2000;

const state = {
  page: 'projects',
  project: '',
  token: sessionStorage.getItem(TOKEN_KEY) || '',
  needToken: false,
  journal: [],       // entries of the last journal load, newest first
  selectedSeq: null, // journal entry shown in the detail panel
  loading: false,
};

const $ = (sel) => document.querySelector(sel);

// h('td', {class: 'x', onclick: f}, 'text', child…): an element; text is never parsed as HTML.
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
  toString() { return `${this.code}: ${this.message}`; }
}

// One control API call; resolves to the parsed JSON answer (null for 204) or rejects with
// an ApiError carrying the answer's error_code and error_msg.
async function api(method, path, { query, body } = {}) {
  const url = new URL(API + path, location.origin);
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
  }
  const headers = {};
  if (state.token) headers['X-Emulator-Token'] = state.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(url, {
      method, headers, cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `the emulator does not answer (${e.message})`);
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = text; }
  }
  if (!res.ok) {
    const code = (data && data.error_code) || `HTTP ${res.status}`;
    const msg = (data && data.error_msg) || text || res.statusText;
    if (res.status === 401 && code === 'EMU.0401') askForToken(state.token ? 'That token was refused.' : '');
    throw new ApiError(res.status, code, msg);
  }
  return data;
}

// ---- token ---------------------------------------------------------------------------------

function askForToken(problem) {
  state.needToken = true;
  $('#main').hidden = true;
  $('#token-prompt').hidden = false;
  $('#token-input').value = '';
  const err = $('#token-error');
  err.hidden = !problem;
  err.textContent = problem || '';
  $('#token-input').focus();
}

async function useToken(ev) {
  ev.preventDefault();
  state.token = $('#token-input').value.trim();
  state.needToken = false;
  try {
    await api('GET', '/health');
  } catch (e) {
    if (!state.needToken) askForToken(String(e));
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, state.token);
  $('#token-prompt').hidden = true;
  $('#main').hidden = false;
  $('#token-input').value = '';
  start();
}

// ---- navigation ----------------------------------------------------------------------------

function readHash() {
  const [page, query] = location.hash.replace(/^#/, '').split('?');
  state.page = PAGES.includes(page) ? page : 'projects';
  const params = new URLSearchParams(query || '');
  if (params.has('project')) state.project = params.get('project');
  $('#project').value = state.project;
}

function writeHash() {
  const q = state.project ? `?project=${encodeURIComponent(state.project)}` : '';
  const want = `#${state.page}${q}`;
  if (location.hash !== want) history.replaceState(null, '', want);
}

function showPage() {
  for (const p of PAGES) $(`#page-${p}`).hidden = p !== state.page;
  for (const a of document.querySelectorAll('#nav a')) {
    a.classList.toggle('active', a.dataset.page === state.page);
    if (a.dataset.page === state.page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function setProject(p) {
  state.project = p;
  state.selectedSeq = null;
  $('#project').value = p;
  writeHash();
  refresh();
}

// ---- helpers -------------------------------------------------------------------------------

function showError(sel, err) {
  const el = $(sel);
  if (!err) { el.hidden = true; el.textContent = ''; return; }
  el.hidden = false;
  el.textContent = String(err);
}

function pretty(text) {
  if (typeof text !== 'string') return JSON.stringify(text, null, 2);
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

function errorCodeOf(body) {
  try { const v = JSON.parse(body); return (v && v.error_code) || ''; } catch { return ''; }
}

// "2021-03-04T06:50:02.100000000Z" → "2021-03-04 06:50:02.100"
function shortTime(t) {
  if (!t) return '';
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(\.\d{3})?/.exec(t);
  return m ? `${m[1]} ${m[2]}${m[3] || ''}` : t;
}

function statusClass(s) {
  if (s === 0) return 'st-reset';
  if (s >= 500) return 'st-5xx';
  if (s >= 400) return 'st-4xx';
  return 'st-2xx';
}

function needProject(container) {
  container.replaceChildren(h('p', { class: 'empty' },
    'Choose a project above (or on the Projects page).'));
}

function kv(pairs) {
  return h('dl', { class: 'kv' }, pairs.filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function table(cls, head, rows) {
  return h('div', { class: 'scroll' }, h('table', { class: `grid compact ${cls || ''}` },
    h('thead', {}, h('tr', {}, head.map((c) => h('th', {}, c)))),
    h('tbody', {}, rows)));
}

function destination(d) {
  if (!d || !d.destination) return '—';
  return `${d.destination} ${d.param || ''}`;
}

// ---- projects ------------------------------------------------------------------------------

async function knownProjects(stateDoc) {
  const ids = new Set((stateDoc.projects || []).map((p) => p.project_id));
  try {
    const j = await api('GET', '/journal', { query: { limit: 1000 } });
    for (const e of j.entries) if (e.project_id) ids.add(e.project_id);
  } catch (e) { /* the journal is optional here */ }
  if (state.project) ids.add(state.project);
  const list = [...ids].sort();
  $('#project-list').replaceChildren(...list.map((id) => h('option', { value: id })));
  return list;
}

async function loadProjects() {
  const doc = await api('GET', '/state');
  const ids = await knownProjects(doc);
  if (!state.project && ids.length) setProjectQuiet(ids[0]);
  $('#projects-list').replaceChildren(...(ids.length ? ids.map((id) => h('button', {
    type: 'button', class: id === state.project ? 'chip active' : 'chip',
    onclick: () => setProject(id),
  }, id)) : [h('p', { class: 'empty' }, 'No project has functions or requests yet.')]));

  const detail = $('#project-detail');
  if (!state.project) return needProject(detail);
  const project = (doc.projects || []).find((p) => p.project_id === state.project);
  const functions = (project && project.functions) || [];
  const parts = [h('h3', {}, `Functions of ${state.project} (${functions.length})`)];
  if (!functions.length) parts.push(h('p', { class: 'empty', id: 'no-functions' }, 'No functions in this project.'));
  for (const f of functions) parts.push(functionCard(f));
  detail.replaceChildren(...parts);
}

function setProjectQuiet(p) {
  state.project = p;
  $('#project').value = p;
  writeHash();
}

function functionCard(f) {
  const versions = f.versions || [];
  const aliases = f.aliases || [];
  const configs = f.async_invoke_configs || [];
  return h('article', { class: 'card function', 'data-function': f.func_name },
    h('h4', {}, f.func_name, ' ', h('span', { class: 'muted' }, `package ${f.package}`)),
    kv([['runtime', f.runtime], ['memory', `${f.memory_size} MB`], ['timeout', `${f.timeout} s`],
      ['handler', f.handler], ['code', `${f.code_type || ''} ${f.code_size} bytes`],
      ['modified', shortTime(f.last_modified)], ['description', f.description]]),
    h('h5', {}, `Versions (${versions.length})`),
    versions.length ? table('versions', ['Version', 'Description', 'Runtime', 'Modified'],
      versions.map((v) => h('tr', {}, h('td', {}, v.version), h('td', {}, v.version_description || ''),
        h('td', {}, v.runtime), h('td', {}, shortTime(v.last_modified))))) : h('p', { class: 'empty' }, 'none published'),
    h('h5', {}, `Aliases (${aliases.length})`),
    aliases.length ? table('aliases', ['Alias', 'Version', 'Shift', 'Description'],
      aliases.map((a) => h('tr', {}, h('td', {}, a.name), h('td', {}, a.version),
        h('td', {}, shift(a)), h('td', {}, a.description || '')))) : h('p', { class: 'empty' }, 'none'),
    h('h5', {}, 'Async invoke config per qualifier'),
    configs.length ? table('configs', ['Qualifier', 'Max age (s)', 'Retries', 'On success', 'On failure', 'Status log'],
      configs.map((c) => h('tr', {}, h('td', {}, c.qualifier), h('td', {}, c.max_async_event_age_in_seconds),
        h('td', {}, c.max_async_retry_attempts),
        h('td', { class: 'mono' }, destination((c.destination_config || {}).on_success)),
        h('td', { class: 'mono' }, destination((c.destination_config || {}).on_failure)),
        h('td', {}, c.enable_async_status_log ? 'on' : 'off')))) : h('p', { class: 'empty' }, 'no qualifier configured'));
}

function shift(a) {
  const w = Object.entries(a.additional_version_weights || {}).map(([v, p]) => `${v}: ${p}%`);
  const s = Object.keys(a.additional_version_strategy || {}).map((v) => `${v}: by rule`);
  return [...w, ...s].join(', ') || '—';
}

// ---- journal -------------------------------------------------------------------------------

function journalQuery() {
  const f = $('#journal-filter');
  return {
    status: f.status.value.trim(),
    method: f.method.value,
    path: f.path.value.trim(),
    project_id: f.this_project.checked ? state.project : '',
    limit: 200,
  };
}

async function loadJournal() {
  const body = $('#journal-table tbody');
  let j;
  try {
    j = await api('GET', '/journal', { query: journalQuery() });
    showError('#journal-error', null);
  } catch (e) {
    if (e.code === 'EMU.0401') throw e;
    showError('#journal-error', e);
    return;
  }
  state.journal = j.entries.slice().reverse();
  $('#journal-summary').textContent =
    `${j.returned} of ${j.count} matching · ${j.size}/${j.capacity} kept · ${j.evicted} evicted`;
  body.replaceChildren(...state.journal.map((e) => {
    const code = e.status >= 400 ? errorCodeOf(e.response_body) : '';
    return h('tr', {
      class: `row ${e.seq === state.selectedSeq ? 'selected' : ''}`, tabindex: 0,
      'data-seq': e.seq, onclick: () => selectEntry(e.seq),
      onkeydown: (ev) => { if (ev.key === 'Enter') selectEntry(e.seq); },
    },
    h('td', {}, e.seq), h('td', { class: 'nowrap' }, shortTime(e.time).slice(11)),
    h('td', {}, e.method), h('td', { class: 'mono path' }, e.path),
    h('td', { class: `status ${statusClass(e.status)}` }, e.status || 'reset'),
    h('td', { class: 'code' }, code), h('td', { class: 'rule' }, e.rule || ''));
  }));
  if (!state.journal.length) {
    body.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No requests match.')));
  }
  renderDetail();
}

function selectEntry(seq) {
  state.selectedSeq = state.selectedSeq === seq ? null : seq;
  for (const tr of document.querySelectorAll('#journal-table tr.row')) {
    tr.classList.toggle('selected', Number(tr.dataset.seq) === state.selectedSeq);
  }
  renderDetail();
}

function renderDetail() {
  const panel = $('#journal-detail');
  const e = state.journal.find((x) => x.seq === state.selectedSeq);
  if (!e) { panel.hidden = true; panel.replaceChildren(); return; }
  const headers = Object.entries(e.headers || {}).map(([k, v]) => `${k}: ${v}`).join('\n');
  panel.hidden = false;
  panel.replaceChildren(
    h('div', { class: 'detail-head' },
      h('h3', {}, `#${e.seq} ${e.method} `, h('span', { class: `status ${statusClass(e.status)}` }, e.status || 'reset')),
      h('button', { type: 'button', class: 'close', 'aria-label': 'Close', onclick: () => selectEntry(e.seq) }, '×')),
    e.rule ? h('p', { class: 'rule-fired' }, h('strong', {}, 'Rule: '), h('mark', {}, e.rule)) : null,
    kv([['time', e.time], ['request id', e.request_id], ['project', e.project_id]]),
    h('h4', {}, 'Request'),
    h('pre', { class: 'req' }, `${e.method} ${e.target}\n${headers}${e.body ? `\n\n${pretty(e.body)}` : ''}`),
    h('h4', {}, 'Response'),
    h('pre', { class: 'res' }, `${e.status || '(connection reset, no answer)'}\n${e.response_body ? pretty(e.response_body) : ''}`));
}

// ---- invocations and deliveries ------------------------------------------------------------

async function loadInvocations() {
  const body = $('#invocations-table tbody');
  const out = $('#deliveries');
  if (!state.project) {
    body.replaceChildren();
    $('#invocations-summary').textContent = '';
    return needProject(out);
  }
  const q = { project_id: state.project };
  const [inv, del, clock] = await Promise.all([
    api('GET', '/invocations', { query: q }), api('GET', '/deliveries', { query: q }),
    api('GET', '/clock', { query: q })]);
  $('#inv-clock').textContent = clockText(clock);
  $('#invocations-summary').textContent = `${inv.count} in ${state.project}` + (inv.evicted ? `, ${inv.evicted} evicted` : '');
  const rows = inv.invocations.slice().reverse();
  body.replaceChildren(...rows.map((r) => h('tr', { 'data-request-id': r.request_id },
    h('td', { class: 'mono' }, r.request_id), h('td', { class: 'mono' }, r.function_urn.split(':').slice(-2).join(':')),
    h('td', { class: `inv-status s-${r.status}` }, r.status), h('td', { 'data-label': 'attempts' }, r.attempts),
    h('td', { class: 'nowrap', 'data-label': 'enqueued' }, shortTime(r.enqueued)),
    h('td', { class: 'nowrap', 'data-label': 'started' }, shortTime(r.start_time) || '—'),
    h('td', { class: 'nowrap', 'data-label': 'ended' }, shortTime(r.end_time) || '—'),
    h('td', { 'data-label': r.error_message ? 'error' : null }, r.error_message || ''))));
  if (!rows.length) body.replaceChildren(h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No invocations.')));

  const groups = [['OBS', 'OBS objects'], ['SMN', 'SMN messages'], ['FunctionGraph', 'Chained invocations (FunctionGraph)'], ['DIS', 'DIS records']];
  const parts = [];
  for (const [dest, title] of groups) {
    const items = del.deliveries.filter((d) => d.destination === dest);
    if (!items.length) continue;
    parts.push(h('div', { class: 'dest', 'data-destination': dest }, h('h4', {}, `${title} (${items.length})`),
      ...items.map((d) => h('div', { class: 'delivery card' },
        kv([['on', d.on], ['target', d.target], ['outcome', d.outcome], ['at', shortTime(d.at)],
          ['object key', d.object_key], ['expires', d.expires_at === null ? 'never' : shortTime(d.expires_at)],
          ['expired', d.expired === undefined ? '' : String(d.expired)], ['chained request', d.chained_request_id],
          ['request', d.notification && d.notification.request_context && d.notification.request_context.request_id]]),
        h('details', {}, h('summary', {}, 'Notification payload'), h('pre', {}, pretty(d.notification)))))));
  }
  if (!parts.length) parts.push(h('p', { class: 'empty' }, 'No deliveries.'));
  out.replaceChildren(...parts);
}

// ---- controls ------------------------------------------------------------------------------

function clockText(c) {
  const own = c.own ? 'own clock' : 'default clock';
  return c.mode === 'frozen' ? `frozen at ${shortTime(c.now)} (${own})`
    : `running: ${shortTime(c.now)}, offset ${c.offset_ms} ms (${own})`;
}

async function loadControls() {
  $('#controls-project').textContent = state.project ? `of ${state.project}` : '';
  for (const b of document.querySelectorAll('#page-controls button')) b.disabled = !state.project;
  if (!state.project) {
    $('#clock-state').textContent = 'Choose a project above.';
    return;
  }
  const q = { project_id: state.project };
  const [clock, sw, faults] = await Promise.all([
    api('GET', '/clock', { query: q }), api('GET', '/switches', { query: q }), api('GET', '/faults', { query: q })]);
  $('#clock-state').textContent = clockText(clock);

  const preset = $('#preset');
  if (!preset.options.length) preset.replaceChildren(...sw.presets.map((p) => h('option', {}, p)));
  const names = $('#switch-name');
  if (!names.options.length) names.replaceChildren(...Object.keys(sw.switches).map((n) => h('option', {}, n)));
  $('#switches-table tbody').replaceChildren(
    h('tr', {}, h('td', { colspan: 2, class: 'muted' }, sw.own ? 'This project has its own switches.' : 'This project follows the default switches.')),
    ...Object.entries(sw.switches).map(([k, v]) => h('tr', {}, h('td', { class: 'mono' }, k), h('td', { class: 'mono' }, v))));

  $('#faults-table tbody').replaceChildren(...(faults.faults.length ? faults.faults.map((f) => h('tr', {},
    h('td', {}, f.id),
    h('td', { class: 'mono' }, `${f.method || '*'} ${f.path || '*'}${f.project_id ? ` (${f.project_id})` : ''}`),
    h('td', {}, f.action === 'error' ? `error ${f.status} ${f.error_code}` : f.action === 'delay' ? `delay ${f.delay_ms} ms` : f.action),
    h('td', {}, f.hits), h('td', {}, f.times === null ? '∞' : f.times),
    h('td', {}, h('button', { type: 'button', onclick: () => act(() => api('DELETE', `/faults/${encodeURIComponent(f.id)}`)) }, 'Remove'))))
    : [h('tr', {}, h('td', { colspan: 6, class: 'empty' }, 'No fault rules.'))]));
}

// A number when the text is one, else the text itself (the control API names the problem).
function numberOr(text) {
  const t = String(text).trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

// Runs an action of the Controls or Invocations page and shows its error inline.
async function act(fn, errorSel = '#controls-error') {
  try {
    await fn();
    showError(errorSel, null);
  } catch (e) {
    if (e.code !== 'EMU.0401') showError(errorSel, e);
    return false;
  }
  await refresh();
  return true;
}

function clock(body, errorSel) {
  return act(() => api('PUT', '/clock', { query: { project_id: state.project }, body }), errorSel);
}

function wireControls() {
  $('#clock-freeze').onclick = () => clock({ mode: 'frozen' });
  $('#clock-real').onclick = () => clock({ mode: 'real' });
  $('#clock-default').onclick = () => act(() => api('DELETE', '/clock', { query: { project_id: state.project } }));
  $('#advance-form').onsubmit = (ev) => {
    ev.preventDefault();
    clock({ advance_seconds: numberOr($('#advance-seconds').value) });
  };
  $('#inv-advance-btn').onclick = () => {
    if (!state.project) return showError('#invocations-error', 'Choose a project first.');
    return clock({ advance_seconds: numberOr($('#inv-advance').value) }, '#invocations-error');
  };
  $('#reset-project').onclick = () => act(async () => {
    const r = await api('POST', '/reset', { query: { project_id: state.project } });
    $('#reset-result').textContent = `Reset ${r.reset} of ${r.project_id}.`;
  });
  $('#preset-form').onsubmit = (ev) => {
    ev.preventDefault();
    act(() => api('PUT', '/switches', { query: { project_id: state.project }, body: { profile: $('#preset').value } }));
  };
  $('#switches-default').onclick = () => act(() => api('DELETE', '/switches', { query: { project_id: state.project } }));
  $('#switch-form').onsubmit = (ev) => {
    ev.preventDefault();
    act(() => api('PUT', '/switches', {
      query: { project_id: state.project },
      body: { switches: { [$('#switch-name').value]: $('#switch-value').value } },
    }));
  };
  $('#fault-form').onsubmit = (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const body = { project_id: state.project, action: f.action.value };
    for (const k of ['method', 'path']) if (f[k].value.trim()) body[k] = f[k].value.trim();
    for (const k of ['status', 'delay_ms', 'times']) if (f[k].value.trim()) body[k] = numberOr(f[k].value);
    act(() => api('POST', '/faults', { body }));
  };
}

// ---- refresh loop --------------------------------------------------------------------------

const loaders = { projects: loadProjects, journal: loadJournal, invocations: loadInvocations, controls: loadControls };

async function refresh() {
  if (state.needToken) return;
  showPage();
  state.loading = true;
  try {
    await loaders[state.page]();
    showError('#banner', null);
  } catch (e) {
    if (e.code !== 'EMU.0401') showError('#banner', e);
  } finally {
    state.loading = false;
    document.body.dataset.loaded = state.page; // for tests: the page has data
  }
}

let started = false;
function start() {
  readHash();
  refresh();
  api('GET', '/health').then((v) => { $('#version').textContent = `v${v.version}`; }).catch(() => {});
  if (started) return;
  started = true;
  setInterval(() => {
    const live = $('#live').checked && state.page !== 'controls';
    if (live && !state.loading && !state.needToken && !document.hidden) refresh();
  }, LIVE_MS);
}

document.addEventListener('DOMContentLoaded', () => {
  $('#token-form').addEventListener('submit', useToken);
  $('#project').addEventListener('change', (ev) => setProject(ev.target.value.trim()));
  $('#journal-filter').addEventListener('submit', (ev) => { ev.preventDefault(); refresh(); });
  window.addEventListener('hashchange', () => { readHash(); state.selectedSeq = null; refresh(); });
  wireControls();
  start();
});
