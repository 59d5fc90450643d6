import type { Role } from '../../domain/roles';
import type { AdminFrame, FormState, PageNotice } from './admin-frame';

/** A person who signs in, as the list shows them. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** The reader's own account (never deactivated from here). */
  self: boolean;
  lastSignInText?: string;
}

/** A token of automation, as the list shows it (never the token itself). */
export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdBy: string;
  createdAtText: string;
  lastUsedText?: string;
  revokedText?: string;
}

export type UserField = 'email' | 'name' | 'role';
export type TokenField = 'name' | 'role';

/** The people page (secretariat only): users and tokens, their forms, and a token just created. */
export interface PeoplePageModel {
  frame: AdminFrame;
  users: UserRow[];
  tokens: TokenRow[];
  notice?: PageNotice;
  userForm: FormState<UserField>;
  tokenForm: FormState<TokenField>;
  /** The token just created: shown on this response only. */
  newToken?: { name: string; token: string };
}
