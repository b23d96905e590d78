-- Sending: campaigns, the outbound queue (one row per recipient), delivery reports, the engine's shared state.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

create sequence campaign_seq start with 1 increment by 50;

create table campaign (
    id                 bigint        not null primary key,
    name               varchar(200)  not null,
    template_id        bigint,
    body               varchar(2000) not null,
    sender             varchar(16),
    report_mode        varchar(24)   not null,
    send_at            timestamp with time zone,
    expire_at          timestamp with time zone,
    rate_per_second    integer,
    quiet_from_minute  integer,
    quiet_to_minute    integer,
    state              varchar(16)   not null,
    recipient_count    bigint        not null,
    created_by         varchar(64)   not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    scheduled_at       timestamp with time zone,
    finished_at        timestamp with time zone,
    version            bigint        not null,
    constraint campaign_state_ck check (state in ('DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED')),
    constraint campaign_template_fk foreign key (template_id) references message_template (id) on delete set null
);
create index campaign_state_idx on campaign (state);

create table campaign_group (
    campaign_id  bigint not null,
    group_id     bigint not null,
    constraint campaign_group_pk primary key (campaign_id, group_id),
    constraint campaign_group_campaign_fk foreign key (campaign_id) references campaign (id) on delete cascade,
    constraint campaign_group_group_fk foreign key (group_id) references contact_group (id) on delete cascade
);

-- Increment 1: a campaign's rows are numbered by nextval in one INSERT ... SELECT.
create sequence message_seq start with 1 increment by 1;

-- One recipient of one send. QUEUED -> SENDING -> SENT -> DELIVERED | FAILED, or EXPIRED, CANCELLED, SKIPPED.
-- due_at is when the release loop may take the row next (send_at, moved by retries and quiet hours).
-- A campaign's rows leave body and sender null: the campaign's apply, personalised from the contact at release.
create table message (
    id                bigint        not null primary key,
    campaign_id       bigint,
    contact_id        bigint,
    phone             varchar(16)   not null,
    kind              varchar(16)   not null,
    body              varchar(2000),
    sender            varchar(16),
    media_url         varchar(2000),
    report_mode       varchar(24),
    state             varchar(16)   not null,
    send_at           timestamp with time zone,
    due_at            timestamp with time zone not null,
    expire_at         timestamp with time zone not null,
    attempts          integer       not null,
    solo              boolean       not null,
    lease_until       timestamp with time zone,
    claimed_at        timestamp with time zone,
    client_reference  varchar(64),
    batch_id          varchar(64),
    sent_at           timestamp with time zone,
    status_at         timestamp with time zone,
    delivery_status   varchar(16),
    delivery_code     integer,
    parts             integer,
    reason            varchar(500),
    created_by        varchar(64),
    created_at        timestamp with time zone not null,
    constraint message_state_ck check (state in ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'EXPIRED', 'CANCELLED', 'SKIPPED')),
    constraint message_kind_ck check (kind in ('CAMPAIGN', 'DIRECT', 'COMPLIANCE')),
    constraint message_campaign_fk foreign key (campaign_id) references campaign (id) on delete cascade,
    constraint message_contact_fk foreign key (contact_id) references contact (id) on delete set null
);
-- Claims (campaign, state, due), counts per state, leases to reconcile: one index serves them all.
create index message_campaign_state_idx on message (campaign_id, state, due_at, id);
-- Delivery reports are matched by (batch id, recipient).
create index message_batch_idx on message (batch_id, phone);
create index message_contact_idx on message (contact_id);

create sequence delivery_event_seq start with 1 increment by 50;

-- Every delivery report received (webhook or poller), deduplicated by a digest of what it says.
create table delivery_event (
    id           bigint        not null primary key,
    event_key    varchar(64)   not null,
    type         varchar(40)   not null,
    batch_id     varchar(64),
    recipient    varchar(16),
    status       varchar(16),
    code         integer,
    status_count integer,
    status_at    timestamp with time zone,
    orphan       boolean       not null,
    received_at  timestamp with time zone not null,
    constraint delivery_event_key_uk unique (event_key)
);
create index delivery_event_batch_idx on delivery_event (batch_id);

-- The engine's state, shared by every instance on this database: one row.
create table sending_state (
    id                    integer       not null primary key,
    halted                boolean       not null,
    halt_reason           varchar(1000),
    halted_at             timestamp with time zone,
    consecutive_failures  integer       not null,
    reports_polled_until  timestamp with time zone,
    updated_at            timestamp with time zone
);
insert into sending_state (id, halted, consecutive_failures) values (1, false, 0);

-- Messages-per-second budgets (the service plan's, each campaign's), one window per scope and second.
create table send_pace (
    scope         varchar(40) not null primary key,
    window_second bigint      not null,
    used          integer     not null
);
