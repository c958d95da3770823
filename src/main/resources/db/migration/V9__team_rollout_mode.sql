-- A team can trial routing before it takes effect: 'shadow' records the decisions that would
-- send it work without assigning or sending anything; 'off' leaves its work unrouted.
alter table teams add column mode text not null default 'on'
  check (mode in ('on', 'shadow', 'off'));
