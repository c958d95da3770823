-- Acknowledgements of a notify step that asks for them (acknowledgers: N): the people the step
-- notified, who of them acknowledged, how many it needs, and which step (1-based; 0 = none asks).
-- Replaced whenever the next step runs; the chain stops when N distinct notified people acknowledged.
alter table escalation_runs
  add column notified      text[] not null default '{}',
  add column acknowledged  text[] not null default '{}',
  add column acknowledgers int not null default 0,
  add column notified_step int not null default 0;
