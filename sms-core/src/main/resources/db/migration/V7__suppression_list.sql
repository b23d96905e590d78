-- Numbers that must never be messaged, whether or not a contact has them.

create table suppressed_number (
    phone       varchar(16)  not null primary key,
    reason      varchar(200),
    added_by    varchar(64)  not null,
    created_at  timestamp with time zone not null
);
