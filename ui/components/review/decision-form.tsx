import type { Locale } from '../../../domain/input-bounds';
import type { TDossierProposal } from '../../../domain/review/review-model';
import type { DecisionFormError } from '../../pages/reviews-model';
import { reviewsText } from '../../pages/reviews-text';
import { describedBy, Field } from '../field';

/** The id of a proposal's decision form and its fields (one per proposal on the page). */
export const decisionFieldId = (key: string, field: string) => `d-${key.replace(/[^A-Za-z0-9-]/g, '-')}-${field}`;

/** The input of the decision form an input field's error belongs to (`change.target` → `change-target`). */
export function decisionInputOf(field: string): string {
  if (field === 'change.target') return 'change-target';
  if (field === 'change.text.en') return 'change-en';
  if (field.startsWith('change')) return 'change-es';
  return field === 'note' ? 'note' : 'decision';
}

/**
 * The secretariat's decision on one proposal: accepted, accepted with changes (the accepted wording, and for
 * a goal the target), or rejected, with a note. Posts without script; a refusal comes back in place.
 */
export function DecisionForm({ lang, proposal, action, csrfToken, error }: { lang: Locale; proposal: TDossierProposal; action: string; csrfToken: string; error?: DecisionFormError }) {
  const t = reviewsText(lang);
  const id = (f: string) => decisionFieldId(proposal.key, f);
  const mine = error?.proposalKey === proposal.key ? error : undefined;
  const value = (f: string, fallback = '') => mine?.values[f] ?? fallback;
  const errorOf = (f: string) => (mine && (mine.field === f || mine.field.startsWith(`${f}.`)) ? mine.message : undefined);
  const current = value('decision', proposal.decision?.decision ?? '');
  const canChange = proposal.action === 'MODIFY' || proposal.action === 'ADD';
  return (
    <form method="post" action={action} class="decision" noValidate>
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="proposalKey" value={proposal.key} />
      <Field id={id('decision')} label={t.decisionLabel} error={errorOf('decision') ?? errorOf('proposalKey')}>
        <select id={id('decision')} name="decision" aria-describedby={describedBy(id('decision'), { error: errorOf('decision') })}>
          {/* Undecided: no decision chosen in advance, so saving a note never accepts by mistake. */}
          {current === '' ? (
            <option value="" selected>
              {t.choose}
            </option>
          ) : null}
          {(['ACCEPTED', ...(canChange ? ['ACCEPTED_WITH_CHANGES'] : []), 'REJECTED'] as const).map((d) => (
            <option key={d} value={d} selected={current === d}>
              {t.decisions[d]}
            </option>
          ))}
        </select>
      </Field>
      {canChange ? (
        <>
          <Field id={id('change-es')} label={t.changeEs} error={errorOf('change.text.es') ?? errorOf('change')}>
            <textarea id={id('change-es')} name="changeEs" rows={2} maxLength={2000} aria-describedby={describedBy(id('change-es'), { error: errorOf('change') })}>
              {value('changeEs', proposal.decision?.change?.text?.es ?? '')}
            </textarea>
          </Field>
          <Field id={id('change-en')} label={t.changeEn} error={errorOf('change.text.en')}>
            <textarea id={id('change-en')} name="changeEn" rows={2} maxLength={2000}>
              {value('changeEn', proposal.decision?.change?.text?.en ?? '')}
            </textarea>
          </Field>
          {proposal.kind === 'GOAL' ? (
            <Field id={id('change-target')} label={t.changeTarget} hint={t.changeTargetHint} error={errorOf('change.target')}>
              <textarea id={id('change-target')} name="changeTarget" rows={2} maxLength={2000} class="mono" aria-describedby={describedBy(id('change-target'), { hint: true, error: errorOf('change.target') })}>
                {value('changeTarget', proposal.decision?.change?.target ? JSON.stringify(proposal.decision.change.target) : '')}
              </textarea>
            </Field>
          ) : null}
        </>
      ) : null}
      <Field id={id('note')} label={t.noteLabel} error={errorOf('note')}>
        <textarea id={id('note')} name="note" rows={2} maxLength={2000} aria-describedby={describedBy(id('note'), { error: errorOf('note') })}>
          {value('note', proposal.decision?.note ?? '')}
        </textarea>
      </Field>
      <div class="actions">
        <button type="submit" class="secondary">
          {t.record}
        </button>
      </div>
    </form>
  );
}
