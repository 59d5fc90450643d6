import { CONTACT_ROLE_LABELS, CONTACT_ROLES } from '../../domain/contact-roles';
import type { Locale } from '../../domain/input-bounds';
import { contactInputId, type ContactFormValues } from '../pages/institution-model';
import { institutionText } from '../pages/institution-text';
import { describedBy, Field } from './field';

/** Zones of Mexico offered as the time zone is typed (any IANA zone is accepted). */
const MEXICAN_ZONES = ['America/Mexico_City', 'America/Cancun', 'America/Merida', 'America/Monterrey', 'America/Matamoros', 'America/Chihuahua', 'America/Ciudad_Juarez', 'America/Ojinaga', 'America/Mazatlan', 'America/Bahia_Banderas', 'America/Hermosillo', 'America/Tijuana'];
export const ZONE_LIST_ID = 'mexican-zones';

/** The zones the time-zone inputs suggest (one list per page). */
export function ZoneList() {
  return (
    <datalist id={ZONE_LIST_ID}>
      {MEXICAN_ZONES.map((z) => (
        <option value={z} />
      ))}
    </datalist>
  );
}

export interface ContactFormProps {
  lang: Locale;
  /** `new` for the add form, else the contact's id. */
  target: string;
  action: string;
  csrfToken: string;
  values: ContactFormValues;
  fieldErrors: Record<string, string>;
  submitLabel: string;
}

/**
 * A contact's details as a form (add or edit): name, email, role, the language and zone of its emails.
 * Each input has its own id (`new-contact-email`, `contact-<id>-email`), so a refusal is shown beside the
 * input it is about, in a page holding several of these forms.
 */
export function ContactForm({ lang, target, action, csrfToken, values, fieldErrors, submitLabel }: ContactFormProps) {
  const t = institutionText(lang);
  const id = (field: keyof ContactFormValues) => contactInputId(target, field);
  const err = (field: keyof ContactFormValues) => fieldErrors[id(field)];
  return (
    <form method="post" action={action} noValidate class="contact-form">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <Field id={id('name')} label={t.contactName} error={err('name')}>
        <input type="text" id={id('name')} name="name" value={values.name} maxLength={200} autoComplete="off" required aria-describedby={describedBy(id('name'), { error: err('name') })} />
      </Field>
      <Field id={id('email')} label={t.email} error={err('email')}>
        <input type="email" id={id('email')} name="email" value={values.email} maxLength={254} autoComplete="off" required aria-describedby={describedBy(id('email'), { error: err('email') })} />
      </Field>
      <Field id={id('role')} label={t.role} error={err('role')}>
        <select id={id('role')} name="role" aria-describedby={describedBy(id('role'), { error: err('role') })}>
          {CONTACT_ROLES.map((role) => (
            <option value={role} selected={values.role === role}>
              {CONTACT_ROLE_LABELS[role][lang].name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('locale')} label={t.language} error={err('locale')}>
        <select id={id('locale')} name="locale" aria-describedby={describedBy(id('locale'), { error: err('locale') })}>
          {Object.entries(t.languages).map(([value, label]) => (
            <option value={value} selected={values.locale === value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('timeZone')} label={t.timeZone} hint={t.timeZoneHint} error={err('timeZone')}>
        <input type="text" id={id('timeZone')} name="timeZone" value={values.timeZone} list={ZONE_LIST_ID} maxLength={64} autoComplete="off" aria-describedby={describedBy(id('timeZone'), { hint: true, error: err('timeZone') })} />
      </Field>
      <div class="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </form>
  );
}
