import 'server-only';

import { cookies, headers } from 'next/headers';
import { cache } from 'react';

import { createContext, createReaderCaller } from '@lede/api';

import { readIdentity } from './context';

/** A tRPC caller for the current request's reader, built once per request. */
export const getApi = cache(async () => createReaderCaller(await createContext(readIdentity(await cookies(), await headers()))));
