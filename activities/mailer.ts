import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  from?: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
}

export interface SendOutcome {
  /** The SMTP server's final response line, e.g. "250 OK: queued as …". */
  response: string;
  accepted: string[];
  rejected: string[];
}

/** The one thing activities need from email: send a message and learn what the server said. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<SendOutcome>;
  close(): void;
}

/** A {@link Mailer} on a real SMTP server, which can also say whether that server answers (for /readyz). */
export interface SmtpMailer extends Mailer {
  /**
   * Opens a connection of its own to the SMTP server, reads its greeting, says EHLO (and STARTTLS and
   * AUTH when they apply, as a send would) and quits; rejects when any of that fails or takes longer than
   * `timeoutMs`. Never touches the pool that sends.
   */
  verify(options: { timeoutMs: number }): Promise<void>;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

/**
 * A nodemailer SMTP transport (pooled). Errors are not interpreted here: {@link isPermanentSmtpFailure}
 * tells a refused address (5xx) from a transient fault.
 */
export function createMailer(settings: SmtpSettings): SmtpMailer {
  const server = {
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password } : undefined,
    // Local catchers speak plain SMTP; real servers negotiate STARTTLS when they offer it.
    ignoreTLS: !settings.user && (settings.host === '127.0.0.1' || settings.host === 'localhost'),
  };
  const transport = nodemailer.createTransport({
    ...server,
    pool: true,
    maxConnections: 5,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async verify({ timeoutMs }) {
      // A transport of its own with short timeouts: nothing it opens outlives the check.
      const probe = nodemailer.createTransport({ ...server, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
      try {
        await probe.verify();
      } finally {
        probe.close();
      }
    },
    async send(email) {
      const info = await transport.sendMail({
        from: email.from ?? settings.from,
        to: email.to,
        cc: email.cc && email.cc.length > 0 ? email.cc : undefined,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        inReplyTo: email.inReplyTo,
        references: email.references,
        attachments: email.attachments,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return {
        response: String(info.response ?? ''),
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String),
      };
    },
    close() {
      transport.close();
    },
  };
}

/** True for an SMTP refusal that retrying will not fix (5xx: unknown mailbox, policy rejection…). */
export function isPermanentSmtpFailure(err: unknown): boolean {
  const code = (err as { responseCode?: number } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
