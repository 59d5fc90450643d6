import type { Locale } from '../domain/input-bounds';
import type { ApiClient } from './api-client';

/** A text a person reads, in both languages the service writes (es-MX first). */
export type Text = Readonly<Record<Locale, string>>;

/** One `--option` of a command: a string with a value, or a boolean flag. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  /** How the value is written in help (`yyyy-MM-dd`, `A,B`); string options only. */
  value?: string;
  /** A one-letter alias (`-h`). */
  short?: string;
  help: Text;
  /** Refused as a usage error (exit 2) when absent. */
  required?: boolean;
}

/** What a command receives once its line is parsed: its arguments, options, the API client and output. */
export interface CommandContext {
  /** The positional arguments after the command's words, exactly as many as {@link CommandSpec.args}. */
  args: readonly string[];
  lang: Locale;
  /** `--json`: print the API's JSON answer (and nothing else) on stdout. */
  json: boolean;
  api: ApiClient;
  /** A string option's value (undefined when absent). */
  str(name: string): string | undefined;
  /** A required string option's value (the parser already refused its absence). */
  need(name: string): string;
  /** Whether a boolean flag was given. */
  flag(name: string): boolean;
  /** Writes one line (or several joined by newlines) to stdout. */
  print(text?: string): void;
  /** Writes a JSON value to stdout, indented. */
  printJson(value: unknown): void;
  /** Writes one line to stderr (a note that is not the command's output). */
  warn(text: string): void;
  /** Waits `ms` (polling commands). */
  sleep(ms: number): Promise<void>;
}

/** One command of the CLI: its words (`['cycle', 'open']`), arguments, options, help and what it does. */
export interface CommandSpec {
  words: readonly string[];
  /** Placeholders of the required positional arguments, in order: `['<year>', '<code>']`. */
  args: readonly string[];
  options: Readonly<Record<string, OptionSpec>>;
  summary: Text;
  /** The API route(s) it calls, shown in its help. */
  route: string;
  examples?: readonly string[];
  run(ctx: CommandContext): Promise<void>;
}

/** Picks the text of `lang`. */
export const say = (lang: Locale, text: Text): string => text[lang];
