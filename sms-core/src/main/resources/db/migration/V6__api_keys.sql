-- API keys for machines calling /api: only a SHA-256 of the secret is kept.

create sequence api_key_seq start with 1 increment by 50;

create table api_key (
    id            bigint       not null primary key,
    name          varchar(100) not null,
    key_prefix    varchar(16)  not null,
    secret_hash   varchar(64)  not null,
    role          varchar(16)  not null,
    created_by    varchar(64)  not null,
    created_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone,
    revoked_at    timestamp with time zone,
    constraint api_key_prefix_uk unique (key_prefix),
    constraint api_key_role_ck check (role in ('VIEWER', 'OPERATOR', 'ADMIN'))
);
