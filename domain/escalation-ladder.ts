import { ContactRole } from './contact-roles';
import { ESCALATION_LEVELS, type RecipientRole, type TReportingPolicy } from './reporting-policy';

/** One rung of the ladder: who is written to, and when. */
export interface LadderRung {
  /** 0: the request and the reminders; 1–3: the escalations after a missed deadline. */
  level: 0 | 1 | 2 | 3;
  /** Contact roles the emails are addressed to. */
  to: ContactRole[];
  /** Contact roles copied. */
  cc: ContactRole[];
  /** Business days after the deadline date (null for level 0, which runs up to the deadline). */
  businessDaysAfter: number | null;
}

/** The whole ladder of a policy, with the cut-off after the last rung. */
export interface EscalationLadder {
  rungs: LadderRung[];
  /** Business days after the deadline date at whose end an unanswered request counts as not reported. */
  cutoffBusinessDaysAfter: number;
  /** Business days before the deadline on which reminders go out (and on the day itself, if so). */
  reminderBusinessDaysBefore: number[];
  reminderOnDeadlineDay: boolean;
}

const toContactRole: Record<RecipientRole, ContactRole> = {
  CONTACT: ContactRole.PRIMARY,
  ALTERNATE: ContactRole.ALTERNATE,
  LIAISON_HEAD: ContactRole.LIAISON_HEAD,
  SECRETARIAT: ContactRole.SECRETARIAT,
};

/**
 * The escalation ladder a policy describes, as the emails follow it (activities/send-request-email.ts):
 * level 0 is the request and its reminders, to the primary contact with the alternate copied; each enabled
 * escalation level goes to its recipient roles with the primary contact copied (never copied when already
 * addressed). Disabled levels are left out. With the default policy: 0 primary (+ alternate), 1 primary and
 * alternate at +3 business days, 2 the liaison head at +10, 3 the secretariat at +20, cut-off at +30.
 */
export function escalationLadder(policy: TReportingPolicy): EscalationLadder {
  const rungs: LadderRung[] = [{ level: 0, to: [ContactRole.PRIMARY], cc: [ContactRole.ALTERNATE], businessDaysAfter: null }];
  for (const level of ESCALATION_LEVELS) {
    const step = policy.escalation[`level${level}`];
    if (!step.enabled) continue;
    const to = step.recipients.map((r) => toContactRole[r]);
    rungs.push({ level, to, cc: to.includes(ContactRole.PRIMARY) ? [] : [ContactRole.PRIMARY], businessDaysAfter: step.businessDaysAfter });
  }
  return {
    rungs,
    cutoffBusinessDaysAfter: policy.cutoffBusinessDaysAfter,
    reminderBusinessDaysBefore: [...policy.reminders.businessDaysBefore].sort((a, b) => b - a),
    reminderOnDeadlineDay: policy.reminders.onDeadlineDay,
  };
}
