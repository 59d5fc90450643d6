import type { Locale } from '../../domain/input-bounds';

/** One message in the mail catcher's list. */
export interface MailListRow {
  id: number;
  /** The message page. */
  href: string;
  receivedAt: Date;
  /** The sender's address (`no-reply@…`), else the envelope's sender. */
  from: string;
  /** The From header as written (`"PNA-1325" <no-reply@…>`), shown on hover. */
  fromHeader?: string;
  /** The To header as written, else the envelope's recipients. */
  to: string;
  subject?: string;
  attachments: number;
}

/** The mail catcher's list (newest first). */
export interface MailListPageModel {
  lang: Locale;
  rows: MailListRow[];
  /** The file the messages are kept in, when they survive a restart. */
  file?: string;
  urls: { switchLanguage: string };
}

/** One attachment, downloadable at its own address. */
export interface MailAttachmentLink {
  filename: string;
  contentType: string;
  size: number;
  href: string;
}

/** One caught message, as the secretariat inspects it. */
export interface MailMessagePageModel {
  lang: Locale;
  id: number;
  receivedAt: Date;
  subject?: string;
  /** Headers as written in the message. */
  headers: { from?: string; to?: string; cc?: string; date?: Date; messageId?: string; inReplyTo?: string };
  /** What the SMTP client said (MAIL FROM, RCPT TO): who really received it, Bcc included. */
  envelope: { from?: string; to: string[] };
  attachments: MailAttachmentLink[];
  text?: string;
  /** The HTML part's own address (shown in a sandboxed frame), when there is one. */
  htmlHref?: string;
  raw?: string;
  rawHref?: string;
  urls: { list: string; switchLanguage: string };
}

/** The sign-in form, or the answer to a wrong token. */
export interface MailSignInPageModel {
  lang: Locale;
  /** A token was sent and refused. */
  refused?: boolean;
  urls: { switchLanguage: string };
}
