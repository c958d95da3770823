-- Integrations: a tenant's configured webhook senders. The id is in the hook URL, so it is unique on
-- its own (the hook request names no tenant); everything else is scoped by tenant as usual.
create table integrations (
  tenant_id     text not null references tenants (tenant_id),
  id            uuid not null unique,
  provider      text not null,
  name          text not null,
  enabled       boolean not null,
  events        text[] not null,
  max_body_size bigint not null,
  mapping       text,
  bot_token     bytea,
  next_secret   int not null,
  version       int not null,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  primary key (tenant_id, id),
  unique (tenant_id, name)
);

-- One or two active signing secrets per integration, sealed with the master key (SecretBox) and bound
-- to the integration; n numbers them for good within the integration (rotation retires by number).
create table integration_secrets (
  tenant_id      text not null,
  integration_id uuid not null,
  n              int not null,
  sealed         bytea not null,
  fingerprint    text not null,
  added_at       timestamptz not null,
  primary key (tenant_id, integration_id, n),
  foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);

-- The inbox: every verified delivery, stored raw before it is answered and processed afterwards.
-- (integration, delivery id) is the dedupe key; the row outlives its raw body (see retention).
create table inbox (
  tenant_id       text not null,
  id              uuid not null,
  integration_id  uuid not null,
  provider        text not null,
  delivery_id     text not null,
  event_type      text,
  raw_body        bytea,
  body_size       int not null,
  headers         jsonb not null,
  correlation_id  text not null,
  received_at     timestamptz not null,
  status          text not null check (status in ('pending', 'processed', 'failed')),
  attempts        int not null,
  next_attempt_at timestamptz not null,
  last_error      text,
  outcome         text,
  processed_at    timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, integration_id, delivery_id),
  foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create index inbox_due on inbox (next_attempt_at) where status = 'pending';
create index inbox_integration on inbox (tenant_id, integration_id, id desc);
create index inbox_body_retention on inbox (processed_at) where raw_body is not null;
