import crypto from 'node:crypto';

let counter = 0;

/**
 * A collision-resistant id in the shape of Prisma's cuid() (25 chars, starts with "c"), for rows the bulk SQL
 * upserts insert: Prisma generates its defaults client-side, so raw inserts must bring their own.
 */
export function createId(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, '0').slice(-8);
  const count = counter.toString(36).padStart(4, '0');
  const random = BigInt(`0x${crypto.randomBytes(8).toString('hex')}`).toString(36).padStart(12, '0').slice(-12);
  return `c${time}${count}${random}`;
}
