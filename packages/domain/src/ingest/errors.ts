/** A malformed input row. The message names the file and line, e.g. `behaviors.tsv:7: expected 5 …`. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(line === undefined ? `${file}: ${detail}` : `${file}:${line}: ${detail}`);
    this.name = 'ImportError';
  }
}

/** Turns the first zod issue into a short `field: problem` text for an ImportError. */
export function describeZodIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'invalid row';
  const where = first.path.map(String).join('.');
  return where ? `${where}: ${first.message}` : first.message;
}
