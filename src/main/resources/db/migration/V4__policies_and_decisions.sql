-- Routing policies as immutable versions with a change record; one version active per policy.
create table policies (
  tenant_id        text not null references tenants (tenant_id),
  name             text not null,
  active_version   int,
  previous_version int,
  created_at       timestamptz not null,
  updated_at       timestamptz not null,
  primary key (tenant_id, name)
);

create table policy_versions (
  tenant_id  text not null,
  name       text not null,
  version    int not null,
  document   text not null,
  mode       text not null,
  author     text not null,
  reason     text,
  created_at timestamptz not null,
  primary key (tenant_id, name, version),
  foreign key (tenant_id, name) references policies (tenant_id, name)
);

-- Every routing decision with its full record ("why"), live or shadow.
create table routing_decisions (
  tenant_id      text not null,
  id             uuid not null,
  work_item_id   uuid not null,
  policy         text not null,
  policy_version int not null,
  mode           text not null,
  applied        boolean not null,
  trigger        text not null,
  outcome        text not null,
  owner          text,
  rule           text,
  why            text not null,
  record         text not null,
  created_at     timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, work_item_id) references work_items (tenant_id, id)
);
create index routing_decisions_item on routing_decisions (tenant_id, work_item_id, created_at);

-- Durable round-robin cursors: the person who got each pool's last turn.
create table round_robin_cursors (
  tenant_id     text not null,
  pool          text not null,
  last_assigned text not null,
  updated_at    timestamptz not null,
  primary key (tenant_id, pool)
);
