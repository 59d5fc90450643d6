import type { ContactRecord } from '../../domain/contact-roles';
import type { EscalationLadder } from '../../domain/escalation-ladder';
import type { InstitutionKind } from '../../domain/plan-schema';
import type { Locale } from '../../domain/input-bounds';
import type { Timeliness, TimelinessSummary } from '../../domain/request-timeliness';
import type { FormError } from '../components/error-summary';
import type { NavModel } from '../components/secretariat-nav';
import type { Bilingual } from './respond-model';

/** What every signed-in page of this room carries. */
export interface SignedInPage {
  lang: Locale;
  nav: NavModel;
  switchLanguageHref: string;
}

/** One row of the institution list. */
export interface InstitutionListRowModel {
  code: string;
  name: Bilingual;
  kind: InstitutionKind;
  active: boolean;
  activeContacts: number;
  indicators: number;
  derivedUnconfirmed: number;
  href: string;
}

/** The list of institutions: the filter as sent, a page of rows, where it stands, the pager's links. */
export interface InstitutionListPageModel extends SignedInPage {
  filters: { q: string; kind: string };
  rows: InstitutionListRowModel[];
  total: number;
  /** How many matching institutions come before this page. */
  offset: number;
  urls: { next?: string; previous?: string; clear: string };
}

/** A contact as the page shows it. */
export type ContactModel = ContactRecord;

/** What a contact form holds: the contact's details, or what the secretariat just sent (after a refusal). */
export interface ContactFormValues {
  role: string;
  name: string;
  email: string;
  locale: string;
  timeZone: string;
}

/** One indicator the institution reports. */
export interface ReportedIndicatorModel {
  code: string;
  text: Bilingual;
  unit: string;
  disaggregation: string;
  derived: boolean;
  basis: string | null;
}

/** One request of a cycle, as the page lists it. */
export interface InstitutionRequestModel {
  year: number;
  status: string;
  deadlineText: string;
  submittedText?: string;
  timeliness: Timeliness;
  /** The cycle's dashboard page for this institution. */
  href: string;
}

/** One institution's page (see ui/pages/institution-page.tsx). */
export interface InstitutionPageModel extends SignedInPage {
  csrfToken: string;
  /** The secretariat: forms shown. The working group reads. */
  canAct: boolean;
  institution: { code: string; name: Bilingual; kind: InstitutionKind; timeZone: string; active: boolean };
  notice?: { kind: 'ok' | 'warning'; text: string };
  errors: FormError[];
  /** Errors by the id of the input (or row) they are about, shown in place. */
  fieldErrors: Record<string, string>;
  contacts: ContactModel[];
  /**
   * The contact form to show open with values (after a refusal, or `?edit=`): `new` for the add form, a
   * contact's id for its edit form.
   */
  openForm?: { target: string; values: ContactFormValues };
  ladder: EscalationLadder;
  /** The secretariat's active contacts (every institution's last rung). */
  secretariat: { name: string; email: string }[];
  plan?: { key: string; version: number };
  indicators: ReportedIndicatorModel[];
  /** Indicators of the plan it does not report yet (the add form's choices). */
  addable: { code: string; text: Bilingual }[];
  /** Requests under way (not ended). */
  openRequests: number;
  requests: InstitutionRequestModel[];
  timeliness: TimelinessSummary;
  urls: { self: string; list: string };
}

/** Ids of a contact form's inputs: `new-contact-name`, `contact-<id>-email`. */
export const contactInputId = (target: string, field: keyof ContactFormValues) => (target === 'new' ? `new-contact-${field}` : `contact-${target}-${field}`);
/** Id of a contact's card (its row-level errors, e.g. a refused deactivation, point there). */
export const contactCardId = (id: string) => `contact-${id}`;
/** Id of an indicator's row (`reporter-4-b`). */
export const reporterRowId = (code: string) => `reporter-${code.replace(/[^A-Za-z0-9_-]/g, '-')}`;
/** Id of the add-indicator select. */
export const ADD_REPORTER_INPUT = 'add-reporter-indicator';
