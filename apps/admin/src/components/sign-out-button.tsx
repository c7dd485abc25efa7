import { signOutAction } from '~/server/auth-actions';

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded-md border border-rule px-3 py-1.5 text-sm font-medium hover:border-ink">
        Sign out
      </button>
    </form>
  );
}
