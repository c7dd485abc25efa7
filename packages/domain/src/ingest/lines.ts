import fs from 'node:fs';
import readline from 'node:readline';

export interface Line {
  /** 1-based line number. */
  line: number;
  text: string;
  /** Bytes read up to the end of this line, for progress bars. */
  bytes: number;
}

/** Streams a text file line by line; memory stays flat whatever the file size. */
export async function* readLines(file: string): AsyncGenerator<Line> {
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  let bytes = 0;
  for await (const text of rl) {
    line += 1;
    bytes += Buffer.byteLength(text) + 1;
    yield { line, text, bytes };
  }
}

/**
 * The lines of `file` that hold an item, for the importers' write loops: blank lines are counted in
 * `summary.skipped`, lines `skip` names (bad items let through by `--skip-invalid`) are left out.
 */
export async function* readItemLines(
  file: string,
  summary: { skipped: number },
  skip?: { has(file: string, line: number): boolean },
): AsyncGenerator<Line> {
  for await (const item of readLines(file)) {
    if (item.text.trim() === '') {
      summary.skipped += 1;
      continue;
    }
    if (skip?.has(file, item.line)) continue;
    yield item;
  }
}

export function getFileSize(file: string): number {
  return fs.statSync(file).size;
}
