-- After the call: durable timers shared by every node (due_work), the follow-up owed to each caller (follow_up),
-- what each timer did, to whom and with what result (after_call_event), and the message and emergency response
-- clocks on the call's row.

-- One row per deadline. A node claims due rows with SELECT ... FOR UPDATE SKIP LOCKED, so each row fires once
-- across nodes; a claim whose node died is taken over after its lease.
CREATE TABLE due_work (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    reference   VARCHAR(7)   NOT NULL COMMENT 'the call this deadline belongs to',
    kind        VARCHAR(32)  NOT NULL COMMENT 'MESSAGE_NOTICE, MESSAGE_ESCALATION, MESSAGE_BREACH, FOLLOW_UP_REMINDER, ...',
    step        INT          NOT NULL DEFAULT 0 COMMENT 'which step of its clock (message escalation: 1, 2, 3...)',
    due_at      DATETIME(3)  NOT NULL COMMENT 'UTC',
    state       VARCHAR(16)  NOT NULL DEFAULT 'PENDING' COMMENT 'PENDING, CLAIMED, DONE, FAILED',
    attempts    INT          NOT NULL DEFAULT 0 COMMENT 'times a node claimed it',
    claimed_by  VARCHAR(64)  NULL COMMENT 'node that holds the claim',
    claimed_at  DATETIME(3)  NULL COMMENT 'UTC',
    finished_at DATETIME(3)  NULL COMMENT 'UTC',
    result      VARCHAR(500) NULL COMMENT 'what came of it, or the last error',
    UNIQUE KEY due_work_once (reference, kind, step),
    KEY due_work_due (state, due_at) COMMENT 'claims read due rows in this order and stop after the batch',
    KEY due_work_lease (state, claimed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every after-hours call with a caller to get back to owes one follow-up.
CREATE TABLE follow_up (
    reference VARCHAR(7)   NOT NULL PRIMARY KEY,
    cause     VARCHAR(24)  NOT NULL COMMENT 'EMERGENCY, MESSAGE, NON_EMERGENCY, CALL_CUT_OFF',
    owed_at   DATETIME(3)  NOT NULL COMMENT 'UTC: when the call made it owed',
    due_at    DATETIME(3)  NOT NULL COMMENT 'UTC',
    done_at   DATETIME(3)  NULL COMMENT 'UTC',
    done_by   VARCHAR(80)  NULL COMMENT 'who followed up',
    done_how  VARCHAR(16)  NULL COMMENT 'PHONE, EMAIL, TICKET',
    note      TEXT         NULL,
    KEY follow_up_open (done_at, due_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What the timers did after the call: notices sent or failed, escalations, breaches, acknowledgements.
CREATE TABLE after_call_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    reference   VARCHAR(7)   NOT NULL,
    occurred_at DATETIME(3)  NOT NULL COMMENT 'UTC',
    type        VARCHAR(32)  NOT NULL COMMENT 'NOTICE_SENT, NOTICE_FAILED, MESSAGE_ESCALATED, MESSAGE_BREACHED, ...',
    due_id      BIGINT       NULL COMMENT 'the due_work row that fired, if any',
    recipient   VARCHAR(120) NULL COMMENT 'person id or address',
    channel     VARCHAR(16)  NULL COMMENT 'email, webhook, phone, log',
    detail      VARCHAR(500) NULL COMMENT 'result or error',
    KEY after_call_event_reference (reference, occurred_at),
    KEY after_call_event_delivery (due_id, recipient, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

ALTER TABLE call_record
    ADD COLUMN message_acknowledged_at DATETIME(3) NULL COMMENT 'UTC: a technician said they handle the message' AFTER voicemail_status,
    ADD COLUMN message_acknowledged_by VARCHAR(80) NULL AFTER message_acknowledged_at,
    ADD COLUMN message_responded_at    DATETIME(3) NULL COMMENT 'UTC: the customer was called back' AFTER message_acknowledged_by,
    ADD COLUMN message_responded_by    VARCHAR(80) NULL AFTER message_responded_at,
    ADD COLUMN message_breached_at     DATETIME(3) NULL COMMENT 'UTC: the one-hour response clock ran out' AFTER message_responded_by,
    ADD COLUMN response_breached_at    DATETIME(3) NULL COMMENT 'UTC: no technician accepted the emergency within the contract time' AFTER talk_time_ms;
