'use strict';
// The doc-test runner's own rules (node --test tests/docs/): what counts as a match, how a
// shell block is cut at its expectations, and the README flag table against --help.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const d = require('./doctest');

test('… matches any text, whitespace is ignored, everything else must match', () => {
  assert.ok(d.matches('200 {"id":"…","n":1}', '200 {"id": "abc",\n "n":1}'));
  assert.ok(!d.matches('200 {"n":1}', '200 {"n":2}'));
  assert.ok(!d.matches('400 {…}', '404 {"a":1}'));
  assert.ok(!d.matches('', 'unexpected'));
});

test('a shell block is cut at each expectation, continuation lines included', () => {
  const segs = d.shellSegments([
    'A=1',
    'curl x   # → 200 {"a":',
    '#          1}',
    '# a plain comment',
    'curl y',
    '#   → 204',
    'echo tail',
  ].join('\n'));
  assert.deepEqual(segs.map((s) => [s.code, s.expected]), [
    ['A=1\ncurl x', '200 {"a":\n1}'],
    ['# a plain comment\ncurl y', '204'],
    ['echo tail', null],
  ]);
});

test('curl statuses are shown before the body', () => {
  assert.equal(d.showStatuses('{"a":1}\x1edoctest-status 200\n\x1edoctest-status 204\n'),
               '200 {"a":1}\n204 \n');
});

test('the README flag table must list every --help flag with its default', () => {
  const help = [
    '  --port N                        port (default 8000; 0 picks a free port)',
    '  --max-deliveries N              deliveries kept (default 10000)',
    '  --help                          print this help and exit',
  ].join('\n');
  const readme = [
    '## Command-line flags', '', '| Flag | Default | Meaning |', '|---|---|---|',
    '| `--port N` | `8000` | port |', '| `--help` | | |', '', '## Next',
  ].join('\n');
  assert.deepEqual(d.flagTableProblems(help, readme), ['README lacks `--max-deliveries N`']);
  const wrongDefault = readme.replace('`8000`', '`80`');
  assert.match(d.flagTableProblems(help, wrongDefault)[0], /default of --port N/);
  const extra = readme.replace('| `--help` | | |', '| `--help` | | |\n| `--gone X` | | |');
  assert.ok(d.flagTableProblems(help, extra).includes(
    'README lists `--gone X`, which --help does not know'));
});

test('an emulator block is one fgs-emulator command line', () => {
  assert.deepEqual(d.emulatorArgs('fgs-emulator --auth strict \\\n  --credential A:B'),
                   ['--auth', 'strict', '--credential', 'A:B']);
  assert.throws(() => d.emulatorArgs('curl x'));
});
