import { z } from 'zod';

import { ZRole } from '@lede/domain/readers';

export const ZSessionUser = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role: ZRole,
});
export const ZSession = z.object({ user: ZSessionUser, token: z.string(), expiresAt: z.date() });
