import crypto from 'node:crypto';

import { serverSecret } from '../shared/server-secret';

const UUID_LENGTH = 36;
const MAC_LENGTH = 22;

function macOf(uuid: string): string {
  return crypto.createHmac('sha256', serverSecret()).update(`reader:${uuid}`).digest('base64url').slice(0, MAC_LENGTH);
}

/**
 * A new anonymous reader id: a random UUID followed by its HMAC (58 characters, the cookie's `[A-Za-z0-9_-]`
 * alphabet). Only ids the server issued can become readers, so a script cannot choose ids that land in one
 * A/B arm (the arm follows a hash of the id) or claim another reader's id by guessing.
 */
export function issueReaderId(): string {
  const uuid = crypto.randomUUID();
  return `${uuid}${macOf(uuid)}`;
}

export function isIssuedReaderId(id: string): boolean {
  if (id.length !== UUID_LENGTH + MAC_LENGTH) return false;
  const expected = Buffer.from(macOf(id.slice(0, UUID_LENGTH)));
  const given = Buffer.from(id.slice(UUID_LENGTH));
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
