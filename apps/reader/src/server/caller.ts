import 'server-only';

import { cookies } from 'next/headers';
import { cache } from 'react';

import { createCaller, createContext } from '@lede/api';

import { readIdentity } from './context';

/** A tRPC caller for the current request's reader, built once per request. */
export const getApi = cache(async () => createCaller(await createContext(readIdentity(await cookies()))));
