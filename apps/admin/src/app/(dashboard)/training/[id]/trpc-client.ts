import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';

import type { AdminRouter } from '@lede/api';

/** The browser's tRPC client for this page (same-origin /api/trpc, session cookie included). */
export const trpc = createTRPCClient<AdminRouter>({ links: [httpLink({ url: '/api/trpc', transformer: superjson })] });
