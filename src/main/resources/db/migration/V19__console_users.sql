-- Console users: people who sign in to the web console with a password, each in one tenant, with
-- a role (admin, operator, viewer). Usernames are unique across tenants: the sign-in form has no
-- tenant field, the username finds it.
create table console_users (
  tenant_id     text not null references tenants (tenant_id),
  username      text not null,
  password_hash text not null,
  role          text not null check (role in ('admin', 'operator', 'viewer')),
  person_id     text,
  created_at    timestamptz not null,
  primary key (tenant_id, username)
);
create unique index console_users_username on console_users (lower(username));

-- The console's overview reads these on every load: keep them off full scans.
create index deliveries_dead on deliveries (tenant_id) where status = 'dead';
create index deliveries_delivered on deliveries (tenant_id, delivered_at) where delivered_at is not null;
create index inbox_received on inbox (tenant_id, received_at);
create index assignments_open on assignments (tenant_id, owner_type, owner_id, state) where state <> 'CLOSED';
