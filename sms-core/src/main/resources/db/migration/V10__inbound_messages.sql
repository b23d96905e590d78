-- Inbound (MO) messages as Sinch delivered them (webhook or poller), kept until the inbox is built.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

create sequence inbound_message_seq start with 1 increment by 50;

-- One row per Sinch inbound id: a callback repeated by Sinch, or seen again by the poller, stores nothing new.
-- body: the text, the Base64 of an mo_binary, or the JSON of an mo_media body (subject, message, media URLs).
create table inbound_message (
    id                bigint         not null primary key,
    sinch_id          varchar(64)    not null,
    type              varchar(16)    not null,
    from_number       varchar(32)    not null,
    to_number         varchar(32),
    body              varchar(20000),
    udh               varchar(512),
    received_at       timestamp with time zone,
    sent_at           timestamp with time zone,
    stored_at         timestamp with time zone not null,
    operator_id       varchar(64),
    client_reference  varchar(2048),
    constraint inbound_message_sinch_id_uk unique (sinch_id),
    constraint inbound_message_type_ck check (type in ('mo_text', 'mo_binary', 'mo_media'))
);
create index inbound_message_from_idx on inbound_message (from_number, received_at);

-- The poller's checkpoint for GET /inbounds, beside reports_polled_until.
alter table sending_state add column inbounds_polled_until timestamp with time zone;
