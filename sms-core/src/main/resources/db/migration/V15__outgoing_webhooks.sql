-- Outgoing webhooks: subscriptions staff configure, events recorded in the transaction of the change that causes
-- them (a transactional outbox), and one delivery row per event and subscription that the dispatcher claims.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

create sequence webhook_subscription_seq start with 1 increment by 50;

-- secret: the signing secret, stored as given (it must be usable to sign; see StoredSettings for why not encrypted).
-- events: the event types it wants, comma-separated (message.status_changed,inbound.received,contact.opted_out,...).
create table webhook_subscription (
    id           bigint        not null primary key,
    url          varchar(2000) not null,
    description  varchar(500),
    events       varchar(500)  not null,
    enabled      boolean       not null,
    secret       varchar(100)  not null,
    created_by   varchar(64)   not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null
);

-- One row per event: what happened, as the JSON every subscriber receives. id is the event id receivers see.
create table webhook_event (
    id           varchar(40)    not null primary key,
    type         varchar(40)    not null,
    occurred_at  timestamp with time zone not null,
    payload      varchar(30000) not null
);

create sequence webhook_delivery_seq start with 1 increment by 50;

-- One event to one subscription. PENDING (due at next_attempt_at) -> SENDING (claimed, leased until lease_until)
-- -> DELIVERED, back to PENDING after a failed attempt, or FAILED when the retries are used up (give_up_at).
create table webhook_delivery (
    id               bigint        not null primary key,
    event_id         varchar(40)   not null,
    subscription_id  bigint        not null,
    state            varchar(16)   not null,
    attempts         integer       not null,
    next_attempt_at  timestamp with time zone not null,
    give_up_at       timestamp with time zone not null,
    lease_until      timestamp with time zone,
    last_attempt_at  timestamp with time zone,
    last_status      integer,
    last_error       varchar(500),
    delivered_at     timestamp with time zone,
    created_at       timestamp with time zone not null,
    constraint webhook_delivery_state_ck check (state in ('PENDING', 'SENDING', 'DELIVERED', 'FAILED')),
    constraint webhook_delivery_event_fk foreign key (event_id) references webhook_event (id) on delete cascade,
    constraint webhook_delivery_subscription_fk foreign key (subscription_id) references webhook_subscription (id) on delete cascade
);
-- The dispatcher's claim: due rows by state and time.
create index webhook_delivery_due_idx on webhook_delivery (state, next_attempt_at, id);
-- The delivery log: a subscription's recent deliveries.
create index webhook_delivery_subscription_idx on webhook_delivery (subscription_id, created_at, id);
create index webhook_delivery_event_idx on webhook_delivery (event_id);
