-- Foundation: contacts and staff users. Runs unchanged on H2 (PostgreSQL mode) and PostgreSQL.

create sequence contact_seq start with 1 increment by 50;

create table contact (
    id          bigint       not null primary key,
    phone       varchar(16)  not null,
    name        varchar(200),
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    version     bigint       not null,
    constraint contact_phone_uk unique (phone)
);

create index contact_name_idx on contact (name);

create sequence staff_user_seq start with 1 increment by 50;

create table staff_user (
    id                    bigint       not null primary key,
    username              varchar(64)  not null,
    display_name          varchar(200),
    password_hash         varchar(200) not null,
    role                  varchar(16)  not null,
    enabled               boolean      not null,
    must_change_password  boolean      not null,
    failed_logins         integer      not null,
    last_failed_login_at  timestamp with time zone,
    locked_until          timestamp with time zone,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    version               bigint       not null,
    constraint staff_user_username_uk unique (username),
    constraint staff_user_role_ck check (role in ('VIEWER', 'OPERATOR', 'ADMIN'))
);
