-- Webhook requests that stored nothing new, counted per integration, hour and outcome: duplicates
-- (outcome 'duplicate', reason 'none') and rejections after the integration was known (outcome
-- 'rejected', reason as the metric's tag). Accepted deliveries are the inbox's own rows. Bounded:
-- when an hour's first row is written, rows older than two days of that integration are deleted.
create table hook_outcome_counts (
  tenant_id      text not null,
  integration_id uuid not null,
  hour           timestamptz not null,
  outcome        text not null check (outcome in ('duplicate', 'rejected')),
  reason         text not null,
  count          bigint not null,
  primary key (tenant_id, integration_id, hour, outcome, reason),
  foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
