-- Reaching a technician: every ring of every contact point, and the outcome on the call's row.

ALTER TABLE call_record
    ADD COLUMN escalation_outcome VARCHAR(24) NULL COMMENT 'ACCEPTED, NOBODY_ACCEPTED, UNAVAILABLE, CANCELLED' AFTER outcome,
    ADD COLUMN accepted_by        VARCHAR(64) NULL COMMENT 'person id of the technician who pressed 1' AFTER escalation_outcome,
    ADD COLUMN accepted_after_ms  INT         NULL COMMENT 'from the start of the search to the 1' AFTER accepted_by,
    ADD COLUMN talk_time_ms       INT         NULL COMMENT 'caller and technician in the same room' AFTER accepted_after_ms;

CREATE TABLE call_attempt (
    reference     VARCHAR(7)   NOT NULL,
    leg_id        VARCHAR(32)  NOT NULL COMMENT 'the outbound leg; skip-<sequence> for a person skipped',
    person_id     VARCHAR(64)  NOT NULL,
    person_name   VARCHAR(120) NULL,
    contact_label VARCHAR(64)  NULL,
    dial_string   VARCHAR(255) NULL,
    round_number  INT          NULL,
    step_number   INT          NULL,
    target        VARCHAR(120) NULL COMMENT 'what the policy step asked for, e.g. primary on call',
    started_at    DATETIME(3)  NOT NULL COMMENT 'UTC',
    answered_at   DATETIME(3)  NULL COMMENT 'UTC',
    ended_at      DATETIME(3)  NULL COMMENT 'UTC',
    outcome       VARCHAR(32)  NULL COMMENT 'ACCEPTED, DECLINED, VOICEMAIL_OR_NO_KEY, NO_ANSWER, BUSY, FAILED, CANCELLED, SKIPPED_...',
    key_pressed   VARCHAR(1)   NULL,
    PRIMARY KEY (reference, leg_id),
    KEY call_attempt_person (person_id, started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
