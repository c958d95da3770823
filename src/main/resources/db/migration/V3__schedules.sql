-- On-call schedules: rotations (layers) kept as the JSON the API and config files use, and
-- overrides as rows (they come and go often).

create table schedules (
  tenant_id    text not null references tenants (tenant_id),
  id           text not null,
  display_name text not null,
  time_zone    text not null,
  rotations    text not null,
  version      int not null,
  created_at   timestamptz not null,
  updated_at   timestamptz not null,
  primary key (tenant_id, id)
);

create table schedule_overrides (
  tenant_id   text not null,
  id          uuid not null,
  schedule_id text not null,
  person_id   text not null,
  starts_at   timestamptz not null,
  ends_at     timestamptz not null,
  reason      text,
  created_at  timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, schedule_id) references schedules (tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references people (tenant_id, id) on delete cascade,
  check (ends_at > starts_at)
);
create index schedule_overrides_schedule on schedule_overrides (tenant_id, schedule_id, ends_at);
