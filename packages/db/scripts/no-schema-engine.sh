#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded offline. `prisma generate` never
# calls it; migrations run through packages/db/scripts/prisma.mjs on the WebAssembly engine instead.
echo "Lede: use 'npm run db:migrate' (packages/db/scripts/prisma.mjs), not the Prisma CLI's migrate commands." >&2
exit 1
