-- Audience: contact details and consent, custom attributes, local groups, CSV import jobs.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL; PostgreSQL-only indexes are in V4.

alter table contact add column language varchar(35);
alter table contact add column time_zone varchar(64);
alter table contact add column consent varchar(16) default 'SUBSCRIBED' not null;
alter table contact add column consent_changed_at timestamp with time zone;
alter table contact add column consent_source varchar(32);
alter table contact add column consent_reason varchar(500);
alter table contact add constraint contact_consent_ck check (consent in ('SUBSCRIBED', 'OPTED_OUT'));

-- Sorted pages read an index in order and stop after one page (ties broken by id).
drop index contact_name_idx;
create index contact_name_id_idx on contact (name, id);
create index contact_created_id_idx on contact (created_at, id);

-- Any number of key/value pairs per contact, usable as template parameters later.
create table contact_attribute (
    contact_id  bigint       not null,
    name        varchar(64)  not null,
    value_text  varchar(500) not null,
    constraint contact_attribute_pk primary key (contact_id, name),
    constraint contact_attribute_contact_fk foreign key (contact_id) references contact (id) on delete cascade
);
create index contact_attribute_name_value_idx on contact_attribute (name, value_text);

-- The console's own groups (never Sinch groups: Sinch would resolve them past our consent check).
create sequence contact_group_seq start with 1 increment by 50;

create table contact_group (
    id          bigint       not null primary key,
    name        varchar(100) not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    version     bigint       not null,
    constraint contact_group_name_uk unique (name)
);

create table group_member (
    group_id    bigint not null,
    contact_id  bigint not null,
    added_at    timestamp with time zone not null,
    constraint group_member_pk primary key (group_id, contact_id),
    constraint group_member_group_fk foreign key (group_id) references contact_group (id) on delete cascade,
    constraint group_member_contact_fk foreign key (contact_id) references contact (id) on delete cascade
);
create index group_member_contact_idx on group_member (contact_id);

-- A CSV import running in the background; its counters move forward with each committed chunk.
create sequence import_job_seq start with 1 increment by 50;

create table import_job (
    id               bigint       not null primary key,
    file_name        varchar(255),
    state            varchar(16)  not null,
    update_existing  boolean      not null,
    default_country  varchar(2)   not null,
    group_id         bigint,
    total_rows       bigint       not null,
    processed_rows   bigint       not null,
    created_count    bigint       not null,
    updated_count    bigint       not null,
    skipped_count    bigint       not null,
    rejected_count   bigint       not null,
    failure          varchar(1000),
    started_by       varchar(64)  not null,
    created_at       timestamp with time zone not null,
    finished_at      timestamp with time zone,
    constraint import_job_state_ck check (state in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    constraint import_job_group_fk foreign key (group_id) references contact_group (id) on delete set null
);

create table import_rejection (
    job_id       bigint       not null,
    line_number  bigint       not null,
    reason       varchar(500) not null,
    constraint import_rejection_pk primary key (job_id, line_number),
    constraint import_rejection_job_fk foreign key (job_id) references import_job (id) on delete cascade
);
