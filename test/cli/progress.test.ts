// Progress bars: drawn on a terminal, silent on a pipe or with --quiet; every long step shows a label.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { itemsText, terminalProgress } from '../../src/cli/progress.js';
import { SILENT_PROGRESS, step, type Progress } from '../../src/pipeline.js';

function fakeTerminal(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  stream.text = '';
  Object.assign(stream, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return stream;
}

test('a bar is drawn on a terminal, never on a pipe or with --quiet', () => {
  const tty = fakeTerminal(true);
  const progress = terminalProgress(tty);
  assert.notEqual(progress, SILENT_PROGRESS);
  progress.start('building the institution index', 1);
  progress.tick();
  progress.stop();
  assert.match(tty.text, /building the institution index/);
  assert.equal(terminalProgress(fakeTerminal(false)), SILENT_PROGRESS);
  assert.equal(terminalProgress(fakeTerminal(true), { quiet: true }), SILENT_PROGRESS);
});

test('step shows its label while the work runs and returns its result, also when it throws', () => {
  const calls: string[] = [];
  const recorder: Progress = { start: (label, total) => calls.push(`start ${label} ${total}`), tick: () => calls.push('tick'), stop: () => calls.push('stop') };
  assert.equal(step(recorder, 'computing the analytics', () => 42), 42);
  assert.deepEqual(calls, ['start computing the analytics 1', 'tick', 'stop']);
  calls.length = 0;
  assert.throws(() => step(recorder, 'x', () => { throw new Error('boom'); }), /boom/);
  assert.deepEqual(calls, ['start x 1', 'tick', 'stop']);
});

test('the bar counts papers as they are done', () => {
  assert.equal(itemsText(1), '1 paper');
  assert.equal(itemsText(4538), '4,538 papers');
  const tty = fakeTerminal(true);
  const progress = terminalProgress(tty);
  progress.start('reading and resolving', 1);
  for (let i = 0; i < 1234; i++) progress.item!();
  progress.tick();
  progress.stop();
  assert.match(tty.text, /reading and resolving\s+\| 1,234 papers \| \d+s/);
  // one unit (one file): no bar that would sit at 0% and no ETA; several files: a bar over the files
  assert.doesNotMatch(tty.text, /ETA|0\/1/);
  const several = fakeTerminal(true);
  const bar = terminalProgress(several);
  bar.start('reading and resolving', 3);
  bar.item!(5);
  bar.tick();
  bar.stop();
  assert.match(several.text, /reading and resolving\s+\[.*\] 1\/3 33% \| 5 papers \| ETA/);
});
