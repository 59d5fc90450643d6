import { z } from 'zod';

/**
 * The rungs an institution's contacts stand on (prisma `ContactRole`), in the order people read them:
 * who receives the request, who is copied, who is escalated to, and the working group's own people.
 */
export const ContactRole = {
  /** Receives the data request and reminders; copied on every escalation. */
  PRIMARY: 'PRIMARY',
  /** Copied on the request and reminders; escalation level 1. */
  ALTERNATE: 'ALTERNATE',
  /** Head of the institution's liaison unit; escalation level 2. */
  LIAISON_HEAD: 'LIAISON_HEAD',
  /** The working group's secretariat (registered under any institution, usually SRE); escalation level 3. */
  SECRETARIAT: 'SECRETARIAT',
  /** The institution's member of the working group: reads dashboards, receives the published report. */
  WORKING_GROUP: 'WORKING_GROUP',
} as const;
export type ContactRole = (typeof ContactRole)[keyof typeof ContactRole];

/** Every role, in the order pages list them. */
export const CONTACT_ROLES: readonly ContactRole[] = Object.values(ContactRole);

/** A contact role in a form or a body. */
export const ZContactRole = z.enum(ContactRole);

/** A contact as pages and the JSON API show it. */
export interface ContactRecord {
  id: string;
  role: ContactRole;
  name: string;
  email: string;
  /** "es-MX" or "en": the language of its emails. */
  locale: string;
  /** IANA zone its emails write dates in. */
  timeZone: string;
  active: boolean;
}

/** How each role reads, and what it receives, in es-MX and English. */
export const CONTACT_ROLE_LABELS: Record<ContactRole, { 'es-MX': { name: string; gets: string }; en: { name: string; gets: string } }> = {
  PRIMARY: {
    'es-MX': { name: 'Contacto principal', gets: 'Recibe la solicitud de información y los recordatorios; va en copia en cada escalamiento.' },
    en: { name: 'Primary contact', gets: 'Receives the data request and the reminders; copied on every escalation.' },
  },
  ALTERNATE: {
    'es-MX': { name: 'Suplente', gets: 'Va en copia de la solicitud y los recordatorios; recibe el primer escalamiento.' },
    en: { name: 'Alternate', gets: 'Copied on the request and the reminders; receives the first escalation.' },
  },
  LIAISON_HEAD: {
    'es-MX': { name: 'Titular de la unidad de enlace', gets: 'Recibe el segundo escalamiento.' },
    en: { name: 'Head of the liaison unit', gets: 'Receives the second escalation.' },
  },
  SECRETARIAT: {
    'es-MX': { name: 'Secretariado', gets: 'Recibe el tercer escalamiento de todas las instituciones, las solicitudes de prórroga y los avisos de fallas.' },
    en: { name: 'Secretariat', gets: "Receives every institution's third escalation, extension requests and failure notices." },
  },
  WORKING_GROUP: {
    'es-MX': { name: 'Grupo de Trabajo', gets: 'Integrante del Grupo de Trabajo: consulta los tableros y recibe el informe publicado.' },
    en: { name: 'Working group', gets: 'Member of the working group: reads the dashboards and receives the published report.' },
  },
};
