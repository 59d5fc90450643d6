import { PageShell } from '../page-shell';
import type { MailListPageModel } from './mail-model';
import { mailText, mailTime } from './mail-text';

/**
 * The development mail catcher's messages, newest first: when each arrived, from whom, to whom, its
 * subject (the link to the message) and whether it carries attachments. A table on a desktop; on a phone
 * each message stacks into a card (the stylesheet's `.stack`).
 */
export function MailListPage({ lang, rows, file, urls }: MailListPageModel) {
  const t = mailText(lang);
  return (
    <PageShell lang={lang} title={t.title} switchLanguageHref={urls.switchLanguage}>
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <p class="muted">
        {rows.length ? t.count(rows.length) : t.empty} {file ? t.persisted(file) : t.inMemory} {rows.length ? t.zone : ''}
      </p>
      {rows.length ? (
        <table class="stack mail-list">
          <thead>
            <tr>
              <th scope="col">{t.received}</th>
              <th scope="col">{t.from}</th>
              <th scope="col">{t.to}</th>
              <th scope="col">{t.subject}</th>
              <th scope="col">
                <abbr title={t.attachments}>📎</abbr>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr>
                <td data-label={t.received} class="when">
                  <time dateTime={m.receivedAt.toISOString()}>
                    {/* The day and the time each in one piece; the line may break between them. */}
                    {mailTime(m.receivedAt)
                      .split(' ')
                      .map((piece, i) => (
                        <>
                          {i ? ' ' : ''}
                          <span>{piece}</span>
                        </>
                      ))}
                  </time>
                </td>
                <td data-label={t.from} title={m.fromHeader}>
                  {m.from}
                </td>
                <td data-label={t.to}>{m.to}</td>
                <td data-label={t.subject} class="subject">
                  <a href={m.href}>{m.subject ?? t.noSubject}</a>
                </td>
                <td data-label={t.attachments} class="when">
                  {m.attachments ? <span title={t.attachmentCount(m.attachments)}>📎 {m.attachments}</span> : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </PageShell>
  );
}
