import type { Locale } from '../../domain/input-bounds';
import type { EmailBlock, EmailPart, Inline } from './email-model';
import type { EmailText } from './email-text';

/** What every kind's content function gets: the context, the sentences of one language, and helpers in it. */
export interface Writer {
  lang: Locale;
  t: EmailText;
  /** The institution as people name it in this language, with its code. */
  who: string;
  /** An instant written in the reader's zone and this language. */
  when: (at: string) => string;
  /** A calendar day (`yyyy-MM-dd`) written in this language. */
  day: (date: string) => string;
}

/** A subject and what the block says. */
export type Content = Omit<EmailBlock, 'lang'>;

export const paragraph = (...content: Inline[]): EmailPart => ({ type: 'paragraph', content });
export const link = (href: string): Inline => ({ href });
