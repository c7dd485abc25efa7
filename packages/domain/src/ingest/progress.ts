import path from 'node:path';

import cliProgress from 'cli-progress';

import { type ImportProgress } from './types';

export interface ProgressReporter {
  /** A plain function, safe to pass around as `onProgress`. */
  onProgress: (progress: ImportProgress) => void;
  stop: () => void;
}

/**
 * A progress bar over the bytes of the current file when `stream` is a terminal; otherwise (CI, pipes) a log
 * line at most every `intervalMs`, so logs stay readable.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr, intervalMs = 5000): ProgressReporter {
  if (!stream.isTTY) {
    let lastAt = 0;
    return {
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastAt < intervalMs) return;
        lastAt = now;
        stream.write(`import: ${path.basename(p.file)} line ${p.line}, ${p.rows} rows\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream, format: '{file} [{bar}] {percentage}% | line {line} | {rows} rows', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let file: string | undefined;
  return {
    onProgress: (p) => {
      const payload = { file: path.basename(p.file), line: p.line, rows: p.rows };
      const total = p.totalBytes ?? 1;
      const value = p.totalBytes ? (p.bytes ?? 0) : 1;
      if (file !== p.file) {
        if (file !== undefined) bar.stop();
        file = p.file;
        bar.start(total, value, payload);
      } else bar.update(value, payload);
    },
    stop: () => {
      if (file !== undefined) bar.stop();
      file = undefined;
    },
  };
}
