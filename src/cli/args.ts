/**
 * Reading a command line: which command it names, and its flags and positional arguments
 * checked against the command's table (flags.ts), with messages that say more than
 * parseArgs's own (the nearest flag to an unknown one, how to write a value that starts
 * with '-', a flag given twice).
 * @module
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { NUMBERS, OPTIONS, POSITIONALS, num, type Options, type Values } from './flags.js';
import { nearest, quoted } from './text.js';

/** Whether `name` is a command (an own key: `constructor` and `__proto__` are not commands). */
export function isCommand(name: string): boolean {
  return Object.hasOwn(OPTIONS, name);
}

/** The option a flag names (`--max-iter`, `--C=1`, `-o`), or undefined. */
function optionOf(options: Options, token: string): { name: string; inline: boolean } | undefined {
  if (token.startsWith('--')) {
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    return Object.hasOwn(options, name) ? { name, inline: eq >= 0 } : undefined;
  }
  if (token.length !== 2) return undefined;
  for (const [name, o] of Object.entries(options)) if (o.short === token[1]) return { name, inline: false };
  return undefined;
}

/**
 * Checks the flags before parseArgs does, to say more than it can: the nearest flag to an
 * unknown one, and for a value that starts with '-' (`--C -1`, which parseArgs calls
 * "ambiguous"), what the flag expects and how to write such a value.
 * @throws UsageError
 */
function checkFlags(command: string, args: readonly string[]): void {
  const options = OPTIONS[command] as Options;
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    if (token === '--') return;
    if (!token.startsWith('-') || token === '-') continue;
    const option = optionOf(options, token);
    if (option === undefined) {
      // Combined short flags (-qh) and -oFILE are parseArgs's to read.
      if (!token.startsWith('--') && token.length > 2 && optionOf(options, token.slice(0, 2)) !== undefined) continue;
      const written = token.split('=')[0] as string;
      const bare = written.replace(/^--?/, '');
      // `-standardize` is --standardize with one dash too few.
      const near = Object.hasOwn(options, bare) ? bare : nearest(bare, Object.keys(options));
      throw new UsageError(`unknown option ${quoted(written)}${near === null ? '' : ` (did you mean --${near}?)`}`, command);
    }
    const { name, inline } = option;
    if ((options[name] as Options[string]).type !== 'string' || inline) continue;
    const value = args[i + 1];
    if (value !== undefined && value.length > 1 && value.startsWith('-')) {
      const hint = `write --${name}=${value} for a value that starts with '-'`;
      if (Object.hasOwn(NUMBERS, name) && optionOf(options, value) === undefined) {
        try {
          num({ [name]: value }, name);
        } catch (error) {
          throw new UsageError(`${(error as Error).message} (${hint})`, command);
        }
      }
      throw new UsageError(`--${name} needs a value; got the option-like ${quoted(value)} (${hint})`, command);
    }
    i++;
  }
}

/** parseArgs's own messages in the CLI's words (its unknown-option case is mostly met by {@link checkFlags} first). */
function parseArgsMessage(error: Error): string {
  const message = error.message.split('\n')[0] as string;
  const option = /^Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' (does not take an argument|argument missing)/.exec(message);
  if (option !== null) return option[2] === 'argument missing' ? `${option[1]} needs a value` : `${option[1]} is a switch; it takes no value`;
  const unknown = /^Unknown option '(.*?)'\./.exec(message);
  if (unknown !== null) return `unknown option ${quoted(unknown[1] as string)}`;
  return message.replace(/\. To specify a positional argument.*$/, '');
}

/**
 * Checks what parseArgs lets through: a text flag given an empty value, or given twice
 * with different values (parseArgs keeps the last one, so `--target y --target a`
 * would train on 'a' without a word). A repeatable flag (`--one-hot`) may repeat.
 * @throws UsageError
 */
function checkRepeats(command: string, options: Options, tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']>): void {
  const given = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    const { name, value } = token;
    if (value.trim() === '') throw new UsageError(`--${name} needs a value; got ''`, command);
    if ((options[name] as Options[string]).multiple) continue;
    const before = given.get(name);
    if (before !== undefined && before !== value) {
      throw new UsageError(`--${name} is given twice (${quoted(before)} and ${quoted(value)}); give it once`, command);
    }
    given.set(name, value);
  }
}

/**
 * Reads a command's arguments: its flags' values and its positional arguments, or null
 * when `--help` is given (the caller prints the command's usage).
 * @throws UsageError for an unknown flag, a flag without its value or given twice, or the
 * wrong number of positional arguments.
 */
export function parseCommand(command: string, args: string[]): { values: Values; positionals: string[] } | null {
  checkFlags(command, args);
  const options = OPTIONS[command] as Options;
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error as Error), command);
  }
  checkRepeats(command, options, parsed.tokens);
  const values = parsed.values as Values;
  if (values['help']) return null;
  const expected = POSITIONALS[command] as string[];
  // --sql stands for the data file (a file given too is refused by the command, naming both).
  const sql = values['sql'] !== undefined && parsed.positionals.length <= expected.length && parsed.positionals.length >= expected.length - 1;
  if (parsed.positionals.length !== expected.length && !sql) {
    const got = parsed.positionals.length;
    throw new UsageError(
      expected.length === 0
        ? `${command} takes no arguments; got ${got}`
        : `${command} needs ${expected.join(' and ')}${Object.hasOwn(options, 'sql') ? ' (or --sql QUERY)' : ''}; got ${got} ${got === 1 ? 'argument' : 'arguments'}`,
      command,
    );
  }
  return { values, positionals: parsed.positionals };
}
