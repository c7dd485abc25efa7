import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { NextRequest } from 'next/server';

import { appRouter, createContext } from '@lede/api';

import { readIdentity } from '~/server/context';

function handler(req: NextRequest) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext(readIdentity(req.cookies)),
  });
}

export { handler as GET, handler as POST };
