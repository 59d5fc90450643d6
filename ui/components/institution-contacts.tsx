import { CONTACT_ROLE_LABELS, CONTACT_ROLES, ContactRole } from '../../domain/contact-roles';
import { contactCardId, type ContactFormValues, type ContactModel, type InstitutionPageModel } from '../pages/institution-model';
import { institutionText } from '../pages/institution-text';
import { ContactForm, ZoneList } from './contact-form';

const NEW_CONTACT: ContactFormValues = { role: ContactRole.PRIMARY, name: '', email: '', locale: 'es-MX', timeZone: 'America/Mexico_City' };

/**
 * The institution's contacts grouped by role (each role says what it receives), the deactivated ones
 * folded away, and for the secretariat: an edit form and a deactivate button per contact, a reactivate
 * button per deactivated one, and the add form. Every form works without script: `<details>` opens it.
 */
export function InstitutionContacts(m: InstitutionPageModel) {
  const t = institutionText(m.lang);
  const active = m.contacts.filter((c) => c.active);
  const inactive = m.contacts.filter((c) => !c.active);
  return (
    <section aria-labelledby="contacts-title" id="contacts">
      <h2 id="contacts-title">{t.contactsTitle}</h2>
      <p class="muted">{t.contactsIntro}</p>
      {m.canAct ? <ZoneList /> : null}
      <div class="roles">
        {CONTACT_ROLES.map((role) => {
          const ofRole = active.filter((c) => c.role === role);
          return (
            <div class="role">
              <h3 id={`role-${role}`}>{CONTACT_ROLE_LABELS[role][m.lang].name}</h3>
              <p class="hint">{CONTACT_ROLE_LABELS[role][m.lang].gets}</p>
              {ofRole.length ? (
                <ul class="cards" aria-labelledby={`role-${role}`}>
                  {ofRole.map((c) => (
                    <ContactCard m={m} contact={c} />
                  ))}
                </ul>
              ) : (
                <p class="muted">{t.noContacts}</p>
              )}
            </div>
          );
        })}
      </div>
      {inactive.length ? (
        <details>
          <summary>{t.inactiveContacts(inactive.length)}</summary>
          <p class="hint">{t.inactiveHint}</p>
          <ul class="cards">
            {inactive.map((c) => (
              <ContactCard m={m} contact={c} />
            ))}
          </ul>
        </details>
      ) : null}
      {m.canAct ? (
        <details class="add-form" open={m.openForm?.target === 'new' || active.length === 0}>
          <summary>{t.addContact}</summary>
          <ContactForm
            lang={m.lang}
            target="new"
            action={`${m.urls.self}/contacts`}
            csrfToken={m.csrfToken}
            values={m.openForm?.target === 'new' ? m.openForm.values : NEW_CONTACT}
            fieldErrors={m.fieldErrors}
            submitLabel={t.add}
          />
        </details>
      ) : null}
    </section>
  );
}

function ContactCard({ m, contact: c }: { m: InstitutionPageModel; contact: ContactModel }) {
  const t = institutionText(m.lang);
  const error = m.fieldErrors[contactCardId(c.id)];
  const editing = m.openForm?.target === c.id;
  const base = `${m.urls.self}/contacts/${c.id}`;
  return (
    <li id={contactCardId(c.id)} class={error ? 'has-error' : undefined}>
      <p class="contact-name">
        <strong>{c.name}</strong>
        {c.active ? null : <span class="muted"> · {CONTACT_ROLE_LABELS[c.role][m.lang].name}</span>}
      </p>
      <p class="contact-email">{c.email}</p>
      <p class="muted">
        {t.languages[c.locale] ?? c.locale} · {c.timeZone}
      </p>
      {error ? <p class="field-error">{error}</p> : null}
      {m.canAct ? (
        <div class="card-actions">
          {c.active ? (
            <details open={editing}>
              <summary>
                {t.edit}
                <span class="vh">: {c.name}</span>
              </summary>
              <ContactForm lang={m.lang} target={c.id} action={base} csrfToken={m.csrfToken} values={editing ? m.openForm!.values : c} fieldErrors={m.fieldErrors} submitLabel={t.save} />
            </details>
          ) : null}
          <form method="post" action={`${base}/${c.active ? 'deactivate' : 'reactivate'}`} class="inline-form">
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <button type="submit" class="secondary small" aria-label={`${c.active ? t.deactivate : t.reactivate}: ${c.name} (${c.email})`}>
              {c.active ? t.deactivate : t.reactivate}
            </button>
          </form>
        </div>
      ) : null}
    </li>
  );
}
