import type { NextRequest } from 'next/server';

import { adminRouter, createContext } from '@lede/api';
import { handleTrpcRequest } from '@lede/api/http';

import { readIdentity } from '~/server/context';

/** The newsroom API: `admin.*` and auth only (reader procedures live in the reader app). */
function handler(req: NextRequest) {
  return handleTrpcRequest(req, { router: adminRouter, createContext: () => createContext(readIdentity(req.cookies, req.headers)) });
}

export { handler as GET, handler as POST };
