-- Queueing a campaign is one INSERT ... SELECT of up to millions of rows. With foreign keys, PostgreSQL ran a
-- referential check per row and, for contact_id, locked every recipient's contact row (FOR KEY SHARE rewrites the
-- contact tuple): scheduling 1,000,000 recipients took 3.6 times the plain insert. The references stay, checked
-- by the code that changes them instead: campaigns are never deleted, and every path that deletes contacts clears
-- their messages' contact_id first (Contacts, ContactPrivacy), which the foreign key's "on delete set null" did.
-- Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.
alter table message drop constraint message_campaign_fk;
alter table message drop constraint message_contact_fk;
