import { CONTACT_ROLE_LABELS, ContactRole } from '../../domain/contact-roles';
import type { LadderRung } from '../../domain/escalation-ladder';
import type { Locale } from '../../domain/input-bounds';
import type { InstitutionPageModel } from '../pages/institution-model';
import { institutionText } from '../pages/institution-text';

/**
 * The escalation ladder in words, rung by rung — when, to whom, copied to whom — with the people who
 * stand on each rung today (a rung without anyone is said plainly), and the cut-off.
 */
export function EscalationLadderList(m: InstitutionPageModel) {
  const t = institutionText(m.lang);
  const { ladder } = m;
  return (
    <section aria-labelledby="ladder-title" id="ladder">
      <h2 id="ladder-title">{t.ladderTitle}</h2>
      <p class="muted">{t.ladderIntro}</p>
      <ol class="ladder">
        {ladder.rungs.map((rung) => (
          <li>
            <strong>{t.level(rung.level)}</strong>
            {' — '}
            {rung.level === 0 ? t.ladderRequest(ladder.reminderBusinessDaysBefore, ladder.reminderOnDeadlineDay) : `${capitalize(t.ladderAfter(rung.businessDaysAfter ?? 0))}.`}{' '}
            <RungPeople lang={m.lang} rung={rung} m={m} />
          </li>
        ))}
        <li>
          <strong>{t.cutoff}</strong> — {capitalize(t.ladderCutoff(ladder.cutoffBusinessDaysAfter))}
        </li>
      </ol>
    </section>
  );
}

function RungPeople({ lang, rung, m }: { lang: Locale; rung: LadderRung; m: InstitutionPageModel }) {
  const t = institutionText(lang);
  const people = (role: ContactRole) => {
    const list = role === ContactRole.SECRETARIAT ? m.secretariat : m.contacts.filter((c) => c.active && c.role === role);
    const label = CONTACT_ROLE_LABELS[role][lang].name.toLowerCase();
    return list.length ? `${label} (${list.map((p) => p.name).join(', ')})` : `${label}: ${t.nobody}`;
  };
  const missing = [...rung.to, ...rung.cc].some((role) => (role === ContactRole.SECRETARIAT ? m.secretariat.length === 0 : !m.contacts.some((c) => c.active && c.role === role)));
  return (
    <span class={missing ? 'ladder-people missing' : 'ladder-people'}>
      {t.ladderTo}: {rung.to.map(people).join('; ')}
      {rung.cc.length ? `; ${t.ladderCc} ${rung.cc.map(people).join('; ')}` : ''}.
    </span>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
