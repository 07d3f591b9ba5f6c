-- The technicians' console: who may log in, and every change made to a call's log entry.

-- A person's console password, as an Argon2id hash string (salt and parameters inside it); never the password.
-- Keyed like the rule book's people (setup, person id), but not tied to oncall_person by a foreign key: an import
-- replaces the setup's people wholesale, and a password must survive that.
CREATE TABLE console_credential (
    setup         VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    person_id     VARCHAR(64)  COLLATE utf8mb4_bin NOT NULL,
    password_hash VARCHAR(255) NOT NULL COMMENT 'Argon2id, encoded with its salt and parameters',
    updated_at    DATETIME(3)  NOT NULL COMMENT 'UTC',
    PRIMARY KEY (setup, person_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per field changed in a call's entry: who, when, what it was and what it became.
CREATE TABLE call_record_edit (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    reference  VARCHAR(7)   NOT NULL,
    edited_at  DATETIME(3)  NOT NULL COMMENT 'UTC',
    edited_by  VARCHAR(64)  NOT NULL COMMENT 'person id of the console user',
    field      VARCHAR(32)  NOT NULL COMMENT 'summary, resolution, ticket_number, completed_by, ...',
    old_value  TEXT         NULL,
    new_value  TEXT         NULL,
    KEY call_record_edit_reference (reference, edited_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The call log page filters on these while it walks calls newest first.
ALTER TABLE call_record
    ADD KEY call_record_line_started (line_id, started_at),
    ADD KEY call_record_accepted_by (accepted_by, started_at),
    ADD KEY call_record_incomplete (completed_at, started_at);
