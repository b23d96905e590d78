-- Message templates: a named body with ${placeholders}.

create sequence message_template_seq start with 1 increment by 50;

create table message_template (
    id          bigint        not null primary key,
    name        varchar(100)  not null,
    body        varchar(2000) not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    version     bigint        not null,
    constraint message_template_name_uk unique (name)
);
