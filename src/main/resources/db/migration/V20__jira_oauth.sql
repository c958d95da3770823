-- OAuth 2.0 (3LO) for Jira connections: auth kind 'oauth' keeps a client id, the sealed client secret and
-- refresh token (SecretBox, contexts <tenant>/jira/<integration id>/client-secret and .../refresh-token),
-- the current access token (sealed in credential, null until the first refresh) with its expiry, and the
-- token endpoint. auth_state 'reauthorize' marks a connection whose refresh token the provider refused
-- (invalid_grant): a person has to authorize Baton again and save the new tokens.
alter table jira_connections drop constraint jira_connections_auth_kind_check;
alter table jira_connections
  add constraint jira_connections_auth_kind_check check (auth_kind in ('basic', 'bearer', 'oauth'));
alter table jira_connections alter column credential drop not null;
alter table jira_connections
  add column oauth_client_id          text,
  add column oauth_client_secret      bytea,
  add column oauth_client_secret_fp   text,
  add column oauth_refresh_token      bytea,
  add column oauth_refresh_token_fp   text,
  add column oauth_token_url          text,
  add column oauth_expires_at         timestamptz,
  add column auth_state               text not null default 'ok' check (auth_state in ('ok', 'reauthorize')),
  add column auth_error               text;
alter table jira_connections add constraint jira_connections_oauth_check check (
  auth_kind <> 'oauth'
  or (oauth_client_id is not null and oauth_client_secret is not null and oauth_refresh_token is not null
      and oauth_token_url is not null));
alter table jira_connections add constraint jira_connections_credential_check check (
  auth_kind = 'oauth' or credential is not null);
