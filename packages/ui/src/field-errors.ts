interface Issue {
  code?: unknown;
  path?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  inclusive?: unknown;
  expected?: unknown;
}

const isBound = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

function describeIssue(issue: Issue): string {
  if (issue.code === 'too_small' && isBound(issue.minimum)) return issue.inclusive === false ? `must be more than ${issue.minimum}` : `must be at least ${issue.minimum}`;
  if (issue.code === 'too_big' && isBound(issue.maximum)) return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  if (issue.code === 'invalid_type') return 'must be a number';
  return 'is not valid';
}

/**
 * A zod error's issues (the cause of a tRPC BAD_REQUEST) as one readable sentence per form field, named by
 * `labels`, so a form shows "Epochs must be at least 1." beside the field instead of the raw issue JSON.
 */
export function describeFieldIssues(labels: Record<string, string>, cause: unknown): Record<string, string> {
  const issues = cause && typeof cause === 'object' && 'issues' in cause && Array.isArray(cause.issues) ? (cause.issues as Issue[]) : [];
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = Array.isArray(issue.path) && typeof issue.path[0] === 'string' ? issue.path[0] : null;
    if (!field || out[field]) continue;
    out[field] = `${labels[field] ?? field} ${describeIssue(issue)}.`;
  }
  return out;
}
