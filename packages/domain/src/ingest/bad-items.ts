import { addNote } from './article-fields';
import { ImportError } from './errors';
import { readLines } from './lines';
import { type ImportOptions, type ImportSummary } from './types';

/**
 * The one policy for bad input, in every format (JSONL, MIND, RSS/Atom): a file that cannot be parsed publishes
 * nothing; a parseable file with invalid items publishes nothing by default and lists every bad item by
 * `file:line`; `skipInvalid` imports the valid items and reports the rest in the summary. Importers therefore
 * check the whole input before their first write.
 */
export class BadItems {
  readonly errors: ImportError[] = [];
  private readonly keys = new Set<string>();

  add(err: ImportError): void {
    this.errors.push(err);
    this.keys.add(`${err.file}\0${err.line ?? 0}`);
  }

  has(file: string, line: number): boolean {
    return this.keys.has(`${file}\0${line}`);
  }
}

/** How many bad items an error message lists (all of them are in `items`). */
const maxInMessage = 50;

/** Refusal of a parseable file with invalid items: every item is in `items`, the first 50 in the message. */
export class InvalidItemsError extends Error {
  constructor(readonly items: readonly ImportError[]) {
    const listed = items.slice(0, maxInMessage).map((e) => e.message);
    const more = items.length > maxInMessage ? [`… and ${items.length - maxInMessage} more`] : [];
    super(
      [`${items.length} invalid item${items.length === 1 ? '' : 's'}: nothing was imported (skip invalid items to import the valid ones)`, ...listed, ...more].join('\n'),
    );
    this.name = 'InvalidItemsError';
  }
}

/** Records `err` when it is a bad item; anything else (a bug, the database) is rethrown. */
export function recordBadItem(bad: BadItems, err: unknown): void {
  if (!(err instanceof ImportError)) throw err;
  bad.add(err);
}

/** Pass 1 over a line-based file: every non-blank line `check` rejects is recorded. */
export async function scanInvalidLines(file: string, bad: BadItems, check: (text: string, line: number) => void): Promise<void> {
  for await (const { line, text } of readLines(file)) {
    if (text.trim() === '') continue;
    try {
      check(text, line);
    } catch (err) {
      recordBadItem(bad, err);
    }
  }
}

/** Throws unless the input is clean or the caller skips invalid items; then lists them in the summary. */
export function enforceBadItemPolicy(bad: BadItems, options: Pick<ImportOptions, 'skipInvalid'>, summary: ImportSummary): void {
  if (bad.errors.length === 0) return;
  if (!options.skipInvalid) throw new InvalidItemsError(bad.errors);
  summary.invalid += bad.errors.length;
  for (const e of bad.errors) addNote(summary, `skipped ${e.message}`);
}
