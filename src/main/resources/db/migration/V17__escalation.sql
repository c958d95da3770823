-- Escalation policies (kind: EscalationPolicy), replaced whole; version counts the replacements.
create table escalation_policies (
  tenant_id  text not null,
  name       text not null,
  version    int not null,
  spec       jsonb not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (tenant_id, name)
);

-- What Baton is waiting for on each offered or queued item: an accept within the rule's window
-- (phase OFFER) or the next step of an escalation chain (phase CHAIN). One row per work item; the
-- durable timer in scheduled_tasks carries the generation it was set for, so a timer made moot by a
-- later change does nothing even if its cancellation raced with its firing.
create table escalation_runs (
  tenant_id     text not null,
  work_item_id  uuid not null,
  generation    int not null,
  phase         text not null check (phase in ('OFFER', 'CHAIN', 'STOPPED', 'EXHAUSTED')),
  decision_id   uuid,
  accept_within text,
  escalation    text,
  step          int not null default 0,
  round         int not null default 0,
  offered       text[] not null default '{}',
  timer_id      text,
  due_at        timestamptz,
  stop_reason   text,
  started_at    timestamptz not null,
  updated_at    timestamptz not null,
  primary key (tenant_id, work_item_id)
);

-- SLA clocks: one per work item and metric (time to accept, time to resolve), started when the live
-- policy first routes the item. The timer fires at at_risk_at while RUNNING, at breach_at while
-- AT_RISK; meeting the target (accept, close) cancels it.
create table sla_clocks (
  tenant_id      text not null,
  work_item_id   uuid not null,
  metric         text not null check (metric in ('accept', 'resolve')),
  policy         text not null,
  policy_version int not null,
  target         text not null,
  business_hours boolean not null,
  started_at     timestamptz not null,
  at_risk_at     timestamptz not null,
  breach_at      timestamptz not null,
  state          text not null check (state in ('RUNNING', 'AT_RISK', 'BREACHED', 'MET')),
  escalation     text,
  generation     int not null,
  timer_id       text,
  updated_at     timestamptz not null,
  primary key (tenant_id, work_item_id, metric)
);
