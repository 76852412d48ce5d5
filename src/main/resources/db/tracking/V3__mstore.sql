-- Momentum's mstore: the mail of each accepted submission, kept for a display or a reinstate
-- (mm7.client.mstore.*), by the MMSC's MessageID, in its bucket (MADR-<short code> or MADR-MM7)
CREATE TABLE mm7_mstore (
    mmsc_message_id VARCHAR(255) PRIMARY KEY,
    bucket          VARCHAR(255) NOT NULL,
    mm7_domain      VARCHAR(255) NOT NULL,
    gateway_id      VARCHAR(64) NOT NULL,
    sender          VARCHAR(512) NOT NULL,
    recipients      VARCHAR(4000) NOT NULL,
    subject         VARCHAR(1000),
    stored_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    mail            BYTEA NOT NULL
);
CREATE INDEX mm7_mstore_stored_at ON mm7_mstore (stored_at);
CREATE INDEX mm7_mstore_bucket ON mm7_mstore (bucket);
