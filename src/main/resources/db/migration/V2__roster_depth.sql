-- Roster depth for routing: skills with levels, capacity, working hours, an active flag,
-- time off, and team leads.

alter table people add column active boolean not null default true;
alter table people add column skills text not null default '{}';
alter table people add column capacity text;
alter table people add column working_hours text;

create table time_off (
  tenant_id  text not null,
  id         uuid not null,
  person_id  text not null,
  starts_at  timestamptz not null,
  ends_at    timestamptz not null,
  reason     text,
  created_at timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, person_id) references people (tenant_id, id) on delete cascade,
  check (ends_at > starts_at)
);
create index time_off_person on time_off (tenant_id, person_id, ends_at);

create table team_leads (
  tenant_id text not null,
  team_id   text not null,
  person_id text not null,
  primary key (tenant_id, team_id, person_id),
  foreign key (tenant_id, team_id) references teams (tenant_id, id) on delete cascade,
  foreign key (tenant_id, person_id) references people (tenant_id, id) on delete cascade
);
