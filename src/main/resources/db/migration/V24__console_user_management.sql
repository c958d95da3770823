-- Console users managed from the console and signed in through OpenID Connect: a user created by a
-- single sign-on has no password (null) until an admin resets one; a disabled user cannot sign in
-- either way; the last sign-in is shown on the users page; sso_subject is the provider's `sub` the
-- user was first matched with, so a later sign-in with another identity under the same username is
-- refused.
alter table console_users alter column password_hash drop not null;
alter table console_users add column disabled_at timestamptz;
alter table console_users add column last_sign_in_at timestamptz;
alter table console_users add column sso_subject text;
create unique index console_users_sso_subject on console_users (tenant_id, sso_subject)
  where sso_subject is not null;
