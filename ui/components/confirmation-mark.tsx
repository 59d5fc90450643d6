import type { Locale } from '../../domain/input-bounds';
import type { PlanItemModel } from '../pages/plan-model';
import { planText } from '../pages/plan-text';

/**
 * The mark of a plan item whose text or target the secretariat still has to confirm: "To confirm" and the
 * note saying what is missing (written in English in the plan file, and marked so). Nothing for a certain item.
 */
export function ConfirmationMark({ lang, item }: { lang: Locale; item: PlanItemModel }) {
  if (!item.needsConfirmation) return null;
  const t = planText(lang);
  return (
    <p class="confirmation">
      <strong class="status s-DERIVED">{t.pendingMark}</strong> {t.noteLang ? <span class="muted">{t.noteLang} </span> : null}
      {item.confirmationNote ? <span lang="en">{item.confirmationNote}</span> : null}
    </p>
  );
}
