import { render } from 'preact-render-to-string';
import type { Locale } from '../../domain/input-bounds';
import { EmailDocument } from './email-layout';
import type { EmailBlock, RenderedEmail } from './email-model';
import { emailPlainText } from './email-plain-text';
import { emailText } from './email-text';

function block(lang: Locale, { name, link }: { name: string; link: string }): EmailBlock {
  return lang === 'en'
    ? {
        lang,
        subject: 'NAP-1325: your sign-in link',
        parts: [
          { type: 'paragraph', content: [`Hello ${name},`] },
          { type: 'paragraph', content: ['Open this link to sign in to the NAP-1325 monitoring service. It is valid for 15 minutes, once:'] },
          { type: 'paragraph', content: [{ href: link }] },
          { type: 'paragraph', content: ['If you did not ask for it, ignore this email: nobody can sign in without opening the link.'] },
        ],
      }
    : {
        lang,
        subject: 'PNA-1325: su enlace para entrar',
        parts: [
          { type: 'paragraph', content: [`Hola, ${name}:`] },
          { type: 'paragraph', content: ['Abra este enlace para entrar al servicio de seguimiento del PNA-1325. Vale 15 minutos y una sola vez:'] },
          { type: 'paragraph', content: [{ href: link }] },
          { type: 'paragraph', content: ['Si usted no lo pidió, ignore este correo: nadie puede entrar sin abrir el enlace.'] },
        ],
      };
}

/** The email that carries a one-time sign-in link: the reader's language first, the other below. */
export function renderSignInEmail({ lang, name, link }: { lang: Locale; name: string; link: string }): RenderedEmail {
  const order: Locale[] = lang === 'en' ? ['en', 'es-MX'] : ['es-MX', 'en'];
  const blocks = order.map((l) => block(l, { name, link }));
  const separator = emailText(order[0]).otherBelow;
  return { subject: blocks[0].subject, text: emailPlainText(blocks, separator), html: `<!doctype html>${render(<EmailDocument blocks={blocks} separator={separator} />)}` };
}
