/** What an editor sees on an admin-only page. */
export function AdminsOnly({ title, what }: { title: string; what: string }) {
  return (
    <>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p role="status" className="mt-4 text-ink-muted">
        {what} are visible to admins only.
      </p>
    </>
  );
}
