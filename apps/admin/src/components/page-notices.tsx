/** What the last action on a page said (from its redirect's `notice` / `error` query): a status, an alert. */
export function PageNotices({ notice, error }: { notice?: string; error?: string }) {
  return (
    <>
      {notice ? (
        <p role="status" className="mt-4 rounded-md border border-rule bg-surface px-3 py-2 text-sm">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-4 font-medium text-danger">
          {error}
        </p>
      ) : null}
    </>
  );
}
