import type { PrismaClient } from './client';

/**
 * DEMO DATA — for development and `npm start` only, never for production.
 *
 * Fictitious people at example addresses, so a local reporting cycle has someone to write to: a PRIMARY
 * (receives the request), an ALTERNATE (copied on reminders) and a LIAISON_HEAD (escalation) for every
 * institution that reports an indicator of MX-NAP-1325 — the five federal agencies, CECOPAM and UN Women
 * (without the last two, their data requests would have no recipient) — plus the working group's
 * SECRETARIAT, registered under SRE, and one WORKING_GROUP member per institution (who receives the published
 * annual report; UN Women's reads English). Names are Spanish; locale es-MX unless said.
 */
export type TDemoContact = {
  institutionCode: string;
  role: 'PRIMARY' | 'ALTERNATE' | 'LIAISON_HEAD' | 'SECRETARIAT' | 'WORKING_GROUP';
  name: string;
  email: string;
  locale: 'es-MX' | 'en';
};

function institutionContacts(
  institutionCode: string,
  mailbox: string,
  domain: string,
  names: { primary: string; alternate: string; liaisonHead: string },
): TDemoContact[] {
  return [
    { institutionCode, role: 'PRIMARY', name: names.primary, email: `enlace.${mailbox}@${domain}`, locale: 'es-MX' },
    { institutionCode, role: 'ALTERNATE', name: names.alternate, email: `suplente.${mailbox}@${domain}`, locale: 'es-MX' },
    { institutionCode, role: 'LIAISON_HEAD', name: names.liaisonHead, email: `titular.${mailbox}@${domain}`, locale: 'es-MX' },
  ];
}

/** The demo contacts (see the module note). Addresses are on example domains and deliver nowhere. */
export const DEMO_CONTACTS: readonly TDemoContact[] = [
  ...institutionContacts('SRE', 'sre', 'example.gob.mx', {
    primary: 'María Fernanda López Ruiz',
    alternate: 'Jorge Alberto Méndez Salas',
    liaisonHead: 'Patricia Hernández Olvera',
  }),
  ...institutionContacts('SEDENA', 'sedena', 'example.gob.mx', {
    primary: 'Ana Laura Castillo Vega',
    alternate: 'Ricardo Domínguez Ponce',
    liaisonHead: 'Gabriela Ortiz Navarro',
  }),
  ...institutionContacts('SEMAR', 'semar', 'example.gob.mx', {
    primary: 'Claudia Ivonne Reyes Mora',
    alternate: 'Luis Enrique Sánchez Ibarra',
    liaisonHead: 'Verónica Aguilar Campos',
  }),
  ...institutionContacts('SSPC', 'sspc', 'example.gob.mx', {
    primary: 'Daniela Guadalupe Torres Lara',
    alternate: 'Héctor Manuel Ramírez Soto',
    liaisonHead: 'Adriana Flores Cervantes',
  }),
  ...institutionContacts('INMUJERES', 'inmujeres', 'example.gob.mx', {
    primary: 'Sofía Alejandra Jiménez Rosas',
    alternate: 'Mariana Cruz Delgado',
    liaisonHead: 'Elena Patricia Morales Guzmán',
  }),
  ...institutionContacts('CECOPAM', 'cecopam', 'example.gob.mx', {
    primary: 'Karla Beatriz Vargas Mejía',
    alternate: 'Fernando Rojas Medina',
    liaisonHead: 'Rosa María Estrada Luna',
  }),
  ...institutionContacts('UNWOMEN', 'onumujeres', 'example.org', {
    primary: 'Lucía Herrera Peña',
    alternate: 'Andrea Valdez Ríos',
    liaisonHead: 'Isabel Carmona Fuentes',
  }),
  {
    institutionCode: 'SRE',
    role: 'SECRETARIAT',
    name: 'Secretariado del Grupo de Trabajo Interinstitucional PNA-1325',
    email: 'secretariado.gti1325@example.gob.mx',
    locale: 'es-MX',
  },
  ...(
    [
      ['SRE', 'Alejandra Beltrán Quiroz', 'gt.sre@example.gob.mx', 'es-MX'],
      ['SEDENA', 'Mónica Salgado Treviño', 'gt.sedena@example.gob.mx', 'es-MX'],
      ['SEMAR', 'Teresa Villanueva Ochoa', 'gt.semar@example.gob.mx', 'es-MX'],
      ['SSPC', 'Norma Elizondo Garza', 'gt.sspc@example.gob.mx', 'es-MX'],
      ['INMUJERES', 'Beatriz Cárdenas Pineda', 'gt.inmujeres@example.gob.mx', 'es-MX'],
      ['CECOPAM', 'Silvia Montes de Oca Lira', 'gt.cecopam@example.gob.mx', 'es-MX'],
      ['UNWOMEN', 'Hannah Okafor', 'wg.unwomen@example.org', 'en'],
    ] as const
  ).map(([institutionCode, name, email, locale]): TDemoContact => ({ institutionCode, role: 'WORKING_GROUP', name, email, locale })),
];

/**
 * Inserts {@link DEMO_CONTACTS} (DEMO DATA, development only). Idempotent: a contact that already exists
 * (same institution, email and role) is left untouched, edits included, so re-running changes nothing.
 * The institutions must exist already (run `seedPlan` first); otherwise it throws naming the missing codes
 * and inserts nothing.
 */
export async function seedDemoContacts({
  prisma,
  contacts = DEMO_CONTACTS,
}: {
  prisma: PrismaClient;
  /** Defaults to {@link DEMO_CONTACTS}. */
  contacts?: readonly TDemoContact[];
}): Promise<{ inserted: number; total: number }> {
  const codes = [...new Set(contacts.map((c) => c.institutionCode))];
  const institutions = await prisma.institution.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const ids = new Map(institutions.map((i) => [i.code, i.id]));
  const missing = codes.filter((code) => !ids.has(code));
  if (missing.length > 0) {
    throw new Error(`Cannot seed demo contacts: unknown institution(s) ${missing.join(', ')}. Seed the plan first (npm run db:seed).`);
  }
  // ON CONFLICT DO NOTHING on (institutionId, email, role): concurrent or repeated runs insert each contact once.
  const { count } = await prisma.contact.createMany({
    data: contacts.map((c) => ({
      institutionId: ids.get(c.institutionCode) as string,
      role: c.role,
      name: c.name,
      email: c.email,
      locale: c.locale,
    })),
    skipDuplicates: true,
  });
  return { inserted: count, total: contacts.length };
}
