-- Fixture rows for bench/pgbench/event.sql, in a tenant of their own ('pgbench'), in a database whose
-- schema Baton's Flyway migrations created. Idempotent: a second run changes nothing. The shape is
-- `baton bench webhooks`': one GitHub integration, ten people in one team, one live policy; plus a
-- webhook subscription, whose deliveries event.sql plans, claims and completes when deliveries=1.
insert into tenants (tenant_id, display_name, created_at)
values ('pgbench', 'pgbench ceiling', now()) on conflict do nothing;

insert into integrations (tenant_id, id, provider, name, enabled, events, max_body_size, mapping,
  bot_token, next_secret, version, created_at, updated_at)
values ('pgbench', '00000000-0000-7000-8000-00000000be01', 'github', 'pgbench-github', true, '{}',
  1048576, null, null, 2, 1, now(), now()) on conflict do nothing;

insert into integration_secrets (tenant_id, integration_id, n, sealed, fingerprint, added_at)
values ('pgbench', '00000000-0000-7000-8000-00000000be01', 1, decode(repeat('ab', 80), 'hex'),
  'sha256:pgbench', now()) on conflict do nothing;

insert into people (tenant_id, id, display_name, time_zone, version, created_at, updated_at)
select 'pgbench', 'pgbench-' || i, 'pgbench ' || i, 'UTC', 1, now(), now()
from generate_series(0, 9) i on conflict do nothing;

insert into teams (tenant_id, id, display_name, version, created_at, updated_at)
values ('pgbench', 'pgbench', 'pgbench', 1, now(), now()) on conflict do nothing;

insert into team_members (tenant_id, team_id, person_id)
select 'pgbench', 'pgbench', 'pgbench-' || i from generate_series(0, 9) i on conflict do nothing;

insert into policies (tenant_id, name, active_version, previous_version, created_at, updated_at)
values ('pgbench', 'pgbench', 1, null, now(), now()) on conflict do nothing;

insert into policy_versions (tenant_id, name, version, document, mode, author, reason, created_at)
values ('pgbench', 'pgbench', 1, 'apiVersion: "baton.dev/v1"
kind: "RoutingPolicy"
metadata:
  name: "pgbench"
spec:
  rules:
  - name: "github-bugs"
    when: "item.source.system == \"github\""
    assign:
      team: "pgbench"
      strategy: "least-loaded"
', 'on', 'pgbench', null, now()) on conflict do nothing;

insert into subscriptions (tenant_id, id, name, url, events, enabled, next_secret, created_at,
  updated_at)
values ('pgbench', '00000000-0000-7000-8000-00000000be02', 'pgbench', 'http://127.0.0.1:9/hook',
  '{*}', true, 2, now(), now()) on conflict do nothing;

insert into subscription_secrets (tenant_id, subscription_id, n, sealed, fingerprint, added_at)
values ('pgbench', '00000000-0000-7000-8000-00000000be02', 1, decode(repeat('cd', 80), 'hex'),
  'sha256:pgbench', now()) on conflict do nothing;
