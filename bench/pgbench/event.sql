-- One webhook event through Baton's database work, statement by statement as Baton issues them
-- (read from PostgreSQL's statement log of `baton bench webhooks` and from the code; docs/operations.md
-- "Capacity" lists them). One pgbench transaction = one event: GitHub issues.opened accepted into
-- the inbox, processed into a routed work item, and (deliveries=1) its two events' webhook
-- deliveries claimed and completed. Run by bench/pgbench.sh after bench/pgbench/setup.sql, against
-- a database whose schema Baton's Flyway migrations created; tenant 'pgbench'.
-- Values Baton computes in Java (ids, hashes, JSON) are computed here from :n; the hash chain and
-- the event sequence read and lock their head rows exactly as Baton does.
\set n random(1, 1000000000000)

-- Accept: POST /hooks/{id} (ReceiveWebhook), autocommit: 3 statements, 1 commit
select * from integrations where id = '00000000-0000-7000-8000-00000000be01';
select n, sealed, fingerprint, added_at from integration_secrets where tenant_id = 'pgbench' and integration_id = '00000000-0000-7000-8000-00000000be01' order by n;
insert into inbox (tenant_id, id, integration_id, provider, delivery_id, event_type, raw_body, body_size, headers, correlation_id, received_at, status, attempts, next_attempt_at) values ('pgbench', md5('i' || :n)::uuid, '00000000-0000-7000-8000-00000000be01', 'github', md5('d' || :n), 'issues', convert_to(repeat('{"action":"opened","n":1}', 120), 'UTF8'), 3000, '{"Content-Type":"application/json","X-GitHub-Event":"issues","User-Agent":"GitHub-Hookshot/bench"}'::jsonb, md5('c' || :n), now(), 'pending', 0, now()) on conflict (tenant_id, integration_id, delivery_id) do nothing returning id;

-- Process (ProcessDelivery → ApplySourceEvent → WorkItems, Router, Assignments, AuditLog, Outbox,
-- PlanDeliveries, escalation and SLA listeners): one transaction
BEGIN;
select *, raw_body is not null as body_kept from inbox where status = 'pending' and next_attempt_at <= now() and (case when provider = 'slack' then true else true end) order by next_attempt_at limit 1 for update skip locked \aset c_
SAVEPOINT sp1;
select * from integrations where tenant_id = 'pgbench' and id = '00000000-0000-7000-8000-00000000be01';
select * from mapping_tables where tenant_id = 'pgbench' and integration_id = '00000000-0000-7000-8000-00000000be01' order by version desc limit 1;
insert into source_items (tenant_id, integration_id, external_id, provider, source_version, applied_at_version, last_event, last_kind, status, created_at, updated_at) values ('pgbench', '00000000-0000-7000-8000-00000000be01', 'I_' || :n, 'github', 1, '{}', 'issues/opened', 'ITEM_UPSERT', 'new', now(), now()) on conflict do nothing;
select * from source_items where tenant_id = 'pgbench' and integration_id = '00000000-0000-7000-8000-00000000be01' and external_id = 'I_' || :n for update;
insert into work_items (tenant_id, id, source_system, integration_id, external_id, external_key, url, type, title, priority, severity, labels, skills, component, customer_id, customer_tier, reporter, attributes, status, source_version, created_at, updated_at) values ('pgbench', md5('w' || :n)::uuid, 'github', '00000000-0000-7000-8000-00000000be01', 'I_' || :n, 'bench-org/checkout#' || :n, 'https://github.com/bench-org/checkout/issues/' || :n, 'bug', 'Bench issue ' || :n, 'P3', null, '{bug,checkout}', '{}', null, null, null, 'bench-reporter', '{"author":"bench-reporter","project":"bench-org/checkout","mapping":{"version":0,"rules":["github-bug-label"]}}', 'open', '1', now(), now());
select * from work_items where tenant_id = 'pgbench' and id = md5('w' || :n)::uuid;
-- audit: work-item.created (head row locked until commit)
insert into audit_heads (tenant_id, seq, hash) values ('pgbench', 0, '0000000000000000000000000000000000000000000000000000000000000000') on conflict (tenant_id) do update set tenant_id = excluded.tenant_id returning seq, hash \gset h_
\set s :h_seq + 1
insert into audit_entries (tenant_id, seq, id, at, actor_type, actor_id, actor_via, source, correlation_id, subject_type, subject_id, action, reason, before, after, prev_hash, hash) values ('pgbench', :s, md5('a1' || :n)::uuid, clock_timestamp(), 'github', 'bench-reporter', 'integration:00000000-0000-7000-8000-00000000be01', 'github', md5('c' || :n), 'work-item', md5('w' || :n), 'work-item.created', null, null, repeat('{"id":"x","type":"bug","title":"Bench issue"}', 8), :h_hash::text, md5(:h_hash::text || :s::text) || md5(:s::text || :h_hash::text));
update audit_heads set seq = :s, hash = md5(:h_hash::text || :s::text) || md5(:s::text || :h_hash::text) where tenant_id = 'pgbench';
insert into assignments (tenant_id, work_item_id, state, version, updated_at) values ('pgbench', md5('w' || :n)::uuid, 'UNASSIGNED', 1, now());
-- audit: assignment.requested
insert into audit_heads (tenant_id, seq, hash) values ('pgbench', 0, '0000000000000000000000000000000000000000000000000000000000000000') on conflict (tenant_id) do update set tenant_id = excluded.tenant_id returning seq, hash \gset h_
\set s :h_seq + 1
insert into audit_entries (tenant_id, seq, id, at, actor_type, actor_id, actor_via, source, correlation_id, subject_type, subject_id, action, reason, before, after, prev_hash, hash) values ('pgbench', :s, md5('a2' || :n)::uuid, clock_timestamp(), 'github', 'bench-reporter', 'integration:00000000-0000-7000-8000-00000000be01', 'github', md5('c' || :n), 'work-item', md5('w' || :n), 'assignment.requested', null, null, '{"state":"UNASSIGNED","owner": null,"version":1}', :h_hash::text, md5(:h_hash::text || :s::text) || md5(:s::text || :h_hash::text));
update audit_heads set seq = :s, hash = md5(:h_hash::text || :s::text) || md5(:s::text || :h_hash::text) where tenant_id = 'pgbench';
-- event assignment.requested (event head row locked until commit) and its deliveries
insert into event_heads (tenant_id, seq) values ('pgbench', 1) on conflict (tenant_id) do update set seq = event_heads.seq + 1 returning seq \gset e_
insert into outbox_events (tenant_id, seq, id, type, subject, time, correlation_id, cloud_event) values ('pgbench', :e_seq, md5('e1' || :n)::uuid, 'assignment.requested', md5('w' || :n), now(), md5('c' || :n), repeat('{"specversion":"1.0","type":"dev.baton.assignment.requested"}', 12));
select * from subscriptions where tenant_id = 'pgbench' and enabled order by created_at, id;
\if :deliveries
insert into deliveries (tenant_id, id, event_id, event_seq, event_type, event_time, work_item_id, destination, connector, ordering_key, status, attempts, round_attempts, replays, next_attempt_at, uncertain, created_at) values ('pgbench', md5('l1' || :n)::uuid, md5('e1' || :n)::uuid, :e_seq, 'assignment.requested', now(), md5('w' || :n), 'webhook:00000000-0000-7000-8000-00000000be02', 'webhook', md5('w' || :n), 'pending', 0, 0, 0, now(), false, now()) on conflict (tenant_id, event_id, destination) do nothing;
\endif
-- route (Router: live policy and the roster/load snapshot, then the decision)
select v.* from policies p join policy_versions v on v.tenant_id = p.tenant_id and v.name = p.name and v.version = p.active_version where p.tenant_id = 'pgbench' and v.mode <> 'off' order by p.name;
select a.owner_id, w.priority, count(*) as n from assignments a join work_items w on w.tenant_id = a.tenant_id and w.id = a.work_item_id where a.tenant_id = 'pgbench' and a.owner_type = 'PERSON' and a.state <> 'CLOSED' group by a.owner_id, w.priority;
select substr(owner, 8) as person, max(created_at) as at from routing_decisions where tenant_id = 'pgbench' and applied and owner like 'person:%' group by owner;
select * from time_off where tenant_id = 'pgbench' and starts_at < now() + interval '1 day' and ends_at > now() - interval '1 day' order by person_id, starts_at;
select * from people where tenant_id = 'pgbench' order by id;
select id from teams where tenant_id = 'pgbench' order by id;
select id, display_name, mode, version, created_at, updated_at from teams where tenant_id = 'pgbench' and id = 'pgbench';
select person_id from team_members where tenant_id = 'pgbench' and team_id = 'pgbench' order by person_id;
select person_id from team_leads where tenant_id = 'pgbench' and team_id = 'pgbench' order by person_id;
select * from queues where tenant_id = 'pgbench' order by id;
select pool, last_assigned from round_robin_cursors where tenant_id = 'pgbench';
select id, mode from teams where tenant_id = 'pgbench' and mode <> 'on';
\set p random(0, 9)
insert into routing_decisions (tenant_id, id, work_item_id, policy, policy_version, mode, applied, trigger, outcome, owner, rule, why, record, created_at) values ('pgbench', md5('r' || :n)::uuid, md5('w' || :n)::uuid, 'pgbench', 1, 'on', true, 'created', 'ASSIGNED', 'person:' || 'pgbench-' || :p, 'github-bugs', 'Routed to pgbench-' || :p || ' by rule github-bugs (policy pgbench v1): least loaded of 10 eligible pgbench members.', repeat('{"outcome":"ASSIGNED","strategy":"least-loaded"}', 10), now());
select * from assignments where tenant_id = 'pgbench' and work_item_id = md5('w' || :n)::uuid;
select * from assignments where tenant_id = 'pgbench' and work_item_id = md5('w' || :n)::uuid for update;
select overridden_by from assignments where tenant_id = 'pgbench' and work_item_id = md5('w' || :n)::uuid and overridden_by is not null;
select * from people where tenant_id = 'pgbench' and id = 'pgbench-' || :p;
update assignments set state = 'OFFERED', owner_type = 'PERSON', owner_id = 'pgbench-' || :p, version = version + 1, updated_at = now(), overridden_by = case when false then overridden_by else null end, overridden_at = case when false then overridden_at else null end where tenant_id = 'pgbench' and work_item_id = md5('w' || :n)::uuid;
-- audit: assignment.routed
insert into audit_heads (tenant_id, seq, hash) values ('pgbench', 0, '0000000000000000000000000000000000000000000000000000000000000000') on conflict (tenant_id) do update set tenant_id = excluded.tenant_id returning seq, hash \gset h_
\set s :h_seq + 1
insert into audit_entries (tenant_id, seq, id, at, actor_type, actor_id, actor_via, source, correlation_id, subject_type, subject_id, action, reason, before, after, prev_hash, hash) values ('pgbench', :s, md5('a3' || :n)::uuid, clock_timestamp(), 'system', 'router', null, 'router', md5('c' || :n), 'work-item', md5('w' || :n), 'assignment.routed', 'Routed to pgbench-' || :p || ' by rule github-bugs (policy pgbench v1): least loaded of 10 eligible pgbench members.', '{"state":"UNASSIGNED","owner": null,"version":1}', '{"state":"OFFERED","owner":"person:' || 'pgbench","version":2}', :h_hash::text, md5(:h_hash::text || :s::text) || md5(:s::text || :h_hash::text));
update audit_heads set seq = :s, hash = md5(:h_hash::text || :s::text) || md5(:s::text || :h_hash::text) where tenant_id = 'pgbench';
-- event assignment.routed and its deliveries (the Slack connector lists integrations to plan)
insert into event_heads (tenant_id, seq) values ('pgbench', 1) on conflict (tenant_id) do update set seq = event_heads.seq + 1 returning seq \gset e_
insert into outbox_events (tenant_id, seq, id, type, subject, time, correlation_id, cloud_event) values ('pgbench', :e_seq, md5('e2' || :n)::uuid, 'assignment.routed', md5('w' || :n), now(), md5('c' || :n), repeat('{"specversion":"1.0","type":"dev.baton.assignment.routed"}', 14));
select * from work_items where tenant_id = 'pgbench' and id = md5('w' || :n)::uuid;
select * from integrations where tenant_id = 'pgbench' and (null::text is null or name > null) order by name limit 2147483647;
select n, sealed, fingerprint, added_at from integration_secrets where tenant_id = 'pgbench' and integration_id = '00000000-0000-7000-8000-00000000be01' order by n;
select * from subscriptions where tenant_id = 'pgbench' and enabled order by created_at, id;
\if :deliveries
insert into deliveries (tenant_id, id, event_id, event_seq, event_type, event_time, work_item_id, destination, connector, ordering_key, status, attempts, round_attempts, replays, next_attempt_at, uncertain, created_at) values ('pgbench', md5('l2' || :n)::uuid, md5('e2' || :n)::uuid, :e_seq, 'assignment.routed', now(), md5('w' || :n), 'webhook:00000000-0000-7000-8000-00000000be02', 'webhook', md5('w' || :n), 'pending', 0, 0, 0, now(), false, now()) on conflict (tenant_id, event_id, destination) do nothing;
\endif
-- escalation and SLA listeners on assignment.routed
select * from escalation_runs where tenant_id = 'pgbench' and work_item_id = md5('w' || :n)::uuid for update;
select * from policy_versions where tenant_id = 'pgbench' and name = 'pgbench' and version = 1;
select * from sla_clocks where tenant_id = 'pgbench' and work_item_id = md5('w' || :n)::uuid order by metric for update;
select * from policy_versions where tenant_id = 'pgbench' and name = 'pgbench' and version = 1;
update source_items set work_item_id = md5('w' || :n)::uuid, source_version = 1, applied_at_version = '{42e86d1f6994f4a439f197021aa4bf73}', last_event = 'issues/opened', last_kind = 'ITEM_UPSERT', status = 'open', last_inbox_id = md5('i' || :n)::uuid, updated_at = now() where tenant_id = 'pgbench' and integration_id = '00000000-0000-7000-8000-00000000be01' and external_id = 'I_' || :n;
update inbox set status = 'processed', outcome = 'CREATED', processed_at = now(), attempts = attempts + 1, last_error = null where tenant_id = 'pgbench' and id = :c_id::uuid;
RELEASE SAVEPOINT sp1;
COMMIT;

\if :deliveries
-- Deliver each of the two events (DispatchDueDeliveries, WebhookConnector, SubscriptionHealth):
-- claim (one transaction), the subscription and its secrets, the success mark (one
-- transaction), the attempt's outcome (one transaction). The claim takes whichever delivery is
-- due, as Baton's dispatcher does; when none may go now, the rest is skipped.
\set d_attempts 0
BEGIN;
with next as (select d.tenant_id, d.id from deliveries d where d.status = 'pending' and d.next_attempt_at <= now() and (d.lease_until is null or d.lease_until <= now()) and not exists (select 1 from deliveries e where e.tenant_id = d.tenant_id and e.destination = d.destination and e.ordering_key = d.ordering_key and e.status = 'pending' and e.event_seq < d.event_seq) order by d.next_attempt_at, d.event_seq limit 1 for update of d skip locked) update deliveries d set attempts = d.attempts + 1, round_attempts = d.round_attempts + 1, uncertain = d.uncertain or d.lease_until is not null, lease_owner = 'pgbench-' || :client_id, lease_until = now() + interval '5 minutes' from next where d.tenant_id = next.tenant_id and d.id = next.id returning d.* \aset d_
\if :d_attempts > 0
insert into delivery_attempts (tenant_id, delivery_id, n, started_at) values ('pgbench', :d_id::uuid, :d_attempts, now()) on conflict (tenant_id, delivery_id, n) do nothing;
select cloud_event from outbox_events where tenant_id = 'pgbench' and seq = :d_event_seq;
\endif
COMMIT;
\if :d_attempts > 0
select * from subscriptions where tenant_id = 'pgbench' and id = '00000000-0000-7000-8000-00000000be02';
select n, sealed, fingerprint, added_at from subscription_secrets where tenant_id = 'pgbench' and subscription_id = '00000000-0000-7000-8000-00000000be02' order by n;
BEGIN;
update subscriptions set last_success_at = now(), first_failure_at = null where tenant_id = 'pgbench' and id = '00000000-0000-7000-8000-00000000be02';
COMMIT;
BEGIN;
update delivery_attempts set latency_ms = 1, status_code = 204, outcome = 'delivered', error_class = null, error_message = null, excerpt = '' where tenant_id = 'pgbench' and delivery_id = :d_id::uuid and n = :d_attempts;
update deliveries set status = 'delivered', next_attempt_at = next_attempt_at, uncertain = false, last_error = null, delivered_at = now(), lease_owner = null, lease_until = null where tenant_id = 'pgbench' and id = :d_id::uuid and status = 'pending' and lease_owner = 'pgbench-' || :client_id and attempts = :d_attempts;
delete from delivery_destinations where tenant_id = 'pgbench' and destination = 'webhook:00000000-0000-7000-8000-00000000be02' returning failing_since;
COMMIT;
\endif
\set d_attempts 0
BEGIN;
with next as (select d.tenant_id, d.id from deliveries d where d.status = 'pending' and d.next_attempt_at <= now() and (d.lease_until is null or d.lease_until <= now()) and not exists (select 1 from deliveries e where e.tenant_id = d.tenant_id and e.destination = d.destination and e.ordering_key = d.ordering_key and e.status = 'pending' and e.event_seq < d.event_seq) order by d.next_attempt_at, d.event_seq limit 1 for update of d skip locked) update deliveries d set attempts = d.attempts + 1, round_attempts = d.round_attempts + 1, uncertain = d.uncertain or d.lease_until is not null, lease_owner = 'pgbench-' || :client_id, lease_until = now() + interval '5 minutes' from next where d.tenant_id = next.tenant_id and d.id = next.id returning d.* \aset d_
\if :d_attempts > 0
insert into delivery_attempts (tenant_id, delivery_id, n, started_at) values ('pgbench', :d_id::uuid, :d_attempts, now()) on conflict (tenant_id, delivery_id, n) do nothing;
select cloud_event from outbox_events where tenant_id = 'pgbench' and seq = :d_event_seq;
\endif
COMMIT;
\if :d_attempts > 0
select * from subscriptions where tenant_id = 'pgbench' and id = '00000000-0000-7000-8000-00000000be02';
select n, sealed, fingerprint, added_at from subscription_secrets where tenant_id = 'pgbench' and subscription_id = '00000000-0000-7000-8000-00000000be02' order by n;
BEGIN;
update subscriptions set last_success_at = now(), first_failure_at = null where tenant_id = 'pgbench' and id = '00000000-0000-7000-8000-00000000be02';
COMMIT;
BEGIN;
update delivery_attempts set latency_ms = 1, status_code = 204, outcome = 'delivered', error_class = null, error_message = null, excerpt = '' where tenant_id = 'pgbench' and delivery_id = :d_id::uuid and n = :d_attempts;
update deliveries set status = 'delivered', next_attempt_at = next_attempt_at, uncertain = false, last_error = null, delivered_at = now(), lease_owner = null, lease_until = null where tenant_id = 'pgbench' and id = :d_id::uuid and status = 'pending' and lease_owner = 'pgbench-' || :client_id and attempts = :d_attempts;
delete from delivery_destinations where tenant_id = 'pgbench' and destination = 'webhook:00000000-0000-7000-8000-00000000be02' returning failing_since;
COMMIT;
\endif
\endif
