import type { NextRequest } from 'next/server';

import { createContext, readerRouter } from '@lede/api';
import { handleTrpcRequest } from '@lede/api/http';

import { readIdentity } from '~/server/context';

/** The public reader API: reader procedures and auth only (the newsroom's `admin.*` lives in the admin app). */
function handler(req: NextRequest) {
  return handleTrpcRequest(req, {
    router: readerRouter,
    createContext: () => createContext(readIdentity(req.cookies, req.headers)),
  });
}

export { handler as GET, handler as POST };
