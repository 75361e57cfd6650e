/**
 * `logreg-wasm`: train, cross-validate, apply and evaluate logistic regression models on CSV files.
 *
 * `run(argv, io)` is the whole program, without `process.exit`, so tests call it in
 * process; `bin.ts` is the executable's entry.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { isCommand, parseCommand } from './args.js';
import { cv } from './commands/cv.js';
import { demo } from './commands/demo.js';
import { evaluate } from './commands/evaluate.js';
import { exportModel } from './commands/export.js';
import { predict } from './commands/predict.js';
import { train } from './commands/train.js';
import { UsageError } from './errors.js';
import { OPTIONS } from './flags.js';
import type { Io } from './io.js';
import { USAGE } from './usage.js';
import { nearest, quoted, safeLine } from './text.js';

/**
 * The version in the package's package.json, found by walking up from this module (it is
 * src/cli/main.ts in a clone and dist/cli.js in the package).
 */
async function packageVersion(): Promise<string> {
  let dir = new URL('.', import.meta.url);
  for (let depth = 0; depth < 4; depth++) {
    try {
      const pkg = JSON.parse(await readFile(new URL('package.json', dir), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'logreg-wasm' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json at this level: look one up.
    }
    dir = new URL('..', dir);
  }
  return '(version unknown)';
}

/**
 * Runs the CLI.
 * @param argv the arguments after the program name, e.g. `['train', 'data.csv', '--target', 'y']`.
 * @param io where to write (default: the process's stdout and stderr).
 * @returns the exit code: 0 on success, 1 for bad input (a missing or malformed file,
 * bad data), 2 for bad usage (unknown command or flag, a wrong value).
 */
export async function run(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === '--version') {
      io.stdout.write(`logreg-wasm ${await packageVersion()}\n`);
      return 0;
    }
    if (command === 'help' && args.length > 0) {
      // `help train` is `train --help`.
      const [topic] = args as [string];
      if (!isCommand(topic)) {
        const near = nearest(topic, Object.keys(OPTIONS));
        throw new UsageError(`no help for ${quoted(topic)}: not a command${near === null ? '' : ` (did you mean ${near}?)`}`);
      }
      io.stdout.write(`${USAGE[topic]}\n`);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.stderr : io.stdout).write(`${USAGE['general']}\n`);
      return command === undefined ? 2 : 0;
    }
    if (!isCommand(command)) {
      const near = nearest(command, Object.keys(OPTIONS));
      throw new UsageError(`unknown command ${quoted(command)}${near === null ? '' : ` (did you mean ${near}?)`}`);
    }
    const parsed = parseCommand(command, args);
    if (parsed === null) {
      io.stdout.write(`${USAGE[command]}\n`);
      return 0;
    }
    if (command === 'train') await train(parsed.values, parsed.positionals, io);
    else if (command === 'cv') await cv(parsed.values, parsed.positionals, io);
    else if (command === 'predict') await predict(parsed.values, parsed.positionals, io);
    else if (command === 'evaluate') await evaluate(parsed.values, parsed.positionals, io);
    else if (command === 'export') await exportModel(parsed.values, parsed.positionals, io);
    else demo(io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      // A usage error of a command shows that command's usage, wherever it was raised.
      const usage = error.command ?? (command !== undefined && isCommand(command) ? command : 'general');
      io.stderr.write(`logreg-wasm: ${safeLine(error.message)}\n\n${USAGE[usage]}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`logreg-wasm: ${safeLine(message.split('\n')[0] as string)}\n`);
    return 1;
  }
}
