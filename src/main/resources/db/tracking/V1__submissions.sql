-- Accepted submissions, kept for their delivery reports (the first schema, as released)
CREATE TABLE IF NOT EXISTS mm7_submission (
    mmsc_message_id     VARCHAR(255) PRIMARY KEY,
    gateway_id          VARCHAR(64) NOT NULL,
    sender              VARCHAR(512),
    recipients          VARCHAR(4000),
    subject             VARCHAR(1000),
    original_message_id VARCHAR(1000),
    submitted_at        TIMESTAMP NOT NULL
);
