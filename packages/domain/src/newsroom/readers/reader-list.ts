import { type Db, type Prisma } from '@lede/db';

export const READER_KINDS = ['all', 'accounts', 'anonymous', 'simulated', 'staff'] as const;
export type TReaderKind = (typeof READER_KINDS)[number];

export interface ReaderListQuery {
  /** Part of an id, external id (`sim:12`) or email; empty lists everyone. */
  query?: string;
  kind?: TReaderKind;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

const kindWhere: Record<TReaderKind, Prisma.UserWhereInput> = {
  all: {},
  accounts: { isAnonymous: false, role: 'READER' },
  // SQL's NOT over a NULL external id is NULL, so readers without one are named explicitly.
  anonymous: { isAnonymous: true, OR: [{ externalId: null }, { NOT: { externalId: { startsWith: 'sim:' } } }] },
  simulated: { externalId: { startsWith: 'sim:' } },
  staff: { role: { in: ['EDITOR', 'ADMIN'] } },
};

/** Matches a piece of the id, external id or email (emails are stored lowercase). */
export function buildReaderSearch(query: string): Prisma.UserWhereInput {
  const q = query.trim();
  if (!q) return {};
  return { OR: [{ id: { contains: q } }, { externalId: { contains: q } }, { email: { contains: q.toLowerCase() } }] };
}

/** A page of readers, most recently seen first (then newest), filtered by kind and a partial id or email. */
export async function listReaders(db: Db, { query = '', kind = 'all', page = 1, pageSize = 50 }: ReaderListQuery = {}) {
  const where: Prisma.UserWhereInput = { AND: [kindWhere[kind], buildReaderSearch(query)] };
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ lastVisitAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, email: true, externalId: true, role: true, isAnonymous: true, createdAt: true, lastVisitAt: true },
    }),
  ]);
  return { rows, total, page, pageSize };
}
