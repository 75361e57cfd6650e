// Progress: the byte phase of a long read (amount, rate, time left; a redrawn line on a
// terminal, about ten lines otherwise) and the iteration bar around it, on a clock the
// test moves, so every figure is exact.
import { describe, expect, it } from 'vitest';
import { Progress, formatBytes, formatDuration } from '../../src/cli/progress.js';

/** An output that records what is written, and a clock the test sets. */
function setup(options: { tty: boolean; columns?: number; total?: number; unit?: string }) {
  let text = '';
  let now = 0;
  const out = { write: (s: string) => (text += s), isTTY: options.tty, columns: options.columns };
  const progress = new Progress(out, options.total ?? 5, options.unit ?? 'epoch', { now: () => now });
  return {
    progress,
    /** Moves the clock to `ms`. */
    at(ms: number) {
      now = ms;
      return progress;
    },
    text: () => text,
    /** Plain lines written (not a terminal). */
    lines: () => text.split('\n').filter((l) => l !== ''),
    /** The last state of each redrawn line (a terminal): the text after the last \r of each line. */
    screen: () => text.split('\n').map((l) => l.split('\r').pop()!.replace('\x1b[K', '')),
    /** How many times the line was redrawn. */
    draws: () => text.split('\r').length - 1,
  };
}

const MB = 1e6;

describe('Progress.bytes, not a terminal', () => {
  it('writes a line per tenth with the amount, percent, rate and time left', () => {
    const s = setup({ tty: false });
    s.at(0).phase('reading data.csv');
    // 384 MB read at 96 MB/s: a report every 8 MB (every 1/12 s).
    for (let read = 8 * MB; read <= 384 * MB; read += 8 * MB) s.at((read / (96 * MB)) * 1000).bytes(read, 384 * MB);
    const lines = s.lines();
    expect(lines).toHaveLength(10);
    // The first tenth (38.4 MB) is passed at 40 MB: 0.417 s in, too early for a time left.
    expect(lines[0]).toBe('reading data.csv: 40.0 MB of 384.0 MB (10 %), 96.0 MB/s');
    // 128 MB at 1.333 s: 256 MB left at 96 MB/s.
    expect(lines[2]).toBe('reading data.csv: 120.0 MB of 384.0 MB (31 %), 96.0 MB/s, about 3 s left');
    expect(lines[9]).toBe('reading data.csv: 384.0 MB of 384.0 MB (100 %), 96.0 MB/s, in 4.0 s');
    s.progress.done();
    expect(s.lines()).toHaveLength(10);
  });

  it('states the time left in minutes and seconds, then hours and minutes', () => {
    const s = setup({ tty: false });
    s.at(0).phase('reading big.csv');
    // 5 GB at 10 MB/s: 500 s in all; at 10 % (50 s in), 450 s left.
    s.at(50_000).bytes(500 * MB, 5000 * MB);
    expect(s.lines()[0]).toBe('reading big.csv: 500.0 MB of 5.00 GB (10 %), 10.0 MB/s, about 7 min 30 s left');
    s.at(100_000).bytes(550 * MB, 5000 * MB); // 5.5 MB/s now: 809 s left, but 11 % writes no line
    expect(s.lines()).toHaveLength(1);
    s.at(10_000_000).bytes(1000 * MB, 5000 * MB); // 0.1 MB/s: 40,000 s left
    expect(s.lines()[1]).toBe('reading big.csv: 1.00 GB of 5.00 GB (20 %), 100.0 kB/s, about 11 h 6 min left');
  });

  it('a tiny file: one report, one line', () => {
    const s = setup({ tty: false });
    s.at(0).phase('reading tiny.csv');
    s.at(3).bytes(512, 512);
    s.at(4).done();
    expect(s.lines()).toEqual(['reading tiny.csv: 512 B of 512 B (100 %), in 0.0 s']);
  });

  it('an empty file is complete at once', () => {
    const s = setup({ tty: false });
    s.at(0).bytes(0, 0);
    expect(s.lines()).toEqual(['reading: 0 B of 0 B (100 %), in 0.0 s']);
  });

  it('unknown total: read and rate, a line after 5 s and then each time the elapsed time doubles, and the last state at the end', () => {
    const s = setup({ tty: false });
    s.at(0).phase('reading query');
    // 20 MB/s for an hour, a report every 100 ms.
    for (let ms = 100; ms <= 3_600_000; ms += 100) s.at(ms).bytes(20_000 * ms, null);
    s.at(3_600_000).done();
    const lines = s.lines();
    expect(lines[0]).toBe('reading query: 100.0 MB, 20.0 MB/s');
    expect(lines[1]).toBe('reading query: 200.0 MB, 20.0 MB/s');
    expect(lines.at(-1)).toBe('reading query: 72.00 GB, 20.0 MB/s, in 1 h 0 min');
    // 5, 10, 20, … 2,560 s, then the end: ten lines for an hour.
    expect(lines).toHaveLength(11);
    for (const line of lines) expect(line).not.toContain('left');
  });

  it('never writes more than about a dozen lines, whatever the reports', () => {
    // Irregular reports: many tiny steps, pauses, a read past the stated total (a growing file).
    const s = setup({ tty: false });
    s.at(0).phase('reading growing.csv');
    let ms = 0;
    for (let i = 1; i <= 100_000; i++) {
      ms += i % 997 === 0 ? 5000 : 1;
      s.at(ms).bytes(i * 1000, 90_000_000);
    }
    s.progress.done();
    expect(s.lines().length).toBeLessThanOrEqual(12);
    expect(s.text()).not.toContain('\r');
    expect(s.lines().at(-1)).toMatch(/^reading growing\.csv: 100\.0 MB of 90\.0 MB \(100 %\), [\d.]+ kB\/s, in \d+ min \d+ s$/);
  });

  it('a phase that ends early writes its last state', () => {
    const s = setup({ tty: false });
    s.at(0).phase('reading cut.csv');
    s.at(1000).bytes(25 * MB, 100 * MB); // 2 tenths: one line
    s.at(1500).bytes(29 * MB, 100 * MB); // still the 2nd tenth: none
    s.at(1500).done();
    expect(s.lines()).toEqual([
      'reading cut.csv: 25.0 MB of 100.0 MB (25 %), 25.0 MB/s, about 3 s left',
      'reading cut.csv: 29.0 MB of 100.0 MB (29 %), 19.3 MB/s, in 1.5 s',
    ]);
  });

  it('then the epochs, as before', () => {
    const s = setup({ tty: false, total: 5, unit: 'epoch' });
    s.at(0).phase('reading data.csv');
    s.at(2000).bytes(10 * MB, 10 * MB);
    for (let epoch = 1; epoch <= 5; epoch++) s.at(2000 + epoch * 1000).update({ iter: epoch, loss: 1 / epoch });
    s.progress.done();
    expect(s.lines()).toEqual([
      'reading data.csv: 10.0 MB of 10.0 MB (100 %), 5.0 MB/s, in 2.0 s',
      'epoch 1/5  loss 1.00000',
      'epoch 2/5  loss 0.500000',
      'epoch 3/5  loss 0.333333',
      'epoch 4/5  loss 0.250000',
      'epoch 5/5  loss 0.200000',
    ]);
  });

  it('labels each phase; the rate counts from phase()', () => {
    const s = setup({ tty: false });
    s.at(0).phase('reading data.csv');
    s.at(1000).bytes(4 * MB, 4 * MB);
    s.at(5000).phase('scoring held-out rows');
    s.at(7000).bytes(4 * MB, 4 * MB);
    expect(s.lines()).toEqual([
      'reading data.csv: 4.0 MB of 4.0 MB (100 %), 4.0 MB/s, in 1.0 s',
      'scoring held-out rows: 4.0 MB of 4.0 MB (100 %), 2.0 MB/s, in 2.0 s',
    ]);
  });

  it('without phase(): labelled "reading", timed from the first report', () => {
    const s = setup({ tty: false });
    s.at(1000).bytes(1 * MB, 10 * MB);
    s.at(3000).bytes(5 * MB, 10 * MB);
    expect(s.lines()).toEqual(['reading: 1.0 MB of 10.0 MB (10 %)', 'reading: 5.0 MB of 10.0 MB (50 %), 2.0 MB/s, about 3 s left']);
  });

  it('escapes control characters in the label', () => {
    const s = setup({ tty: false });
    s.at(0).phase('reading a\x1b[2Jb.csv');
    s.at(10).bytes(1, 1);
    expect(s.text()).not.toContain('\x1b');
    expect(s.lines()[0]).toMatch(/^reading a\\x1b\[2Jb\.csv: /);
  });
});

describe('Progress.bytes, on a terminal', () => {
  it('redraws one line at most every 100 ms, always the last state, and ends it', () => {
    const s = setup({ tty: true });
    s.at(0).phase('reading data.csv');
    // A report every 10 ms for 4 s: 400 reports.
    for (let ms = 10; ms <= 4000; ms += 10) s.at(ms).bytes(96_000 * ms, 384 * MB);
    // At 10 ms (the first), 110, 210, … 3,910 ms, and the last report (complete) at once.
    expect(s.draws()).toBe(41);
    expect(s.text()).toContain('\rreading data.csv: 193.0 MB of 384.0 MB (50 %), 96.0 MB/s, about 2 s left\x1b[K');
    // Reports past the total (a growing file) keep the pace.
    for (let ms = 4010; ms <= 4500; ms += 10) s.at(ms).bytes(96_000 * ms, 384 * MB);
    expect(s.draws()).toBe(46); // 4,100 … 4,500 ms
    s.progress.done();
    expect(s.screen()).toEqual(['reading data.csv: 432.0 MB of 384.0 MB (100 %), 96.0 MB/s, in 4.5 s', '']);
  });

  it('draws a skipped last state when the phase ends (unknown total)', () => {
    const s = setup({ tty: true });
    s.at(0).phase('reading stdin');
    s.at(1000).bytes(10 * MB, null);
    s.at(1050).bytes(12 * MB, null); // within 100 ms: not drawn
    expect(s.draws()).toBe(1);
    expect(s.screen()).toEqual(['reading stdin: 10.0 MB, 10.0 MB/s']);
    s.at(1050).done();
    expect(s.screen()).toEqual(['reading stdin: 12.0 MB, 11.4 MB/s, in 1.1 s', '']);
  });

  it('ends the byte line before the bar, and the bar after it; done() ends the bar', () => {
    const s = setup({ tty: true, total: 3 });
    s.at(0).phase('reading data.csv');
    s.at(500).bytes(2 * MB, 2 * MB);
    s.at(600).update({ iter: 1, loss: 0.5 });
    s.at(700).update({ iter: 2, loss: 0.4 });
    s.at(800).update({ iter: 3, loss: 0.3 });
    s.at(900).phase('scoring held-out rows');
    s.at(1400).bytes(1 * MB, 1 * MB);
    s.progress.done();
    expect(s.screen()).toEqual([
      'reading data.csv: 2.0 MB of 2.0 MB (100 %), 4.0 MB/s, in 0.5 s',
      '[##############################] epoch 3/3  loss 0.300000',
      'scoring held-out rows: 1.0 MB of 1.0 MB (100 %), 2.0 MB/s, in 0.5 s',
      '',
    ]);
    s.progress.done(); // a second done() writes nothing
    expect(s.screen()).toHaveLength(4);
  });

  it('keeps the line within the terminal width: the label loses its start, the figures stay', () => {
    const label = `reading /a/very/long/path/to/${'x'.repeat(50)}.csv`;
    const wide = setup({ tty: true, columns: 80 });
    wide.at(0).phase(label);
    wide.at(2000).bytes(1 * MB, 4 * MB);
    expect(wide.screen()[0]).toBe(`…${'x'.repeat(21)}.csv: 1.0 MB of 4.0 MB (25 %), 500.0 kB/s, about 6 s left`);
    expect(wide.screen()[0]).toHaveLength(79);
    // Too narrow for the figures with any label: cut at the end.
    const narrow = setup({ tty: true, columns: 40 });
    narrow.at(0).phase(label);
    narrow.at(2000).bytes(1 * MB, 4 * MB);
    expect(narrow.screen()[0]).toBe('reading /a/very/long/path/to/xxxxxxxxx…');
  });
});

describe('Progress.update, unchanged', () => {
  it('not a terminal: the first step, every tenth and the last', () => {
    const s = setup({ tty: false, total: 100, unit: 'iteration' });
    for (let i = 1; i <= 100; i++) s.at(i).update({ iter: i, loss: 1 });
    expect(s.lines()).toHaveLength(11);
    expect(s.lines()[0]).toBe('iteration 1/100  loss 1.00000');
  });

  it('a terminal: a bar redrawn at most every 50 ms, the last step always, the class of a one-vs-rest problem', () => {
    const s = setup({ tty: true, total: 100, unit: 'iteration' });
    for (let i = 1; i <= 100; i++) s.at(i * 10).update({ iter: i, loss: 0.25, problem: 1 });
    expect(s.draws()).toBe(21);
    s.progress.done();
    expect(s.screen()).toEqual(['[##############################] iteration 100/100  loss 0.250000 (class 2)', '']);
  });
});

describe('units', () => {
  it('decimal bytes: B, kB, MB (10⁶), GB from 10⁹', () => {
    expect([512, 999, 1234, 999_960, 123_456_789, 999_999_999, 1e9, 12_345_678_901].map(formatBytes)).toEqual(['512 B', '999 B', '1.2 kB', '1.0 MB', '123.5 MB', '1.00 GB', '1.00 GB', '12.35 GB']);
  });

  it('durations: s, min s, h min; tenths for a short phase', () => {
    expect([0.4, 3.2, 59.4, 60, 125, 3599, 3600, 7384].map((s) => formatDuration(s, false))).toEqual(['0 s', '3 s', '59 s', '1 min 0 s', '2 min 5 s', '59 min 59 s', '1 h 0 min', '2 h 3 min']);
    expect([0.04, 4, 9.94, 9.96].map((s) => formatDuration(s, true))).toEqual(['0.0 s', '4.0 s', '9.9 s', '10 s']);
  });
});
