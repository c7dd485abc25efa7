import { z } from 'zod';

export const ZSessionUser = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role: z.enum(['READER', 'EDITOR', 'ADMIN']),
});
