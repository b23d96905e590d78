-- Who did what and when: logins, changes, imports, exports, erasures, sends.

create sequence audit_entry_seq start with 1 increment by 50;

create table audit_entry (
    id       bigint        not null primary key,
    at       timestamp with time zone not null,
    actor    varchar(64)   not null,
    action   varchar(64)   not null,
    subject  varchar(200),
    details  varchar(2000)
);

create index audit_entry_at_idx on audit_entry (at desc, id desc);
create index audit_entry_actor_idx on audit_entry (actor, at desc);
