-- Decision functions: HTTPS endpoints a tenant runs that answer a rule's target. The signing secret
-- is sealed with the master key (SecretBox, context <tenant>/decision-function/<id>), never stored
-- in clear.
create table decision_functions (
  tenant_id         text not null references tenants (tenant_id),
  id                text not null,
  url               text not null,
  fields            text[] not null,
  timeout_ms        int not null check (timeout_ms between 100 and 10000),
  description       text,
  secret_sealed     bytea not null,
  secret_updated_at timestamptz not null,
  version           int not null,
  created_at        timestamptz not null,
  updated_at        timestamptz not null,
  primary key (tenant_id, id)
);
