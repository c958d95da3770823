-- The Slack message Baton posted about a work item in a channel (or a person's DM), so later
-- state changes update that same message (chat.update) and escalations reply in its thread.
create table slack_messages (
  tenant_id      text not null,
  work_item_id   uuid not null,
  integration_id uuid not null,
  -- the destination's channel as planned: '#incidents', 'C0123ABCD', or 'dm:U0ALICE01'
  target         text not null,
  -- the conversation id Slack answered (C…, G…, D…): chat.update needs it, not a name
  channel_id     text not null,
  ts             text not null,
  delivery_id    uuid not null,
  posted_at      timestamptz not null,
  updated_at     timestamptz not null,
  primary key (tenant_id, work_item_id, integration_id, target)
);
