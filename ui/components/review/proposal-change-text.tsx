import type { Locale } from '../../../domain/input-bounds';
import type { TProposalChange } from '../../../domain/review/review-proposal';
import { goalTargetText } from '../../../domain/goal-target-text';

/** A proposed (or accepted) change in words: wording in both languages, unit, breakdown, target, indicator. */
export function ProposalChangeText({ lang, change }: { lang: Locale; change: TProposalChange | null }) {
  if (!change) return null;
  const en = lang === 'en';
  return (
    <ul class="change">
      {change.text?.es ? <li lang="es-MX">{change.text.es}</li> : null}
      {change.text?.en ? <li lang="en">{change.text.en}</li> : null}
      {change.unit ? <li>{en ? 'Unit' : 'Unidad'}: {change.unit}</li> : null}
      {change.disaggregation ? <li>{en ? 'Breakdown' : 'Desglose'}: {change.disaggregation === 'SEX' ? (en ? 'by sex' : 'por sexo') : en ? 'none' : 'ninguno'}</li> : null}
      {change.target !== undefined ? <li>{en ? 'Target' : 'Meta'}: {change.target ? goalTargetText({ target: change.target, indicatorCode: change.indicatorCode ?? null })[lang] : en ? 'none' : 'ninguna'}</li> : null}
      {change.indicatorCode !== undefined ? <li>{en ? 'Measured on indicator' : 'Se mide con el indicador'}: {change.indicatorCode ?? '—'}</li> : null}
    </ul>
  );
}
