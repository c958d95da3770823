-- Actions that wait for an approver (RoutingPolicy spec.approvals): the action as requested, who asked,
-- who may decide, and how it ended. A durable timer (scheduled_tasks, data 'approval/<tenant>/<id>') fires
-- at timeout_at and applies on_timeout to a request still pending; deciding first makes it moot.
create table approval_requests (
  tenant_id        text not null,
  id               uuid not null,
  work_item_id     uuid not null,
  action           text not null,
  target           text,
  reason           text,
  item_version     int not null,
  requested_type   text not null,
  requested_id     text not null,
  requested_via    text,
  requested_source text not null,
  override_allowed boolean not null,
  approvers        text[] not null,
  policy           text not null,
  state            text not null check (state in ('pending', 'approved', 'denied', 'expired', 'failed')),
  on_timeout       text not null check (on_timeout in ('deny', 'approve')),
  timeout_at       timestamptz not null,
  decided_by       text,
  decided_at       timestamptz,
  decision_reason  text,
  created_at       timestamptz not null,
  primary key (tenant_id, id)
);

create index approval_requests_state on approval_requests (tenant_id, state, created_at, id);

-- one pending request per item, action, target and requester: asking again answers the same request
create unique index approval_requests_pending on approval_requests
  (tenant_id, work_item_id, action, coalesce(target, ''), requested_type, requested_id)
  where state = 'pending';
