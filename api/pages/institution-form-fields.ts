import type { Locale } from '../../domain/input-bounds';
import { ADD_REPORTER_INPUT, contactCardId, contactInputId, reporterRowId, type ContactFormValues } from '../../ui/pages/institution-model';
import { institutionText } from '../../ui/pages/institution-text';
import type { Placement } from './form-refusal';

const CONTACT_FIELDS = ['role', 'name', 'email', 'locale', 'timeZone'] as const;

/** A contact form's values as sent (strings; anything else — a repeated field — is read as empty). */
export function contactFormValues(body: Record<string, unknown>): ContactFormValues {
  const value = (key: (typeof CONTACT_FIELDS)[number]) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  return { role: value('role'), name: value('name'), email: value('email'), locale: value('locale'), timeZone: value('timeZone') };
}

/**
 * Where a contact form's problems go: a field beside its input of the form `target` (`new`, or the
 * contact's id), named in the summary by its label; a problem with the contact itself (`id`: gone, or the
 * last primary contact) beside its card.
 */
export function contactPlacement({ target, lang }: { target: string; lang: Locale }): (field: string) => Placement | undefined {
  const t = institutionText(lang);
  const labels: Record<(typeof CONTACT_FIELDS)[number], string> = { role: t.role, name: t.contactName, email: t.email, locale: t.language, timeZone: t.timeZone };
  return (field) => {
    if ((CONTACT_FIELDS as readonly string[]).includes(field)) {
      const f = field as (typeof CONTACT_FIELDS)[number];
      return { id: contactInputId(target, f), label: labels[f] };
    }
    return target === 'new' ? undefined : { id: contactCardId(target) };
  };
}

/**
 * Where an assignment form's problems go: the add form's select (`adding`), else the row of the indicator
 * the button was on (none for "confirm all": the summary only).
 */
export function reporterPlacement({ indicator, adding, lang }: { indicator?: string; adding?: boolean; lang: Locale }): (field: string) => Placement | undefined {
  const t = institutionText(lang);
  return () => {
    if (adding) return { id: ADD_REPORTER_INPUT, label: t.addIndicator };
    return indicator ? { id: reporterRowId(indicator), label: `${t.indicator} ${indicator}` } : undefined;
  };
}
