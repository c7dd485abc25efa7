import 'server-only';

import { cookies, headers } from 'next/headers';
import { cache } from 'react';

import { createAdminCaller, createContext } from '@lede/api';

import { readIdentity } from './context';

/** A tRPC caller for the current request's user, built once per request. */
export const getApi = cache(async () => createAdminCaller(await createContext(readIdentity(await cookies(), await headers()))));

/** The signed-in user, or null. */
export const getCurrentUser = cache(async () => (await getApi()).auth.me());

/**
 * The signed-in editor or admin, or null. The dashboard layout turns null into a redirect or a "not allowed"
 * page; pages also check, because Next renders a page alongside its layout and it must not fetch for others.
 */
export const getStaffUser = cache(async () => {
  const user = await getCurrentUser();
  return user && (user.role === 'EDITOR' || user.role === 'ADMIN') ? user : null;
});
