import { Role } from '@lede/db';
import { z } from 'zod';

/** READER, EDITOR, ADMIN: taken from the schema's enum, so the API's schemas cannot drift from the database. */
export const ZRole = z.enum(Role);
