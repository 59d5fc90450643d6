import type { Locale } from './input-bounds';
import { ESCALATION_LEVELS, type RecipientRole, type TReportingPolicy } from './reporting-policy';

const ROLE_NAMES: Record<RecipientRole, Record<Locale, string>> = {
  CONTACT: { 'es-MX': 'la persona de enlace', en: 'the contact' },
  ALTERNATE: { 'es-MX': 'su suplente', en: 'the alternate' },
  LIAISON_HEAD: { 'es-MX': 'la persona titular de la unidad de enlace', en: 'the head of the liaison unit' },
  SECRETARIAT: { 'es-MX': 'el secretariado del Grupo de Trabajo', en: "the working group's secretariat" },
};

const list = (items: readonly string[], lang: Locale) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${lang === 'en' ? 'and' : 'y'} ${items[items.length - 1]}`;

/**
 * A reporting policy in sentences, as the secretariat reads it before opening a cycle: when reminders go
 * out, each escalation level's day and recipients, the cut-off and the correction window.
 */
export function describePolicy(policy: TReportingPolicy, lang: Locale): string[] {
  const en = lang === 'en';
  const days = [...policy.reminders.businessDaysBefore].sort((a, b) => b - a).map(String);
  const lines = [
    days.length
      ? en
        ? `Reminders ${list(days, lang)} business days before the deadline${policy.reminders.onDeadlineDay ? ', and on the deadline day' : ''}, at ${policy.sendTime}.`
        : `Recordatorios ${list(days, lang)} días hábiles antes de la fecha límite${policy.reminders.onDeadlineDay ? ', y el mismo día límite' : ''}, a las ${policy.sendTime}.`
      : en
        ? `No reminders before the deadline${policy.reminders.onDeadlineDay ? ', one on the deadline day' : ''}.`
        : `Sin recordatorios antes de la fecha límite${policy.reminders.onDeadlineDay ? '; uno el día límite' : ''}.`,
  ];
  for (const level of ESCALATION_LEVELS) {
    const step = policy.escalation[`level${level}`];
    if (!step.enabled) {
      lines.push(en ? `Escalation level ${level}: not used.` : `Escalamiento nivel ${level}: no se usa.`);
      continue;
    }
    const to = list(step.recipients.map((r) => ROLE_NAMES[r][lang]), lang);
    lines.push(
      en
        ? `Escalation level ${level}: ${step.businessDaysAfter} business days after the deadline, to ${to}.`
        : `Escalamiento nivel ${level}: ${step.businessDaysAfter} días hábiles después de la fecha límite, a ${to}.`,
    );
  }
  lines.push(
    en
      ? `Without a report ${policy.cutoffBusinessDaysAfter} business days after the deadline, the request closes as "not reported".`
      : `Sin informe ${policy.cutoffBusinessDaysAfter} días hábiles después de la fecha límite, la solicitud se cierra como «no reportado».`,
    policy.correctionWindowBusinessDays === 0
      ? en
        ? 'A submitted report cannot be corrected.'
        : 'Un informe enviado no se puede corregir.'
      : en
        ? `Corrections are accepted for ${policy.correctionWindowBusinessDays} business days after the report is submitted.`
        : `Se aceptan correcciones durante ${policy.correctionWindowBusinessDays} días hábiles después de enviado el informe.`,
  );
  return lines;
}
