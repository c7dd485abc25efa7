// Shared argument handling for the worker CLIs: node:util parseArgs plus checked numbers and a uniform exit.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** parseArgs with positionals allowed; unknown flags become a UsageError that carries the usage text. */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig['options']>>(options: T, usage: string, args = process.argv.slice(2)) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
  }
}

/** A whole number from a flag, within [min, max]. */
export function readInt(value: string | undefined, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number in [${min}, ${max}], got "${value}"`);
  return n;
}

/** Runs a CLI's main: on failure, prints the message alone (no stack for expected errors) and exits 1. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      const expected = err instanceof Error && ['UsageError', 'ImportError', 'VectorsFileError'].includes(err.name);
      console.error(expected || !(err instanceof Error) ? `error: ${err instanceof Error ? err.message : String(err)}` : err);
      process.exit(err instanceof UsageError ? 2 : 1);
    },
  );
}
