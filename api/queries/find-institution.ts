import type { Locale } from '../../domain/input-bounds';
import { institutionRefusal } from '../../domain/institution-refusals';
import type { PrismaClient } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';

type Db = PrismaClient | Prisma.TransactionClient;

/** The institution with this code, or NOT_FOUND (INSTITUTION_NOT_FOUND) in `lang`. */
export async function findInstitution(db: Db, { code, lang }: { code: string; lang: Locale }) {
  const institution = await db.institution.findUnique({ where: { code } });
  if (!institution) throw institutionRefusal({ code: 'INSTITUTION_NOT_FOUND', params: { code }, lang });
  return institution;
}
