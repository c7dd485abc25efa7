// npm run admin:password — sets the seeded admin's password from LEDE_ADMIN_PASSWORD (or a generated one,
// printed once) and ends every session of that account: the way to rotate it. Refuses a LEDE_ADMIN_EMAIL that
// belongs to a reader or editor account.
import { getDb } from '@lede/db';
import { rotateAdminPassword } from '@lede/domain/readers';

import { runCli } from './args';

runCli(async () => {
  const db = getDb();
  try {
    const { email, password, generated } = await rotateAdminPassword(db);
    console.log(generated ? `${email}  new password: ${password}  (shown once; its sessions ended)` : `password of ${email} set; its sessions ended`);
  } finally {
    await db.$disconnect();
  }
});
