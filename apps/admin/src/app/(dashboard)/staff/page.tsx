import type { Metadata } from 'next';

import { formatDate } from '@lede/ui';

import { AdminsOnly } from '~/components/admins-only';
import { PageNotices } from '~/components/page-notices';
import { InviteForm, IssueResetForm } from '~/components/staff-forms';
import { first, type TSearchParams } from '~/lib/search-params';
import { getApi, getStaffUser } from '~/server/caller';
import { grantAction, setRoleAction } from '~/server/staff-actions';

export const metadata: Metadata = { title: 'Staff' };

const button = 'rounded-md px-3 py-1.5 text-sm font-medium';
const field = 'mt-1 block rounded-md border border-rule bg-paper px-3 py-2';

/** One role change of one staff member, as a button (the server checks the admin role again). */
function RoleButton({ userId, email, role, label }: { userId: string; email: string; role: 'READER' | 'EDITOR' | 'ADMIN'; label: string }) {
  return (
    <form action={setRoleAction}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="email" value={email} />
      <input type="hidden" name="role" value={role} />
      <button type="submit" aria-label={`${label}: ${email}`} className={`${button} border border-rule hover:border-ink`}>
        {label}
      </button>
    </form>
  );
}

/** Admins invite, promote, demote and remove editors and admins; editors do not get this page. */
export default async function StaffPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await getStaffUser();
  if (!user) return null;
  if (user.role !== 'ADMIN') return <AdminsOnly title="Staff" what="Staff accounts and roles" />;
  const params = await searchParams;
  const staff = await (await getApi()).admin.staff.list();
  const notice = first(params.notice);
  const error = first(params.error);

  return (
    <>
      <h1 className="text-2xl font-semibold">Staff</h1>
      <p className="mt-1 text-sm text-ink-muted">
        Editors curate articles and read metrics; admins also run models, training, imports and this page. A role change ends
        that person’s sessions, and every change is in the audit log.
      </p>
      <PageNotices notice={notice} error={error} />

      <div role="region" aria-label="Staff (scrolls sideways)" tabIndex={0} className="mt-6 max-w-full overflow-x-auto">
        <table aria-label="Staff" className="w-full min-w-[40rem] text-sm">
          <thead>
            <tr className="border-b border-rule text-left">
              <th scope="col" className="py-2 pr-4 font-semibold">
                Email
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Name
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Role
              </th>
              <th scope="col" className="py-2 pr-4 font-semibold">
                Since
              </th>
              <th scope="col" className="py-2 font-semibold">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => {
              const email = s.email ?? s.id;
              return (
                <tr key={s.id} className="border-b border-rule align-top last:border-b-0">
                  <th scope="row" className="py-2 pr-4 text-left font-normal break-all">
                    {email}
                  </th>
                  <td className="py-2 pr-4">{s.name ?? '–'}</td>
                  <td className="py-2 pr-4 font-mono text-xs uppercase">{s.role.toLowerCase()}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{formatDate(s.createdAt)}</td>
                  <td className="py-2">
                    {s.id === user.id ? (
                      <span className="text-ink-muted">You (another admin changes your role)</span>
                    ) : (
                      <div className="flex flex-wrap items-start gap-2">
                        {s.role === 'EDITOR' ? <RoleButton userId={s.id} email={email} role="ADMIN" label="Promote to admin" /> : null}
                        {s.role === 'ADMIN' ? <RoleButton userId={s.id} email={email} role="EDITOR" label="Demote to editor" /> : null}
                        <RoleButton userId={s.id} email={email} role="READER" label="Remove from staff" />
                        <IssueResetForm userId={s.id} email={email} />
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="invite-title" className="mt-8 rounded-md border border-rule bg-surface p-4">
        <h2 id="invite-title" className="text-lg font-semibold">
          Invite
        </h2>
        <p className="mt-1 text-sm text-ink-muted">A new account with a one-time password, shown once (this install sends no mail).</p>
        <InviteForm />
      </section>

      <section aria-labelledby="grant-title" className="mt-6 rounded-md border border-rule bg-surface p-4">
        <h2 id="grant-title" className="text-lg font-semibold">
          Give an existing account a staff role
        </h2>
        <p className="mt-1 text-sm text-ink-muted">For someone who already signed up on the reader site; they keep their password.</p>
        <form action={grantAction} className="mt-3 flex flex-wrap items-end gap-4 text-sm">
          <label className="font-medium">
            Email
            <input name="email" type="email" required maxLength={200} autoComplete="off" className={`${field} w-64`} />
          </label>
          <label className="font-medium">
            Role
            <select name="role" defaultValue="EDITOR" className={field}>
              <option value="EDITOR">Editor</option>
              <option value="ADMIN">Admin</option>
            </select>
          </label>
          <button type="submit" className={`${button} bg-ink text-paper hover:opacity-90`}>
            Give role
          </button>
        </form>
      </section>
    </>
  );
}
