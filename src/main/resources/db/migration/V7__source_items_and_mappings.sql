-- Mapping tables: per integration, immutable versions of the document that turns a source's
-- labels, components, priority names and fields into work item fields; the latest one is used.
-- The integration is named by id only: the integrations table lives in the ingest module.
create table mapping_tables (
  tenant_id      text not null references tenants (tenant_id),
  integration_id uuid not null,
  version        int not null,
  document       text not null,
  author         text not null,
  reason         text,
  created_at     timestamptz not null,
  primary key (tenant_id, integration_id, version)
);

create function mapping_tables_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'mapping table versions are immutable: % refused', tg_op;
end
$$;
create trigger mapping_tables_immutable before update or delete on mapping_tables
  for each row execute function mapping_tables_refuse_change();

-- One row per item of a source (a Jira issue, a GitHub issue, an alert group): which work item
-- mirrors it and the newest source version applied, so older deliveries are recognised as stale.
-- The row is inserted before the work item exists (work_item_id null until the same transaction
-- fills it in), which makes concurrent deliveries of one new item wait for each other.
create table source_items (
  tenant_id       text not null references tenants (tenant_id),
  integration_id  uuid not null,
  external_id     text not null,
  provider        text not null,
  work_item_id    uuid,
  source_version  bigint not null,
  -- fingerprints of the events applied at source_version: a repeat of one of them is stale
  applied_at_version text[] not null,
  last_event      text not null,
  last_kind       text not null,
  status          text not null,
  last_inbox_id   uuid,
  created_at      timestamptz not null,
  updated_at      timestamptz not null,
  primary key (tenant_id, integration_id, external_id),
  foreign key (tenant_id, work_item_id) references work_items (tenant_id, id)
);
create index source_items_work_item on source_items (tenant_id, work_item_id);

-- An integration's items are unique through source_items (a build failure makes a new work item
-- for each failed run of the same source object); the index keeps API-created items unique.
drop index work_items_source;
create unique index work_items_source on work_items
  (tenant_id, source_system, external_id) where external_id is not null and integration_id is null;
create index work_items_integration on work_items (tenant_id, integration_id, external_id)
  where integration_id is not null;

-- Skills the item needs, produced by mapping tables; routing reads them as item.skills.
alter table work_items add column skills text[] not null default '{}';
