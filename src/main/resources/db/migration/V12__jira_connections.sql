-- How Baton writes back to the Jira site of a Jira integration: base URL, sealed credentials (SecretBox,
-- context <tenant>/jira/<integration id>), the custom fields Baton owns and how to fill them, and the
-- rollout mode. One connection per integration; deleting the integration deletes it.
create table jira_connections (
  tenant_id      text not null,
  integration_id uuid not null,
  base_url       text not null,
  auth_kind      text not null check (auth_kind in ('basic', 'bearer')),
  email          text,
  credential     bytea not null,
  fields         text not null,
  mode           text not null check (mode in ('off', 'shadow', 'on')),
  account_id     text,
  version        int not null,
  created_at     timestamptz not null,
  updated_at     timestamptz not null,
  primary key (tenant_id, integration_id),
  foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
