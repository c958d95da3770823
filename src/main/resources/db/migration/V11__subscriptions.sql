-- Outbound webhook subscriptions: where a tenant's events are POSTed, signed per Standard Webhooks.
-- name defaults to the id text, so configuration as code can name every subscription.
-- last_success_at / first_failure_at track prolonged failure (disable after baton.webhooks.disable-after).
create table subscriptions (
  tenant_id        text not null references tenants (tenant_id),
  id               uuid not null,
  name             text not null,
  url              text not null,
  events           text[] not null,
  enabled          boolean not null,
  disabled_reason  text,
  description      text,
  next_secret      int not null,
  last_success_at  timestamptz,
  first_failure_at timestamptz,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  primary key (tenant_id, id),
  unique (tenant_id, name)
);

-- One or two active signing secrets per subscription, sealed with the master key (SecretBox) and bound
-- to <tenant>/subscription/<id>; n numbers them for good within the subscription.
create table subscription_secrets (
  tenant_id       text not null,
  subscription_id uuid not null,
  n               int not null,
  sealed          bytea not null,
  fingerprint     text not null,
  added_at        timestamptz not null,
  primary key (tenant_id, subscription_id, n),
  foreign key (tenant_id, subscription_id) references subscriptions (tenant_id, id) on delete cascade
);
