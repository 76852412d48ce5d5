-- Times in UTC whatever the gateways' time zones; the address the SubmitReq was sent from
ALTER TABLE mm7_submission ALTER COLUMN submitted_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE mm7_submission ADD COLUMN vasp_sender VARCHAR(512);
CREATE INDEX mm7_submission_submitted_at ON mm7_submission (submitted_at);

-- Each recipient of a submission: its mail address and the MM7 address it was submitted as, so a
-- report is matched to exactly one recipient
CREATE TABLE mm7_submission_recipient (
    mmsc_message_id VARCHAR(255) NOT NULL REFERENCES mm7_submission (mmsc_message_id) ON DELETE CASCADE,
    mail_address    VARCHAR(512) NOT NULL,
    mm7_address     VARCHAR(512) NOT NULL,
    PRIMARY KEY (mmsc_message_id, mail_address)
);

-- Bounces already sent for reports, one per recipient and outcome (MMSCs repeat reports)
CREATE TABLE mm7_report_bounce (
    mmsc_message_id VARCHAR(255) NOT NULL REFERENCES mm7_submission (mmsc_message_id) ON DELETE CASCADE,
    recipient       VARCHAR(512) NOT NULL,
    outcome         VARCHAR(64) NOT NULL,
    PRIMARY KEY (mmsc_message_id, recipient, outcome)
);

-- Picked-up mails being submitted: the gateway ID and first attempt survive a restart
CREATE TABLE mm7_pickup (
    entry_key     VARCHAR(64) PRIMARY KEY,
    gateway_id    VARCHAR(64) NOT NULL,
    first_attempt TIMESTAMP WITH TIME ZONE NOT NULL
);
