-- The on-call rule book: people, holidays, rotations, escalation policies, lines, overrides, temporary schedules.
--
-- Every row belongs to a named setup (column `setup`, 'main' for the server unless oncall.setup says otherwise).
-- An import replaces one whole setup in one transaction; `oncall_setup.version` goes up with every change, so a
-- running server sees a change with one cheap SELECT. Several setups can share a database (a staging setup next
-- to the live one, or test runs side by side) without touching each other.
--
-- `ord` keeps the order things were written in the import file: people are rung in that order for a role step,
-- and a later override wins a tie. Instants are DATETIME(3) in UTC, as in V1; wall-clock times that belong to a
-- zone (closures, hand-off time, opening hours) are stored as written, with the zone beside them.
-- Ids are case-sensitive (utf8mb4_bin), as they are in the file.

CREATE TABLE oncall_setup (
    setup      VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    version    BIGINT      NOT NULL COMMENT 'goes up by one with every change to this setup',
    updated_at DATETIME(3) NOT NULL COMMENT 'UTC',
    PRIMARY KEY (setup)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci
  COMMENT = 'One row per setup: its version, the cheap change check';

CREATE TABLE oncall_person (
    setup  VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    id     VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    ord    INT          NOT NULL,
    name   VARCHAR(200) NOT NULL,
    email  VARCHAR(254) NULL,
    zone   VARCHAR(64)  NOT NULL COMMENT 'IANA zone, e.g. America/Chicago',
    active BOOLEAN      NOT NULL COMMENT 'an inactive person is never called',
    PRIMARY KEY (setup, id),
    CONSTRAINT fk_oncall_person_setup FOREIGN KEY (setup) REFERENCES oncall_setup (setup)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_person_role (
    setup     VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    person_id VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    role      VARCHAR(100) COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (setup, person_id, role),
    CONSTRAINT fk_oncall_role_person FOREIGN KEY (setup, person_id) REFERENCES oncall_person (setup, id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_contact_point (
    setup       VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    person_id   VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    ord         INT          NOT NULL COMMENT 'order of preference',
    label       VARCHAR(64)  NOT NULL,
    dial_string VARCHAR(255) NOT NULL COMMENT 'Asterisk dial string, e.g. PJSIP/alice',
    PRIMARY KEY (setup, person_id, ord),
    CONSTRAINT fk_oncall_contact_person FOREIGN KEY (setup, person_id) REFERENCES oncall_person (setup, id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_holiday_calendar (
    setup VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    id    VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    ord   INT          NOT NULL,
    name  VARCHAR(200) NOT NULL,
    PRIMARY KEY (setup, id),
    CONSTRAINT fk_oncall_calendar_setup FOREIGN KEY (setup) REFERENCES oncall_setup (setup)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_holiday (
    setup       VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    calendar_id VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    ord         INT          NOT NULL,
    name        VARCHAR(200) NOT NULL,
    date_rule   VARCHAR(64)  NOT NULL COMMENT 'MM-DD, or a rule such as "fourth Thursday of November"',
    observance  VARCHAR(32)  NOT NULL COMMENT 'none, nearest-weekday or next-weekday',
    PRIMARY KEY (setup, calendar_id, ord),
    CONSTRAINT fk_oncall_holiday_calendar FOREIGN KEY (setup, calendar_id)
        REFERENCES oncall_holiday_calendar (setup, id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_rotation (
    setup            VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    id               VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    ord              INT          NOT NULL,
    name             VARCHAR(200) NOT NULL,
    zone             VARCHAR(64)  NOT NULL COMMENT 'hand-offs are wall-clock times here',
    start_date       DATE         NOT NULL COMMENT 'the first member is primary from this date at handoff_time',
    handoff_time     TIME         NOT NULL,
    shift_days       INT          NOT NULL COMMENT '7 weekly, 1 daily, or every N days',
    secondary_offset INT          NOT NULL COMMENT 'the secondary is this many members after the primary',
    PRIMARY KEY (setup, id),
    CONSTRAINT fk_oncall_rotation_setup FOREIGN KEY (setup) REFERENCES oncall_setup (setup)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_rotation_member (
    setup       VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    rotation_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    ord         INT         NOT NULL COMMENT 'turn order',
    person_id   VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (setup, rotation_id, ord),
    CONSTRAINT fk_oncall_member_rotation FOREIGN KEY (setup, rotation_id)
        REFERENCES oncall_rotation (setup, id) ON DELETE CASCADE,
    CONSTRAINT fk_oncall_member_person FOREIGN KEY (setup, person_id) REFERENCES oncall_person (setup, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_escalation_policy (
    setup        VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    id           VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    ord          INT          NOT NULL,
    name         VARCHAR(200) NOT NULL,
    repeat_count INT          NOT NULL COMMENT 'times the whole chain is tried again after the first pass',
    PRIMARY KEY (setup, id),
    CONSTRAINT fk_oncall_policy_setup FOREIGN KEY (setup) REFERENCES oncall_setup (setup)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_escalation_step (
    setup        VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    policy_id    VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    ord          INT          NOT NULL COMMENT 'step order',
    target_kind  VARCHAR(16)  NOT NULL COMMENT 'on-call, rotation, role or person',
    target       VARCHAR(100) COLLATE utf8mb4_bin NULL COMMENT 'rotation id, role or person id; NULL for on-call',
    position     VARCHAR(16)  NULL COMMENT 'primary or secondary, for on-call and rotation',
    ring_seconds INT          NOT NULL,
    attempts     INT          NOT NULL,
    PRIMARY KEY (setup, policy_id, ord),
    CONSTRAINT fk_oncall_step_policy FOREIGN KEY (setup, policy_id)
        REFERENCES oncall_escalation_policy (setup, id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_line (
    setup                VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    id                   VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    ord                  INT          NOT NULL,
    name                 VARCHAR(200) NOT NULL,
    zone                 VARCHAR(64)  NOT NULL COMMENT 'business hours and closures are wall-clock times here',
    greeting             VARCHAR(200) NULL COMMENT 'greeting prompt name',
    helpdesk_phone       VARCHAR(64)  NULL,
    helpdesk_email       VARCHAR(254) NULL,
    helpdesk_portal      VARCHAR(500) NULL,
    daytime_routing      VARCHAR(32)  NOT NULL COMMENT 'TRANSFER or MESSAGE_AND_VOICEMAIL',
    holiday_calendar_id  VARCHAR(64)  COLLATE utf8mb4_bin NULL,
    rotation_id          VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    escalation_policy_id VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (setup, id),
    CONSTRAINT fk_oncall_line_calendar FOREIGN KEY (setup, holiday_calendar_id) REFERENCES oncall_holiday_calendar (setup, id),
    CONSTRAINT fk_oncall_line_rotation FOREIGN KEY (setup, rotation_id) REFERENCES oncall_rotation (setup, id),
    CONSTRAINT fk_oncall_line_policy FOREIGN KEY (setup, escalation_policy_id) REFERENCES oncall_escalation_policy (setup, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_line_number (
    setup   VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    line_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    ord     INT         NOT NULL,
    number  VARCHAR(64) NOT NULL COMMENT 'as written, e.g. (866) 435-7684',
    digits  VARCHAR(64) NOT NULL COMMENT 'its digits only: what a dialled number is matched on',
    PRIMARY KEY (setup, line_id, ord),
    UNIQUE KEY uq_oncall_line_number_digits (setup, digits),
    CONSTRAINT fk_oncall_number_line FOREIGN KEY (setup, line_id) REFERENCES oncall_line (setup, id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_opening_period (
    setup       VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    line_id     VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    ord         INT         NOT NULL,
    day_of_week TINYINT     NOT NULL COMMENT '1 Monday .. 7 Sunday',
    opens       TIME        NOT NULL,
    closes      TIME        NOT NULL COMMENT '00:00 means midnight at the end of the day',
    PRIMARY KEY (setup, line_id, ord),
    CONSTRAINT fk_oncall_hours_line FOREIGN KEY (setup, line_id) REFERENCES oncall_line (setup, id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_closure (
    setup        VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    line_id      VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    ord          INT          NOT NULL,
    reason       VARCHAR(200) NOT NULL,
    starts_local DATETIME     NOT NULL COMMENT 'wall clock in the line zone, inclusive',
    ends_local   DATETIME     NOT NULL COMMENT 'wall clock in the line zone, exclusive',
    PRIMARY KEY (setup, line_id, ord),
    CONSTRAINT fk_oncall_closure_line FOREIGN KEY (setup, line_id) REFERENCES oncall_line (setup, id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_override (
    setup              VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    id                 VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    ord                INT          NOT NULL COMMENT 'breaks ties between equally new overrides: later wins',
    rotation_id        VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    position           VARCHAR(16)  NOT NULL COMMENT 'primary or secondary',
    person_id          VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    replaces_person_id VARCHAR(64)  COLLATE utf8mb4_bin NULL COMMENT 'only while this person would be on call',
    starts_at          DATETIME(3)  NOT NULL COMMENT 'UTC, inclusive',
    ends_at            DATETIME(3)  NOT NULL COMMENT 'UTC, exclusive',
    created_at         DATETIME(3)  NOT NULL COMMENT 'UTC; the newest of overlapping overrides wins',
    note               VARCHAR(500) NULL,
    PRIMARY KEY (setup, id),
    KEY idx_oncall_override_rotation (setup, rotation_id, starts_at),
    CONSTRAINT fk_oncall_override_rotation FOREIGN KEY (setup, rotation_id) REFERENCES oncall_rotation (setup, id),
    CONSTRAINT fk_oncall_override_person FOREIGN KEY (setup, person_id) REFERENCES oncall_person (setup, id),
    CONSTRAINT fk_oncall_override_replaces FOREIGN KEY (setup, replaces_person_id) REFERENCES oncall_person (setup, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_temporary_schedule (
    setup       VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    id          VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    ord         INT         NOT NULL,
    rotation_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    starts_at   DATETIME(3) NOT NULL COMMENT 'UTC, inclusive',
    ends_at     DATETIME(3) NOT NULL COMMENT 'UTC, exclusive',
    PRIMARY KEY (setup, id),
    CONSTRAINT fk_oncall_temporary_rotation FOREIGN KEY (setup, rotation_id) REFERENCES oncall_rotation (setup, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE oncall_temporary_shift (
    setup       VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    schedule_id VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    ord         INT         NOT NULL,
    position    VARCHAR(16) NOT NULL COMMENT 'primary or secondary',
    person_id   VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
    starts_at   DATETIME(3) NOT NULL COMMENT 'UTC, inclusive',
    ends_at     DATETIME(3) NOT NULL COMMENT 'UTC, exclusive',
    PRIMARY KEY (setup, schedule_id, ord),
    CONSTRAINT fk_oncall_shift_schedule FOREIGN KEY (setup, schedule_id)
        REFERENCES oncall_temporary_schedule (setup, id) ON DELETE CASCADE,
    CONSTRAINT fk_oncall_shift_person FOREIGN KEY (setup, person_id) REFERENCES oncall_person (setup, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
