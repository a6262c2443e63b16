/**
 * Argument handling shared by the command-line entry points (`npm run import|report|db…`).
 * Imports nothing heavy, so `--help` answers before a CLI loads the database driver or the importer.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends Options> {
  /** Full help: usage line, options, exit codes. Printed to stdout for --help. */
  help: string;
  /** The one-line usage printed with a usage error. */
  usage: string;
  options: O;
  allowPositionals?: boolean;
  args?: string[];
}

/** Exit code for a usage error, the same in every CLI. */
export const USAGE_ERROR = 2;

/**
 * Parses argv. `--help`/`-h` prints the help and exits 0 with no side effect; an unknown option
 * or a missing value exits 2 with the usage line and a pointer to --help.
 */
export function parseCli<O extends Options>(spec: CliSpec<O>) {
  const args = spec.args ?? process.argv.slice(2);
  // --help wins over every other word on the line, even a mistake.
  if (args.includes('--help') || args.includes('-h')) printHelpAndExit(spec.help);
  try {
    return parseArgs({ args, options: spec.options, allowPositionals: spec.allowPositionals ?? false, strict: true });
  } catch (err) {
    return usageError((err as Error).message, spec.usage);
  }
}

function printHelpAndExit(help: string): never {
  process.stdout.write(`${help.trim()}\n`);
  process.exit(0);
}

/** Prints the problem, the usage line and a hint, then exits 2. */
export function usageError(message: string, usage: string): never {
  console.error(`${message}\n${usage}\nRun with --help for the options and exit codes.`);
  process.exit(USAGE_ERROR);
}
