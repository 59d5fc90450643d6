import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../domain/app-error';

/** What the local mail catcher exposes to the API (scripts/mail-catcher.ts implements it). */
export interface Mailbox {
  readonly messages: readonly {
    id: number;
    receivedAt: Date;
    envelope: { to: string[] };
    parsed: { subject?: string; html?: string | false; text?: string };
  }[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Development only (`npm start` without SMTP_HOST): the messages the local mail catcher received, at
 * /mail, so a newcomer can open an emailed link.
 */
export function registerMailboxRoutes(app: FastifyInstance, mailbox: Mailbox): void {
  app.get('/mail', async (_request, reply) => {
    const rows = [...mailbox.messages]
      .reverse()
      .map((m) => `<tr><td>${m.receivedAt.toISOString()}</td><td>${esc(m.envelope.to.join(', '))}</td><td><a href="/mail/${m.id}">${esc(m.parsed.subject ?? '(no subject)')}</a></td></tr>`)
      .join('\n');
    return reply
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><html><head><meta charset="utf-8"><title>Mail catcher</title></head><body style="font-family:Arial"><h1>Local mail catcher (${mailbox.messages.length})</h1><table border="1" cellpadding="4"><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr>${rows}</table></body></html>`);
  });
  app.get('/mail/:id', async (request, reply) => {
    const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(request.params);
    const m = mailbox.messages.find((x) => x.id === id);
    if (!m) throw new AppError('NOT_FOUND', `No message ${id} in the local mail catcher.`);
    if (m.parsed.html) return reply.type('text/html; charset=utf-8').send(m.parsed.html);
    return reply.type('text/plain; charset=utf-8').send(m.parsed.text ?? '');
  });
  app.get('/mail.json', async () =>
    mailbox.messages.map((m) => ({ id: m.id, receivedAt: m.receivedAt, to: m.envelope.to, subject: m.parsed.subject })),
  );
}
