/** Minimal structured logger: one JSON line per event on stderr, so app and worker logs can be grepped alike. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

function write(level: string, scope: string, msg: string, fields?: Record<string, unknown>) {
  const extra = fields && 'err' in fields ? { ...fields, err: describe(fields.err) } : fields;
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level, scope, msg, ...extra })}\n`);
}

function describe(err: unknown) {
  return err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : err;
}

export function createLogger(scope: string): Logger {
  return {
    info: (msg, fields) => write('info', scope, msg, fields),
    warn: (msg, fields) => write('warn', scope, msg, fields),
    error: (msg, fields) => write('error', scope, msg, fields),
  };
}
