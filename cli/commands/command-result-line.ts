import type { Locale } from '../../domain/input-bounds';
import { say, type Text } from '../command';
import { formatDay } from '../format-instant';
import { printable } from '../printable';

/** What an action on a request answers (the workflow's `CommandResult`). */
export interface CommandAnswer {
  status: string;
  deadlineAt?: string;
  message?: string;
}

/**
 * One line saying what an action on a request did, in the operator's language:
 * `Prórroga aprobada — SEMAR 2026: estado REQUESTED · fecha límite 2027-01-15`. (The workflow's own
 * `message`, in English, is in the `--json` answer.)
 */
export function commandResultLine({ lang, done, year, code, answer }: { lang: Locale; done: Text; year: number; code: string; answer: CommandAnswer }): string {
  return say(lang, {
    'es-MX': `${done['es-MX']} — ${code} ${year}: estado ${printable(answer.status)} · fecha límite ${formatDay(answer.deadlineAt)}`,
    en: `${done.en} — ${code} ${year}: status ${printable(answer.status)} · deadline ${formatDay(answer.deadlineAt)}`,
  });
}
