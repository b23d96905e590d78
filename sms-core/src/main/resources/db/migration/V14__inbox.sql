-- The inbox: one conversation per phone number that wrote to us, and who read which inbound message when.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

-- A summary kept up to date as messages come and go (Conversations.received / sent / markRead), so that the
-- list, its order and the unread count in the menu never group or count the message tables.
-- last_text: a snippet of the newest message; last_inbound: whether that one came from the number.
create table conversation (
    phone         varchar(32)   not null primary key,
    last_at       timestamp with time zone not null,
    last_text     varchar(200),
    last_inbound  boolean       not null,
    unread        integer       not null,
    read_at       timestamp with time zone,
    read_by       varchar(64),
    created_at    timestamp with time zone not null
);
-- The list, newest first, one page at a time.
create index conversation_last_idx on conversation (last_at desc, phone desc);
-- The menu's unread total reads only the conversations with something unread.
create index conversation_unread_idx on conversation (unread);

-- Read state is the team's, not one person's: set once, with who and when.
alter table inbound_message add column read_at timestamp with time zone;
alter table inbound_message add column read_by varchar(64);

-- A conversation shows the messages we sent to its number.
create index message_phone_idx on message (phone, created_at);

-- MOs stored before the inbox existed (V10 kept them): their conversations, all unread.
insert into conversation (phone, last_at, last_text, last_inbound, unread, created_at)
select i.from_number, max(coalesce(i.received_at, i.stored_at)), null, true, count(*), min(i.stored_at)
from inbound_message i
group by i.from_number;

update conversation v set last_text = (
    select case i.type when 'mo_text' then left(i.body, 200) when 'mo_media' then 'MMS' else 'Binary message' end
    from inbound_message i
    where i.from_number = v.phone
    order by coalesce(i.received_at, i.stored_at) desc, i.id desc
    fetch first 1 rows only);
