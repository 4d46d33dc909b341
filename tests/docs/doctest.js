'use strict';
// Runs the examples of README.md and docs/*.md against fresh emulators and checks their output
// (the conventions are in docs/contributing.md, "Tested examples").
//
//   node tests/docs/doctest.js [FILE.md ...]     default: README.md and docs/*.md
//
// Environment: FGS_EMULATOR (binary; default build/emulator/fgs-emulator), NODE_PATH for the
// `js test` blocks (scripts/doctest points it at tests/contract/node_modules).
// Exits 1 when a block fails, a block is unmarked, or README's flag table differs from --help.

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const ROOT = path.resolve(__dirname, '..', '..');
const DOC_PORT = '8000';
// What scripts/run starts, less the port: the set-up the docs' readers have.
const DEFAULT_ARGS = ['--fixtures', 'fixtures/default'];
const SEGMENT_TIMEOUT_MS = 60000;
const END = '\x1fdoctest-end';
const STATUS = '\x1edoctest-status';

// ---- parsing -------------------------------------------------------------------------------

// Fenced blocks of a markdown text: {lang, marks, attrs, text, line}.
function fencedBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; ++i) {
    const open = /^(`{3,})\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [lang = '', ...words] = open[2].trim().split(/\s+/).filter(Boolean);
    const body = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith(open[1])) body.push(lines[j++]);
    blocks.push({ lang, marks: new Set(words), text: body.join('\n'), line: i + 1 });
    i = j;
  }
  return blocks;
}

// A `sh test` block cut into segments at its expectations: `CMD   # → EXPECTED` or a line
// `#   → EXPECTED`, continued by following `#` lines indented by at least two spaces. Each
// segment is {code, expected|null, line}; a trailing segment without expectation must print
// nothing.
function shellSegments(text, firstLine = 1) {
  const segments = [];
  let code = [];
  let start = firstLine;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; ++i) {
    const m = /^(.*?)\s*#\s*→\s?(.*)$/.exec(lines[i]);
    if (!m || /^\s*#/.test(m[1]) && m[1].trim() !== '') {
      code.push(lines[i]);
      continue;
    }
    if (m[1].trim() !== '') code.push(m[1]);
    const expected = [m[2]];
    while (i + 1 < lines.length && /^\s*#\s{2,}\S/.test(lines[i + 1]))
      expected.push(lines[++i].replace(/^\s*#\s+/, ''));
    segments.push({ code: code.join('\n'), expected: expected.join('\n'), line: start });
    code = [];
    start = firstLine + i + 1;
  }
  if (code.some((l) => l.trim() !== '' && !/^\s*#/.test(l)))
    segments.push({ code: code.join('\n'), expected: null, line: start });
  return segments;
}

// Does `actual` match `expected`? Whitespace is ignored on both sides (docs wrap long lines);
// `…` in `expected` stands for any text.
function matches(expected, actual) {
  const squash = (s) => s.replace(/\s+/g, '');
  const pattern = squash(expected).split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(squash(actual));
}

// curl answers as the docs show them: "STATUS BODY" (the session's curl marks the status).
function showStatuses(output) {
  return output.replace(new RegExp(`([\\s\\S]*?)${STATUS} (\\d{3})\\n`, 'g'),
                        (_, body, status) => `${status} ${body}\n`);
}

// ---- emulator and shell --------------------------------------------------------------------

function emulatorBinary() {
  const bin = process.env.FGS_EMULATOR || path.join(ROOT, 'build', 'emulator', 'fgs-emulator');
  return path.isAbsolute(bin) ? bin : path.resolve(process.cwd(), bin);
}

// The arguments of an `sh emulator` block: `fgs-emulator ARGS…` with `\` continuations.
function emulatorArgs(text) {
  const words = text.replace(/\\\n/g, ' ').split(/\s+/).filter(Boolean);
  if (!/(^|\/)fgs-emulator$/.test(words[0] ?? ''))
    throw new Error('an `emulator` block must be one fgs-emulator command line');
  return words.slice(1).map((w) => w.replace(/^'(.*)'$/, '$1'));
}

function startEmulator(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(emulatorBinary(), [...args, '--port', '0'],
                        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fgs-emulator exited (${code}): ${stderr}`)));
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      const m = /:(\d+)$/.exec(line);
      if (!m) return reject(new Error(`unexpected first line '${line}'`));
      child.removeAllListeners('exit');
      resolve({
        port: m[1],
        stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }),
      });
    });
  });
}

// One bash process per document: variables of one block stay for the next, like a terminal.
class Shell {
  constructor(cwd) {
    // npm takes packages from its cache when it can (the contract suite's `npm ci` fills it).
    const env = { ...process.env, npm_config_prefer_offline: 'true',
                  npm_config_update_notifier: 'false' };
    this.proc = spawn('bash', ['--noprofile', '--norc'],
                      { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.setEncoding('utf8');
    this.buffer = '';
    this.proc.stdout.on('data', (d) => { this.buffer += d; this.wake?.(); });
    this.proc.stdin.write([
      'exec 2>&1 9>&1',
      // curl straight to the terminal also shows the status; redirected or piped it is untouched.
      `curl() { if [ /dev/stdout -ef /dev/fd/9 ]; then command curl -w '${STATUS} %{http_code}\\n' "$@"; else command curl "$@"; fi; }`,
      '',
    ].join('\n'));
  }

  run(code) {
    this.buffer = '';
    this.proc.stdin.write(`${code}\nprintf '\\n${END} %s\\n' "$?"\n`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer within 60 s')), SEGMENT_TIMEOUT_MS);
      this.wake = () => {
        const at = this.buffer.indexOf(`\n${END} `);
        const eol = at < 0 ? -1 : this.buffer.indexOf('\n', at + 1);
        if (eol < 0) return;
        clearTimeout(timer);
        this.wake = null;
        resolve({ output: this.buffer.slice(0, at),
                  status: Number(this.buffer.slice(at + END.length + 2, eol)) });
      };
      this.wake();
    });
  }

  close() { this.proc.stdin.end(); }
}

function runNode(code, dir) {
  const file = path.join(dir, 'example.js');
  fs.writeFileSync(file, code);
  try {
    return { output: execFileSync('node', [file], { cwd: dir, encoding: 'utf8', stdio: 'pipe',
                                                     timeout: SEGMENT_TIMEOUT_MS,
                                                     env: { ...process.env, HOME: dir } }),
             status: 0 };
  } catch (e) {
    return { output: `${e.stdout ?? ''}${e.stderr ?? ''}`, status: e.status ?? 1 };
  }
}

// ---- one document --------------------------------------------------------------------------

const MARKS = ['test', 'output', 'emulator', 'untested'];

async function checkDocument(file, report) {
  const rel = path.relative(ROOT, file);
  const blocks = fencedBlocks(fs.readFileSync(file, 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fgs-doctest-'));
  let emulator = null;
  let shell = null;
  const emulatorFor = async () => emulator ??= await startEmulator(DEFAULT_ARGS);
  const where = (b, line = b.line) => `${rel}:${line}`;
  try {
    for (let i = 0; i < blocks.length; ++i) {
      const b = blocks[i];
      const file = [...b.marks].find((m) => m.startsWith('file='));
      if (file && b.marks.size === 1) {
        // A data block later blocks use: written to the document's working directory.
        fs.writeFileSync(path.join(dir, path.basename(file.slice(5))), `${b.text}\n`);
        report.pass(where(b), 'file written');
        continue;
      }
      const kind = MARKS.filter((m) => b.marks.has(m));
      if (kind.length !== 1) {
        report.fail(where(b), `block \`${b.lang}\` needs exactly one of: ${MARKS.join(', ')}, ` +
                              'file=NAME');
        continue;
      }
      if (kind[0] === 'untested') { report.untested(where(b), b.lang); continue; }
      if (kind[0] === 'output') {
        report.fail(where(b), 'an `output` block must follow a `test` block');
        continue;
      }
      if (kind[0] === 'emulator') {
        if (emulator) await emulator.stop();
        emulator = null;
        emulator = await startEmulator(emulatorArgs(b.text));
        report.pass(where(b), 'emulator started');
        continue;
      }
      const { port } = await emulatorFor();
      const withPort = (s) => s.replaceAll(`127.0.0.1:${DOC_PORT}`, `127.0.0.1:${port}`);
      const docPort = (s) => s.replaceAll(`127.0.0.1:${port}`, `127.0.0.1:${DOC_PORT}`);
      const next = blocks[i + 1];
      const outputBlock = next && next.marks.has('output') ? next : null;
      if (outputBlock) ++i;
      if (b.lang === 'sh' || b.lang === 'bash') {
        shell ??= new Shell(dir);
        const segments = shellSegments(b.text, b.line + 1);
        if (outputBlock) {
          // The whole block's output is the output block.
          segments.splice(0, segments.length,
                          { code: b.text, expected: outputBlock.text, line: b.line + 1 });
        }
        for (const s of segments) {
          const { output, status } = await shell.run(withPort(s.code));
          const shown = docPort(showStatuses(output)).trim();
          const expected = s.expected ?? '';
          if (status !== 0)
            report.fail(where(b, s.line), `exit status ${status}; output:\n${shown}`);
          else if (!matches(expected, shown))
            report.fail(where(b, s.line), `expected:\n${expected}\ngot:\n${shown}`);
          else
            report.pass(where(b, s.line));
        }
      } else if (b.lang === 'js') {
        const { output, status } = runNode(withPort(b.text), dir);
        const shown = docPort(output).trim();
        const expected = outputBlock ? outputBlock.text : '';
        if (status !== 0)
          report.fail(where(b), `node exited with ${status}; output:\n${shown}`);
        else if (!matches(expected, shown))
          report.fail(where(b), `expected:\n${expected}\ngot:\n${shown}`);
        else
          report.pass(where(b));
      } else {
        report.fail(where(b), `cannot run \`${b.lang} test\` blocks (sh, bash, js)`);
      }
    }
  } finally {
    shell?.close();
    if (emulator) await emulator.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- README's flag table against --help ----------------------------------------------------

// Flags of --help: "--name ARG" → {flag, default}.
function helpFlags(help) {
  const out = new Map();
  for (const line of help.split('\n')) {
    const m = /^ {2}(--[a-z-]+(?: \S+)?)\s{2,}(.*)$/.exec(line);
    if (!m) continue;
    const d = /\(default (?!:)([^;) ]+)[;)]/.exec(m[2]);
    out.set(m[1], d ? d[1] : null);
  }
  return out;
}

// Rows of README's "Command-line flags" table: "`--name ARG`" (or "`--a`, `--b`") → default cell.
function readmeFlags(readme) {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Command-line flags')) ?? '';
  const out = new Map();
  for (const line of section.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((c) => c.trim());
    if (cells.length < 4 || !cells[1].startsWith('`--')) continue;
    for (const m of cells[1].matchAll(/`(--[^`]+)`/g))
      out.set(m[1].replace(/\\\|/g, '|'), cells[2].replace(/`/g, ''));
  }
  return out;
}

function flagTableProblems(help, readme) {
  const h = helpFlags(help);
  const r = readmeFlags(readme);
  const problems = [];
  for (const [flag, def] of h) {
    if (!r.has(flag)) problems.push(`README lacks \`${flag}\``);
    else if (def !== null && !r.get(flag).includes(def))
      problems.push(`README's default of ${flag} is '${r.get(flag)}', --help says ${def}`);
  }
  for (const flag of r.keys())
    if (!h.has(flag)) problems.push(`README lists \`${flag}\`, which --help does not know`);
  return problems;
}

// ---- citations -----------------------------------------------------------------------------

// Links to files that do not exist, and `name.md` files cited that are not in the repository.
function citationProblems(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  const problems = [];
  for (const m of text.replace(/`[^`\n]*`/g, '').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
    if (/^[a-z]+:/.test(m[1])) continue;
    if (!fs.existsSync(path.resolve(path.dirname(file), m[1])))
      problems.push(`links to ${m[1]}, which does not exist`);
  }
  for (const m of text.matchAll(/`([\w./-]+\.md)`/g)) {
    const name = m[1];
    const found = [path.resolve(path.dirname(file), name), path.join(ROOT, name),
                   path.join(ROOT, 'docs', path.basename(name))].some((p) => fs.existsSync(p));
    if (!found) problems.push(`cites \`${name}\`, which is not in the repository`);
  }
  return problems;
}

// ---- main ----------------------------------------------------------------------------------

async function main() {
  const files = process.argv.length > 2
    ? process.argv.slice(2).map((f) => path.resolve(f))
    : [path.join(ROOT, 'README.md'),
       ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort()
         .map((f) => path.join(ROOT, 'docs', f))];
  let passed = 0;
  const failures = [];
  const untested = [];
  const report = {
    pass: () => { ++passed; },
    fail: (where, why) => { failures.push(`${where}: ${why}`); },
    untested: (where, lang) => { untested.push(`${where} (${lang})`); },
  };
  const help = execFileSync(emulatorBinary(), ['--help'], { encoding: 'utf8' });
  const readmePath = path.join(ROOT, 'README.md');
  for (const p of flagTableProblems(help, fs.readFileSync(readmePath, 'utf8')))
    report.fail('README.md (flag table)', p);
  for (const file of files) {
    for (const p of citationProblems(file)) report.fail(path.relative(ROOT, file), p);
    try {
      await checkDocument(file, report);
    } catch (e) {
      report.fail(path.relative(ROOT, file), e.stack);
    }
  }
  for (const f of failures) console.error(`FAIL ${f}\n`);
  console.error(`doctest: ${passed} passed, ${failures.length} failed, ` +
                `${untested.length} blocks marked untested`);
  process.exitCode = failures.length ? 1 : 0;
}

if (require.main === module) main();

module.exports = { fencedBlocks, shellSegments, matches, showStatuses, emulatorArgs, helpFlags,
                   readmeFlags, flagTableProblems };
