-- Baton foundation schema. Every table carries tenant_id and every query filters on it.

create table tenants (
  tenant_id    text primary key,
  display_name text not null,
  created_at   timestamptz not null
);

create table api_tokens (
  tenant_id    text not null references tenants (tenant_id),
  id           uuid not null,
  name         text not null,
  token_hash   text not null unique,
  prefix       text not null,
  scopes       text[] not null,
  person_id    text,
  created_at   timestamptz not null,
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz,
  primary key (tenant_id, id)
);

create table idempotency_keys (
  tenant_id   text not null,
  key         text not null,
  fingerprint text not null,
  status      int,
  response    text,
  created_at  timestamptz not null,
  primary key (tenant_id, key)
);

-- audit: append-only and hash-chained per tenant
create table audit_heads (
  tenant_id text primary key,
  seq       bigint not null,
  hash      text not null
);

create table audit_entries (
  tenant_id      text not null,
  seq            bigint not null,
  id             uuid not null,
  at             timestamptz not null,
  actor_type     text not null,
  actor_id       text not null,
  actor_via      text,
  source         text not null,
  correlation_id text not null,
  subject_type   text not null,
  subject_id     text not null,
  action         text not null,
  reason         text,
  before         text,
  after          text,
  prev_hash      text not null,
  hash           text not null,
  primary key (tenant_id, seq)
);
create index audit_entries_subject on audit_entries (tenant_id, subject_type, subject_id, seq);

create function audit_entries_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit entries are append-only: % refused', tg_op;
end
$$;
create trigger audit_entries_append_only before update or delete on audit_entries
  for each row execute function audit_entries_refuse_change();

-- roster
create table people (
  tenant_id       text not null references tenants (tenant_id),
  id              text not null,
  display_name    text not null,
  email           text,
  time_zone       text not null,
  slack_user_id   text,
  jira_account_id text,
  github_login    text,
  gitlab_login    text,
  version         int not null,
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  primary key (tenant_id, id)
);
create unique index people_slack on people (tenant_id, slack_user_id) where slack_user_id is not null;
create unique index people_jira on people (tenant_id, jira_account_id) where jira_account_id is not null;
create unique index people_github on people (tenant_id, lower(github_login)) where github_login is not null;
create unique index people_gitlab on people (tenant_id, lower(gitlab_login)) where gitlab_login is not null;
create unique index people_email on people (tenant_id, lower(email)) where email is not null;

create table teams (
  tenant_id    text not null references tenants (tenant_id),
  id           text not null,
  display_name text not null,
  version      int not null,
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  primary key (tenant_id, id)
);

create table team_members (
  tenant_id text not null,
  team_id   text not null,
  person_id text not null,
  primary key (tenant_id, team_id, person_id),
  foreign key (tenant_id, team_id) references teams (tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references people (tenant_id, id) on delete cascade
);
create index team_members_person on team_members (tenant_id, person_id);

create table queues (
  tenant_id    text not null,
  id           text not null,
  display_name text not null,
  team_id      text not null,
  version      int not null,
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, team_id) references teams (tenant_id, id)
);

-- work items and their assignments
create table work_items (
  tenant_id      text not null references tenants (tenant_id),
  id             uuid not null,
  source_system  text not null,
  integration_id text,
  external_id    text,
  external_key   text,
  url            text,
  type           text not null,
  title          text not null,
  priority       text not null,
  severity       text,
  labels         text[] not null,
  component      text,
  customer_id    text,
  customer_tier  text,
  reporter       text,
  attributes     text not null,
  status         text not null,
  source_version text,
  created_at     timestamptz not null,
  updated_at     timestamptz not null,
  primary key (tenant_id, id)
);
create unique index work_items_source on work_items
  (tenant_id, source_system, coalesce(integration_id, ''), external_id) where external_id is not null;
create index work_items_created on work_items (tenant_id, id desc);

create table assignments (
  tenant_id    text not null,
  work_item_id uuid not null,
  state        text not null,
  owner_type   text,
  owner_id     text,
  version      int not null,
  updated_at   timestamptz not null,
  primary key (tenant_id, work_item_id),
  foreign key (tenant_id, work_item_id) references work_items (tenant_id, id)
);
create index assignments_owner on assignments (tenant_id, owner_type, owner_id);
create index assignments_state on assignments (tenant_id, state);

-- the tenant's event feed (CloudEvents), written in the transaction of the change; deliveries
-- to destinations fan out from here
create table event_heads (
  tenant_id text primary key,
  seq       bigint not null
);

create table outbox_events (
  tenant_id      text not null,
  seq            bigint not null,
  id             uuid not null,
  type           text not null,
  subject        text not null,
  time           timestamptz not null,
  correlation_id text not null,
  cloud_event    text not null,
  primary key (tenant_id, seq)
);
create index outbox_events_subject on outbox_events (tenant_id, subject, seq);
