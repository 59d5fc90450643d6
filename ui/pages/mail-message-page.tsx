import { LinkedText } from '../components/linked-text';
import { PageShell } from '../page-shell';
import type { MailMessagePageModel } from './mail-model';
import { byteSize, mailText, mailTime } from './mail-text';

/**
 * One caught message, as the secretariat checks what was sent: the headers people and mail clients
 * read (From, To, Cc, Date, Message-ID, In-Reply-To, Subject), the SMTP envelope, the attachments (each
 * downloadable), the HTML part in a sandboxed frame (its own route, served with `Content-Security-Policy:
 * sandbox`: no script runs, nothing reaches this page), the text part with its links clickable, and the
 * raw source. Phone first: one column; the frame takes the width.
 */
export function MailMessagePage(m: MailMessagePageModel) {
  const t = mailText(m.lang);
  const h = m.headers;
  const subject = m.subject ?? t.noSubject;
  return (
    <PageShell lang={m.lang} title={`${t.message(m.id)}: ${subject}`} switchLanguageHref={m.urls.switchLanguage}>
      <p class="no-print">
        <a href={m.urls.list}>← {t.back}</a>
      </p>
      <h1>{subject}</h1>
      <dl class="facts">
        <dt>{t.from}</dt>
        <dd>{h.from ?? '—'}</dd>
        <dt>{t.to}</dt>
        <dd>{h.to ?? '—'}</dd>
        {h.cc ? (
          <>
            <dt>{t.cc}</dt>
            <dd>{h.cc}</dd>
          </>
        ) : null}
        <dt>{t.date}</dt>
        <dd>{h.date ? <When at={h.date} zone={t.zoneShort} /> : '—'}</dd>
        <dt>{t.subject}</dt>
        <dd>{subject}</dd>
        <dt>{t.messageId}</dt>
        <dd>
          <code>{h.messageId ?? '—'}</code>
        </dd>
        {h.inReplyTo ? (
          <>
            <dt>{t.inReplyTo}</dt>
            <dd>
              <code>{h.inReplyTo}</code>
            </dd>
          </>
        ) : null}
        <dt>{t.received}</dt>
        <dd>
          <When at={m.receivedAt} zone={t.zoneShort} />
        </dd>
      </dl>
      <details>
        <summary>{t.envelope}</summary>
        <dl class="facts">
          <dt>{t.envelopeFrom}</dt>
          <dd>{m.envelope.from || '—'}</dd>
          <dt>{t.envelopeTo}</dt>
          <dd>{m.envelope.to.join(', ') || '—'}</dd>
        </dl>
      </details>
      {m.attachments.length ? (
        <>
          <h2>{t.attachments}</h2>
          <ul>
            {m.attachments.map((a) => (
              <li>
                <a href={a.href} download={a.filename}>
                  {a.filename}
                </a>{' '}
                <span class="muted">
                  ({a.contentType}, {byteSize(a.size)}, {t.download})
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t.htmlPart}</h2>
      {m.htmlHref ? (
        <>
          <p class="muted">{t.htmlNote}</p>
          <iframe sandbox="" src={m.htmlHref} title={t.htmlFrame} class="mail-frame" loading="lazy" />
        </>
      ) : (
        <p class="muted">{t.noHtml}</p>
      )}
      <h2>{t.textPart}</h2>
      {m.text ? (
        <pre>
          <LinkedText text={m.text} />
        </pre>
      ) : (
        <p class="muted">{t.noText}</p>
      )}
      <h2>{t.raw}</h2>
      {m.raw !== undefined ? (
        <>
          {m.rawHref ? (
            <p>
              <a href={m.rawHref}>{t.rawOpen}</a>
            </p>
          ) : null}
          <details>
            <summary>{t.rawShow}</summary>
            <pre>{m.raw}</pre>
          </details>
        </>
      ) : (
        <p class="muted">{t.noRaw}</p>
      )}
    </PageShell>
  );
}

/** An instant in Mexico City time, the zone named, the exact instant in `datetime`. */
function When({ at, zone }: { at: Date; zone: string }) {
  return (
    <>
      <time dateTime={at.toISOString()}>{mailTime(at)}</time> ({zone})
    </>
  );
}
