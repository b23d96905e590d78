-- Exactly once when the network lies (docs/sending.md): sends in doubt, per-second pacing, API idempotency keys.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

-- A claim's rows carry who claimed them (an instance that restarts knows its own claims are dead) and until when
-- their batch may still appear at Sinch: before doubt_until a lookup that finds nothing decides nothing.
alter table message add column claimed_by varchar(100);
alter table message add column doubt_until timestamp with time zone;

-- Pacing per rolling window (Pacer): every grant of messages with the moment (ms, the database's clock on
-- PostgreSQL) it may leave, per scope (the plan, a campaign). Old grants are deleted as new ones are made.
create sequence send_pace_grant_seq start with 1 increment by 1;
create table send_pace_grant (
    id        bigint      not null primary key,
    scope     varchar(40) not null,
    slot_ms   bigint      not null,
    messages  integer     not null
);
create index send_pace_grant_scope_idx on send_pace_grant (scope, slot_ms);

-- Idempotency-Key of POST /api/messages, /api/campaigns and /api/campaigns/{id}/schedule, per caller.
-- request_hash: SHA-256 of method, path and body; the answer is kept to be given again until expires_at.
-- status null: the first request is still being answered.
create table idempotency_key (
    caller         varchar(100)   not null,
    idem_key       varchar(255)   not null,
    request_hash   varchar(64)    not null,
    status         integer,
    location       varchar(1000),
    response_body  varchar(100000),
    created_at     timestamp with time zone not null,
    expires_at     timestamp with time zone not null,
    constraint idempotency_key_pk primary key (caller, idem_key)
);
create index idempotency_key_expires_idx on idempotency_key (expires_at);
