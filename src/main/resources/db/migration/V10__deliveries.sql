-- Deliveries: one row per (event, destination), planned by the connectors in the transaction that
-- publishes the event, then sent by the dispatcher under a lease. Rows are never deleted: a dead
-- letter stays visible until replayed or discarded.
create table deliveries (
  tenant_id       text not null,
  id              uuid not null,
  event_id        uuid not null,
  event_seq       bigint not null,
  event_type      text not null,
  event_time      timestamptz not null,
  work_item_id    text not null,
  destination     text not null,
  connector       text not null,
  ordering_key    text,
  status          text not null
    check (status in ('pending', 'delivered', 'dead', 'skipped', 'discarded')),
  attempts        int not null,
  round_attempts  int not null,
  replays         int not null,
  next_attempt_at timestamptz not null,
  lease_owner     text,
  lease_until     timestamptz,
  uncertain       boolean not null,
  last_error      text,
  created_at      timestamptz not null,
  delivered_at    timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, event_id, destination)
);
-- the dispatcher's claim: due pending rows of every tenant
create index deliveries_due on deliveries (next_attempt_at) where status = 'pending';
-- the ordering check: an earlier pending row with the same destination and key
create index deliveries_order on deliveries (tenant_id, destination, ordering_key, event_seq)
  where status = 'pending';
create index deliveries_list on deliveries (tenant_id, id desc);
create index deliveries_item on deliveries (tenant_id, work_item_id);

-- Every attempt, appended when it starts and completed when it ends; an attempt whose node died
-- keeps a null outcome.
create table delivery_attempts (
  tenant_id     text not null,
  delivery_id   uuid not null,
  n             int not null,
  started_at    timestamptz not null,
  latency_ms    bigint,
  status_code   int,
  outcome       text,
  error_class   text,
  error_message text,
  excerpt       text,
  primary key (tenant_id, delivery_id, n),
  foreign key (tenant_id, delivery_id) references deliveries (tenant_id, id)
);

-- Destinations with a dead letter since their last success: a later success publishes
-- delivery.recovered once and clears the row.
create table delivery_destinations (
  tenant_id     text not null,
  destination   text not null,
  failing_since timestamptz not null,
  primary key (tenant_id, destination)
);
