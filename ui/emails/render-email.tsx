import { render } from 'preact-render-to-string';
import type { Locale } from '../../domain/input-bounds';
import { emailBlock } from './email-content';
import { EmailDocument } from './email-layout';
import type { EmailContext, RenderedEmail } from './email-model';
import { emailPlainText } from './email-plain-text';
import { emailText } from './email-text';

/**
 * An email of a request, ready to send: the recipients' language first and the other below (es-MX is the
 * default; the plan's Spanish texts are an unofficial translation until the secretariat supplies its own),
 * instants in the recipient's zone, the subject of the first language. The HTML (a preact component, so
 * escaping is automatic) and the plain text are both written from the same blocks, so they say the same
 * thing. Deterministic: the same context gives the same bytes (a retried step sends the same email).
 */
export function renderEmail(c: EmailContext): RenderedEmail {
  const order: Locale[] = c.locale === 'en' ? ['en', 'es-MX'] : ['es-MX', 'en'];
  const blocks = order.map((lang) => emailBlock(c, lang));
  const separator = emailText(order[0]).otherBelow;
  return {
    subject: blocks[0].subject,
    text: emailPlainText(blocks, separator),
    html: `<!doctype html>${render(<EmailDocument blocks={blocks} separator={separator} />)}`,
  };
}
