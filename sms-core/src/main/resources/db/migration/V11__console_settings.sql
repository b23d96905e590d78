-- Settings staff change on the Settings screen. One row per setting, named like the environment
-- variable that overrides it (SMS_SINCH_API_TOKEN, ...); no row means "not set here".

create table console_setting (
    name        varchar(64)   not null primary key,
    setting_value varchar(2000) not null,
    updated_by  varchar(64)   not null,
    updated_at  timestamp with time zone not null
);
