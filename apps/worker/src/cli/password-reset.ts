// npm run password:reset -- EMAIL — issues a one-time password reset token for that account (staff or reader),
// printed once, for an admin locked out of the newsroom or a host without a signed-in admin. Staff redeem it on
// the newsroom's /reset, readers on the reader site's /reset; valid LEDE_PASSWORD_RESET_MINUTES. Audited.
import { getDb } from '@lede/db';
import { issuePasswordResetByEmail } from '@lede/domain/readers';
import { AppError } from '@lede/domain/shared';

import { parseCliArgs, runCli, UsageError } from './args';

const usage = 'usage: npm run password:reset -- EMAIL';

runCli(async () => {
  const { positionals } = parseCliArgs({}, usage);
  const email = positionals[0];
  if (!email || positionals.length > 1) throw new UsageError(usage);
  const db = getDb();
  try {
    const { token, expiresAt, user } = await issuePasswordResetByEmail(db, email).catch((err: unknown) => {
      // An unknown or anonymous account is a usage mistake: its message alone, no stack.
      throw err instanceof AppError ? new UsageError(err.message) : err;
    });
    const where = user.role === 'READER' ? "the reader site's /reset" : "the newsroom's /reset";
    console.log(`reset code for ${user.email} (${user.role.toLowerCase()}), valid until ${expiresAt.toISOString()}, use once on ${where}:\n${token}`);
  } finally {
    await db.$disconnect();
  }
});
