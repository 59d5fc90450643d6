/**
 * SYNTHETIC DATA — for scale tests and benchmarks only, never for production.
 *
 * A cycle may cover thousands of reporting entities (Mexico has about 2,470 municipalities). This makes
 * `count` fictitious ones: institutions of kind MUNICIPALITY coded `<prefix>-00001`…, named
 * "Municipio de prueba 00001" / "Test municipality 00001", each with one PRIMARY contact at an example
 * address (`enlace+mun-00001@municipios.example.mx`, delivers nowhere) and reporting the indicators of
 * objective 2 of MX-NAP-1325 ("2.a" public officials trained, by sex; "2.b" actions for safe public
 * spaces), the ones a municipality could plausibly answer.
 */
import type { PrismaClient } from './client';

/** Indicators every synthetic entity reports: objective 2's, which speak of local officials and spaces. */
export const SYNTHETIC_INDICATOR_CODES: readonly string[] = ['2.a', '2.b'];

/** Code of the n-th synthetic entity (1-based): `MUN-00001`; at least five digits. */
export function syntheticEntityCode(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(5, '0')}`;
}

/** Rows per INSERT: far below PostgreSQL's 65,535 bind parameters for every table written here. */
const CHUNK = 2_000;

/**
 * Inserts `count` synthetic reporting entities (see the module note) with bulk `createMany` statements
 * of 2,000 rows (10,000 entities take 2–4 s on 2 cores). Idempotent (`skipDuplicates`: ON CONFLICT DO
 * NOTHING): entities, contacts and reporter links that exist already are left as they are, so running it
 * twice, or with a larger `count`, inserts only what is missing.
 *
 * `planId` defaults to the newest plan loaded (seed the plan first, or it throws). `indicatorCodes`
 * defaults to {@link SYNTHETIC_INDICATOR_CODES}; a code the plan lacks is an error. Returns the codes of
 * the `count` entities, in order, and how many entities were new.
 */
export async function seedSyntheticEntities({
  prisma,
  count,
  planId,
  prefix = 'MUN',
  indicatorCodes = SYNTHETIC_INDICATOR_CODES,
}: {
  prisma: PrismaClient;
  count: number;
  planId?: string;
  prefix?: string;
  indicatorCodes?: readonly string[];
}): Promise<{ codes: string[]; inserted: number }> {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number ≥ 0 (got ${count})`);
  const plan = planId
    ? await prisma.plan.findUnique({ where: { id: planId }, select: { id: true } })
    : await prisma.plan.findFirst({ orderBy: { version: 'desc' }, select: { id: true } });
  if (!plan) throw new Error(`Cannot seed synthetic entities: ${planId ? `no plan ${planId}` : 'no plan is loaded (seed the plan first)'}.`);
  const indicators = await prisma.indicator.findMany({ where: { planId: plan.id, code: { in: [...indicatorCodes] } }, select: { id: true, code: true } });
  const missing = indicatorCodes.filter((code) => !indicators.some((i) => i.code === code));
  if (missing.length > 0) throw new Error(`Cannot seed synthetic entities: the plan has no indicator ${missing.join(', ')}.`);

  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  const codes = numbers.map((n) => syntheticEntityCode(prefix, n));
  let inserted = 0;
  for (let i = 0; i < count; i += CHUNK) {
    const { count: n } = await prisma.institution.createMany({
      data: numbers.slice(i, i + CHUNK).map((n) => {
        const digits = String(n).padStart(5, '0');
        return {
          code: syntheticEntityCode(prefix, n),
          nameEs: `Municipio de prueba ${digits}`,
          nameEn: `Test municipality ${digits}`,
          kind: 'MUNICIPALITY' as const,
        };
      }),
      skipDuplicates: true,
    });
    inserted += n;
  }

  for (let i = 0; i < count; i += CHUNK) {
    const slice = codes.slice(i, i + CHUNK);
    const institutions = await prisma.institution.findMany({ where: { code: { in: slice } }, select: { id: true, code: true } });
    await prisma.contact.createMany({
      data: institutions.map((institution) => ({
        institutionId: institution.id,
        role: 'PRIMARY' as const,
        name: `Enlace de prueba ${institution.code.slice(prefix.length + 1)}`,
        email: `enlace+${institution.code.toLowerCase()}@municipios.example.mx`,
        locale: 'es-MX',
      })),
      skipDuplicates: true,
    });
    await prisma.indicatorReporter.createMany({
      data: institutions.flatMap((institution) => indicators.map((indicator) => ({ indicatorId: indicator.id, institutionId: institution.id }))),
      skipDuplicates: true,
    });
  }
  return { codes, inserted };
}
