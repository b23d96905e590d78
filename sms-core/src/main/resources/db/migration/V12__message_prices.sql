-- What one message part costs per destination country, for the campaign wizard's cost estimate.
create table message_price (
    country_code   varchar(2)     not null primary key,
    price_per_part decimal(12, 5) not null,
    currency       varchar(3)     not null,
    updated_by     varchar(64)    not null,
    updated_at     timestamp with time zone not null,
    constraint message_price_positive_ck check (price_per_part >= 0)
);
