-- Who overrode the current ownership, and when: set by the override action, cleared by any change
-- of owner or a close. While set, automatic commands (system actors) do not move the work;
-- only a reclaim rule of the live routing policy does (see docs/policy.md).
alter table assignments add column overridden_by text;
alter table assignments add column overridden_at timestamptz;

-- One row per Jira integration the reconciler knows: when it runs next, the watermark of the last
-- completed run (issues updated since then are read), and the lease of a run in progress. A node
-- claims a due row with FOR UPDATE SKIP LOCKED and sets the lease, so two nodes never run one
-- integration at once.
create table reconcile_cursors (
  tenant_id      text not null references tenants (tenant_id),
  integration_id uuid not null,
  next_run_at    timestamptz not null,
  since          timestamptz,
  lease_until    timestamptz,
  running_run_id uuid,
  primary key (tenant_id, integration_id),
  foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create index reconcile_cursors_due on reconcile_cursors (next_run_at);

-- Every reconciliation run, scheduled or asked for, dry or not: what it read, what it found and
-- what it did. Findings are kept as a JSON list (kind, issue, work item, action, detail).
create table reconcile_runs (
  tenant_id      text not null references tenants (tenant_id),
  id             uuid not null,
  integration_id uuid not null,
  trigger        text not null check (trigger in ('schedule', 'api')),
  dry_run        boolean not null,
  status         text not null check (status in ('running', 'succeeded', 'failed', 'abandoned')),
  requested_by   text not null,
  since          timestamptz,
  started_at     timestamptz not null,
  finished_at    timestamptz,
  issues_read    int not null default 0,
  drift          int not null default 0,
  repaired       int not null default 0,
  adopted        int not null default 0,
  backfilled     int not null default 0,
  closed         int not null default 0,
  findings       text not null default '[]',
  error          text,
  primary key (tenant_id, id),
  foreign key (tenant_id, integration_id) references integrations (tenant_id, id) on delete cascade
);
create index reconcile_runs_integration on reconcile_runs (tenant_id, integration_id, started_at desc);
