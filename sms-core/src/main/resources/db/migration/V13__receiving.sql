-- Receiving: each inbound message is linked to the contact who sent it (unknown numbers become contacts) and
-- records the keyword action it applied. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

-- on delete set null: deleting a contact keeps what they sent (the number is on the row).
alter table inbound_message add column contact_id bigint;
alter table inbound_message add constraint inbound_message_contact_fk foreign key (contact_id) references contact (id) on delete set null;
-- opt_out, opt_in or help; null when the message was no keyword.
alter table inbound_message add column keyword_action varchar(16);
alter table inbound_message add constraint inbound_message_keyword_ck check (keyword_action in ('opt_out', 'opt_in', 'help'));
create index inbound_message_contact_idx on inbound_message (contact_id, received_at);
create index inbound_message_received_idx on inbound_message (received_at, id);

-- Keywords and their replies per language (a BCP 47 tag, matched to the contact's language; 'en' is the default
-- and always kept). Words are comma-separated and matched on the whole trimmed message regardless of case.
create table keyword_set (
    language       varchar(35)   not null primary key,
    opt_out_words  varchar(1000) not null,
    opt_in_words   varchar(1000) not null,
    help_words     varchar(1000) not null,
    opt_out_reply  varchar(1000) not null,
    opt_in_reply   varchar(1000) not null,
    help_reply     varchar(1000) not null,
    updated_by     varchar(64)   not null,
    updated_at     timestamp with time zone not null
);

insert into keyword_set (language, opt_out_words, opt_in_words, help_words, opt_out_reply, opt_in_reply, help_reply, updated_by, updated_at)
values ('en', 'STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT', 'START, UNSTOP', 'HELP',
        'You are unsubscribed and will receive no more messages. Reply START to subscribe again.',
        'You are subscribed again. Reply STOP to unsubscribe.',
        'Reply STOP to unsubscribe, START to subscribe again.',
        'system', timestamp with time zone '2026-01-01 00:00:00+00');
