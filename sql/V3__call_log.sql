-- The call log: one row per call (what the console shows and technicians complete) and every step of it.
-- Rows are written from each node's journal; (reference, sequence) makes a replayed event a no-op.

-- Blocks of 100 reference numbers handed to nodes (hi/lo): a node inserts a row and owns block LAST_INSERT_ID().
CREATE TABLE reference_block (
    block        BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'block n holds reference numbers 1000000 + 100 n ... + 99',
    allocated_at DATETIME(3) NOT NULL COMMENT 'UTC',
    node         VARCHAR(64) NULL COMMENT 'which node took it, for diagnosis'
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE call_record (
    reference             VARCHAR(7)   NOT NULL PRIMARY KEY COMMENT 'the number read to the caller',
    line_id               VARCHAR(64)  NULL COMMENT 'after-hours line the call came in on, if known',
    dialled_number        VARCHAR(80)  NULL COMMENT 'DNIS as Asterisk sent it',
    caller_id_number      VARCHAR(80)  NULL COMMENT 'untrusted caller ID number',
    caller_id_name        VARCHAR(80)  NULL COMMENT 'untrusted caller ID name',
    asterisk_uniqueid     VARCHAR(64)  NULL COMMENT 'agi_uniqueid: joins Asterisk CDRs and agi_session',
    started_at            DATETIME(3)  NOT NULL COMMENT 'UTC',
    ended_at              DATETIME(3)  NULL COMMENT 'UTC; null while the call is live',
    business_hours        BOOLEAN      NOT NULL COMMENT 'true: the line was open when the call came in',
    triage                VARCHAR(16)  NULL COMMENT 'EMERGENCY or NON_EMERGENCY; null if the caller never got there',
    final_step            VARCHAR(32)  NULL COMMENT 'where the call stood when it ended',
    outcome               VARCHAR(32)  NULL COMMENT 'how it ended: TRANSFERRED, VOICEMAIL, INFORMED, CALLER_HUNG_UP, ...',
    voicemail_path        VARCHAR(255) NULL COMMENT 'recording on the Asterisk host, without extension',
    voicemail_format      VARCHAR(16)  NULL,
    voicemail_duration_ms INT          NULL,
    voicemail_urgent      BOOLEAN      NOT NULL DEFAULT FALSE COMMENT 'left after nobody accepted an emergency',
    voicemail_status      VARCHAR(24)  NULL COMMENT 'PENDING_RESPONSE until a technician answers it',
    summary               TEXT         NULL COMMENT 'completed by the technician',
    resolution            TEXT         NULL COMMENT 'completed by the technician',
    ticket_number         VARCHAR(64)  NULL COMMENT 'completed by the technician',
    completed_by          VARCHAR(80)  NULL COMMENT 'technician who completed the entry',
    completed_at          DATETIME(3)  NULL COMMENT 'UTC',
    KEY call_record_started (started_at),
    KEY call_record_voicemail (voicemail_status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE call_event (
    reference   VARCHAR(7)  NOT NULL,
    sequence    INT         NOT NULL COMMENT '1, 2, 3... within the call',
    occurred_at DATETIME(3) NOT NULL COMMENT 'UTC',
    type        VARCHAR(32) NOT NULL COMMENT 'CALL_STARTED, PROMPT_PLAYED, KEY_PRESSED, ...',
    attributes  LONGTEXT    NOT NULL COMMENT 'JSON object of strings, built by MariaDB from bound parameters' CHECK (JSON_VALID(attributes)),
    PRIMARY KEY (reference, sequence),
    KEY call_event_time (occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
