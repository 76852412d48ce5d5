package org.camelmm7.client;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.camelmm7.mm7.Mm7Address;
import org.camelmm7.mm7.Mm7HttpBody;
import org.camelmm7.mm7.Mm7Namespaces;
import org.camelmm7.mm7.Mm7Writer;
import org.camelmm7.mm7.Mm7WriterOptions;
import org.junit.jupiter.api.Test;

/** The SubmitReq the client writes passes a strict reading, with every option and with none, in either prefix style. */
class SubmitReqSchemaTest {

    /** What a domain with no options of its own submits with: Momentum's defaults, as application.properties ships them. */
    private static final SubmitOptions MOMENTUM_DEFAULTS = new SubmitOptions(null, "MessageSystems-VASID", null, null, null, false, false, false,
            null, null, true, null, null);

    private static Mm7HttpBody submitReq(SubmitOptions options, Mm7WriterOptions writerOptions) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom("ann@example.org");
        mail.setRecipients(Message.RecipientType.TO, "15551234567@mms.example.com");
        mail.setRecipients(Message.RecipientType.CC, "12345@mms.example.com");
        mail.setSubject("Schema <check> & more", "UTF-8");
        mail.setText("body");
        var conversion = new EmailToSubmitReq(new RecipientMapping("mms.example.com", options.numberPrefix()), options,
                Mm7Namespaces.REL_6_MM7_1_4, "6.8.0").convert(mail, List.of(new InternetAddress("15551234567@mms.example.com"),
                new InternetAddress("12345@mms.example.com"), new InternetAddress("carol=example.net@mms.example.com")), "tx-s", "c@gw");
        return new Mm7Writer(writerOptions).writeRequest(conversion.request());
    }

    @Test
    void everyOptionSet() {
        SubmitOptions all = new SubmitOptions("vasp", "vas", Mm7Address.shortCode("28444"), "svc", "Advertisement", true, true, true,
                100, "P2D", true, "+", "<ApplicID>app-1</ApplicID><ContentClass>image-basic</ContentClass>");
        assertThatNoException().isThrownBy(() -> StrictSubmitReq.validate(submitReq(all, Mm7WriterOptions.DEFAULT)));
        // with prefixed body elements the raw extension is written prefixed too: it is copied as given
        SubmitOptions prefixed = new SubmitOptions("vasp", "vas", Mm7Address.shortCode("28444"), "svc", "Advertisement", true, true, true,
                100, "P2D", true, "+", "<mm7:ApplicID>app-1</mm7:ApplicID>");
        assertThatNoException().isThrownBy(() -> StrictSubmitReq.validate(submitReq(prefixed, new Mm7WriterOptions("soapenv", "mm7", true))));
    }

    @Test
    void noOptionSet() {
        SubmitOptions none = new SubmitOptions(null, null, null, null, null, false, false, false, null, null, false, null, null);
        assertThatNoException().isThrownBy(() -> StrictSubmitReq.validate(submitReq(none, Mm7WriterOptions.DEFAULT)));
    }

    @Test
    void theStrictReadingDoesRefuseAnInvalidSubmitReq() throws Exception {
        SubmitOptions badClass = new SubmitOptions(null, null, null, null, "personal", false, false, false, null, null, true, null, null);
        assertThatThrownBy(() -> StrictSubmitReq.validate(submitReq(badClass, Mm7WriterOptions.DEFAULT))).hasMessageContaining("personal");
        String wrongOrder = new String(submitReq(MOMENTUM_DEFAULTS, Mm7WriterOptions.DEFAULT).bytes(), StandardCharsets.UTF_8)
                .replace("<Recipients>", "<Subject>early</Subject><Recipients>");
        assertThatThrownBy(() -> StrictSubmitReq.validate(new Mm7HttpBody("multipart/related; boundary=\"" + boundaryOf(wrongOrder) + "\"",
                wrongOrder.getBytes(StandardCharsets.UTF_8)))).hasMessageContaining("Subject");
    }

    private static String boundaryOf(String wire) {
        return wire.substring(2, wire.indexOf("\r\n"));
    }
}
