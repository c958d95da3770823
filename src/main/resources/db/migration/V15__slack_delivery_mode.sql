-- Rollout of a Slack integration's outgoing messages: 'on' sends, 'shadow' plans the deliveries and
-- records them as skipped with what would have been sent, 'off' plans nothing. Inbound (interactions,
-- slash commands) is not affected. Other providers keep 'on': their write-back has its own mode
-- (a Jira integration's is on its Jira connection).
alter table integrations add column mode text not null default 'on'
  check (mode in ('on', 'shadow', 'off'));
