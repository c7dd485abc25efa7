import type { NextRequest } from 'next/server';

import { createContext } from '@lede/api';
import { handleUploadRequest } from '@lede/api/http';

import { readIdentity } from '~/server/context';

/**
 * Receives an import upload (multipart, field `file`, one or two files): checks origin and role, reads the
 * body under the 50 MB cap as it streams, stores it under data/uploads/ and enqueues the import.
 */
export async function POST(req: NextRequest) {
  return handleUploadRequest(req, await createContext(readIdentity(req.cookies, req.headers)));
}
