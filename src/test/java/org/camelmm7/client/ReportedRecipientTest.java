package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.camelmm7.hooks.TrackedSubmission;
import org.camelmm7.mm7.Mm7Address;
import org.junit.jupiter.api.Test;

/** Reports matched to exactly one recipient of the submission, however the MMSC fills Recipient and Sender. */
class ReportedRecipientTest {

    private static TrackedSubmission submission(TrackedSubmission.Recipient... recipients) {
        return new TrackedSubmission("m1", "gw-1", "ann@example.org", List.of(recipients), "7007", null, null, Instant.now());
    }

    private static final TrackedSubmission.Recipient HANDSET = new TrackedSubmission.Recipient("4699999999@mms.example.com", "+4699999999");
    private static final TrackedSubmission.Recipient OTHER = new TrackedSubmission.Recipient("4512347007@mms.example.com", "+4512347007");
    private static final TrackedSubmission.Recipient SHORT_CODE = new TrackedSubmission.Recipient("7007@mms.example.com", "7007");

    @Test
    void theRecipientAsMostMmscsFillIt() {
        assertThat(ReportedRecipient.mailAddressOf(submission(HANDSET, OTHER), Mm7Address.number("+4699999999"), Mm7Address.shortCode("7007")))
                .isEqualTo(HANDSET.mailAddress());
    }

    @Test
    void theSenderWhenTheMmscPutsTheVaspsShortCodeInRecipient() {
        // Mbuni: Recipient is the VASP's short code, Sender the handset
        assertThat(ReportedRecipient.mailAddressOf(submission(HANDSET, OTHER), Mm7Address.shortCode("7007"), Mm7Address.number("+4699999999")))
                .isEqualTo(HANDSET.mailAddress());
        // also when the short code was itself a recipient of the mail
        assertThat(ReportedRecipient.mailAddressOf(submission(HANDSET, SHORT_CODE), Mm7Address.shortCode("7007"), Mm7Address.number("4699999999/TYPE=PLMN")))
                .isEqualTo(HANDSET.mailAddress());
    }

    @Test
    void numbersMatchExactlyNotByTheirEnd() {
        // 7007 is not +4512347007
        assertThat(ReportedRecipient.mailAddressOf(submission(HANDSET, OTHER), Mm7Address.shortCode("7007"), null)).isEqualTo("7007");
        assertThat(ReportedRecipient.mailAddressOf(submission(HANDSET, OTHER), Mm7Address.number("004512347007"), null))
                .isEqualTo(OTHER.mailAddress());
    }

    @Test
    void aSingleRecipientIsTheOneReportedOnWhateverTheMmscWrites() {
        assertThat(ReportedRecipient.mailAddressOf(submission(HANDSET), Mm7Address.number("+1 555 000"), null)).isEqualTo(HANDSET.mailAddress());
    }

    @Test
    void normalisation() {
        assertThat(ReportedRecipient.normalised("+45 1234-7007/TYPE=PLMN")).isEqualTo("4512347007");
        assertThat(ReportedRecipient.normalised("\"Bob\" <Bob@Example.NET>")).isEqualTo("bob@example.net");
        assertThat(ReportedRecipient.normalised("0049170")).isEqualTo("49170");
    }
}
