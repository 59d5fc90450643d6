import { z } from 'zod';
import { writeAudit } from '../../activities/audit';
import { ContactRole, ZContactRole, type ContactRecord } from '../../domain/contact-roles';
import { LIMITS, zEmailAddress, zLine, zLocale, zTimeZone, type Locale } from '../../domain/input-bounds';
import { institutionRefusal } from '../../domain/institution-refusals';
import type { PrismaClient } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import { findInstitution } from '../queries/find-institution';

type Tx = Prisma.TransactionClient;

/** One contact as the secretariat writes it: every role, one line each, an address, a language and a zone. */
export const ZContactInput = z.strictObject({
  role: ZContactRole,
  name: zLine(LIMITS.name),
  email: zEmailAddress(),
  locale: zLocale().default('es-MX'),
  timeZone: zTimeZone().default('America/Mexico_City'),
});
export type TContactInput = z.infer<typeof ZContactInput>;

/** A contact's id (a cuid) in a path or a form. */
export const ZContactId = z.string().regex(/^[a-z0-9]{20,40}$/, 'is not a contact id');

/** `PUT /api/institutions/:code/contacts`: the institution's active contacts after the call. */
export const ZReplaceContactsBody = z.strictObject({ contacts: z.array(ZContactInput).max(LIMITS.contacts) });

/**
 * What the secretariat does to an institution's contacts: add one, change one, deactivate or reactivate
 * one (pages), or say the whole active list at once (`REPLACE`, the JSON API: contacts not listed are
 * deactivated).
 */
export type ContactChange =
  | { kind: 'ADD'; contact: TContactInput }
  | { kind: 'EDIT'; id: string; contact: TContactInput }
  | { kind: 'DEACTIVATE'; id: string }
  | { kind: 'REACTIVATE'; id: string }
  | { kind: 'REPLACE'; contacts: TContactInput[] };

const view = (c: ContactRecord): ContactRecord => ({ id: c.id, role: c.role, name: c.name, email: c.email, locale: c.locale, timeZone: c.timeZone, active: c.active });
/** What the audit keeps of an active contact (ids are not people's business). */
const audited = (c: ContactRecord) => ({ role: c.role, email: c.email, name: c.name, locale: c.locale, timeZone: c.timeZone });

/**
 * Applies one change to an institution's contacts, in one transaction that holds the institution's row
 * lock, so two changes of one institution never interleave (two people deactivating its two primary
 * contacts at once cannot both pass the check below). Contacts are never deleted, only deactivated; the
 * unique (institution, email, role) rule holds: adding an address that exists inactive in that role
 * reactivates it, one that is active is refused (CONTACT_EXISTS, on `email`). A change that would take
 * away the last active PRIMARY contact of an institution with requests under way is refused
 * (PRIMARY_REQUIRED). A change that changes something writes one CONTACTS_CHANGED audit row (actor
 * `secretariat:<actor>`, the active contacts before and after). The workflows read contacts when they
 * send, so the next email goes to the new people. Refusals are worded in `lang`.
 */
export async function changeContacts({ prisma, code, change, actor, lang }: { prisma: PrismaClient; code: string; change: ContactChange; actor: string; lang: Locale }) {
  return prisma.$transaction(async (tx) => {
    const institution = await findInstitution(tx, { code, lang });
    await tx.$queryRaw`SELECT id FROM "Institution" WHERE id = ${institution.id} FOR UPDATE`;
    const active = () => tx.contact.findMany({ where: { institutionId: institution.id, active: true }, orderBy: [{ role: 'asc' }, { createdAt: 'asc' }] });
    const before = (await active()).map(view);
    const ctx = { tx, institutionId: institution.id, code, lang };
    const touched = await apply(ctx, change);
    const after = (await active()).map(view);
    const changed = JSON.stringify(before.map(audited)) !== JSON.stringify(after.map(audited));
    if (!changed) return { changed, contacts: after, contactId: touched };
    await requirePrimary(ctx, { before, after, field: refusalField(change) });
    await writeAudit(tx, {
      actor: `secretariat:${actor}`,
      action: 'CONTACTS_CHANGED',
      data: { institution: code, change: change.kind, before: before.map(audited), after: after.map(audited) },
    });
    return { changed, contacts: after, contactId: touched };
  });
}

interface ChangeContext {
  tx: Tx;
  institutionId: string;
  code: string;
  lang: Locale;
}

/** Applies the change; returns the id of the contact it left in place, if one. */
async function apply(ctx: ChangeContext, change: ContactChange): Promise<string | undefined> {
  switch (change.kind) {
    case 'ADD':
      return addContact(ctx, change.contact);
    case 'EDIT':
      return editContact(ctx, change.id, change.contact);
    case 'DEACTIVATE':
    case 'REACTIVATE': {
      const row = await contactOf(ctx, change.id);
      await ctx.tx.contact.update({ where: { id: row.id }, data: { active: change.kind === 'REACTIVATE' } });
      return row.id;
    }
    case 'REPLACE':
      await replaceContacts(ctx, change.contacts);
      return undefined;
  }
}

const fields = (c: TContactInput) => ({ name: c.name, locale: c.locale, timeZone: c.timeZone });

async function addContact(ctx: ChangeContext, contact: TContactInput, field = 'email'): Promise<string> {
  const key = { institutionId: ctx.institutionId, email: contact.email, role: contact.role };
  const existing = await ctx.tx.contact.findUnique({ where: { institutionId_email_role: key } });
  if (existing?.active) throw institutionRefusal({ code: 'CONTACT_EXISTS', params: { email: contact.email, role: contact.role }, lang: ctx.lang, field });
  if (existing) return (await ctx.tx.contact.update({ where: { id: existing.id }, data: { ...fields(contact), active: true } })).id;
  return (await ctx.tx.contact.create({ data: { ...key, ...fields(contact) } })).id;
}

/**
 * Changes a contact in place; when its address or role changes to one the institution already had
 * (inactive), that row is reactivated with the new details and the edited one deactivated, so the unique
 * (institution, email, role) rule holds and no row is deleted.
 */
async function editContact(ctx: ChangeContext, id: string, contact: TContactInput): Promise<string> {
  const row = await contactOf(ctx, id);
  if (row.email === contact.email && row.role === contact.role) {
    await ctx.tx.contact.update({ where: { id }, data: fields(contact) });
    return id;
  }
  const clash = await ctx.tx.contact.findUnique({ where: { institutionId_email_role: { institutionId: ctx.institutionId, email: contact.email, role: contact.role } } });
  if (clash?.active) throw institutionRefusal({ code: 'CONTACT_EXISTS', params: { email: contact.email, role: contact.role }, lang: ctx.lang, field: 'email' });
  if (!clash) {
    await ctx.tx.contact.update({ where: { id }, data: { ...fields(contact), email: contact.email, role: contact.role } });
    return id;
  }
  await ctx.tx.contact.update({ where: { id }, data: { active: false } });
  await ctx.tx.contact.update({ where: { id: clash.id }, data: { ...fields(contact), active: row.active } });
  return clash.id;
}

async function replaceContacts(ctx: ChangeContext, contacts: TContactInput[]): Promise<void> {
  const keys = contacts.map((c) => `${c.role}|${c.email}`);
  const repeated = keys.findIndex((k, i) => keys.indexOf(k) !== i);
  if (repeated >= 0) {
    const c = contacts[repeated];
    throw institutionRefusal({ code: 'DUPLICATE_CONTACT', params: { email: c.email, role: c.role }, lang: ctx.lang, field: `contacts[${repeated}].email` });
  }
  await ctx.tx.contact.updateMany({ where: { institutionId: ctx.institutionId, active: true }, data: { active: false } });
  for (const contact of contacts) await addContact(ctx, contact);
}

async function contactOf(ctx: ChangeContext, id: string) {
  const row = await ctx.tx.contact.findFirst({ where: { id, institutionId: ctx.institutionId } });
  if (!row) throw institutionRefusal({ code: 'CONTACT_NOT_FOUND', params: { code: ctx.code }, lang: ctx.lang, field: 'id' });
  return row;
}

/** The field a PRIMARY_REQUIRED refusal is about: the role being changed, the contact, or the list. */
function refusalField(change: ContactChange): string {
  if (change.kind === 'EDIT') return 'role';
  if (change.kind === 'REPLACE') return 'contacts';
  return 'id';
}

/** Refuses a change that took away the last active primary contact while requests are under way. */
async function requirePrimary(ctx: ChangeContext, { before, after, field }: { before: ContactRecord[]; after: ContactRecord[]; field: string }): Promise<void> {
  const hasPrimary = (list: ContactRecord[]) => list.some((c) => c.role === ContactRole.PRIMARY);
  if (!hasPrimary(before) || hasPrimary(after)) return;
  const open = await ctx.tx.dataRequest.count({ where: { institutionId: ctx.institutionId, endedAt: null } });
  if (open > 0) throw institutionRefusal({ code: 'PRIMARY_REQUIRED', params: { open }, lang: ctx.lang, field });
}
