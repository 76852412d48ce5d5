package org.camelmm7.mm7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MimeEntityTest {

    private static MimeEntity parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        return MimeEntity.parse(b, 0, b.length, MimeEntity.Limits.DEFAULT);
    }

    private static String raw(MimeEntity e) throws IOException {
        return new String(e.rawBody().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void readsNestedPartsInPlaceIgnoringPreambleAndEpilogue() throws Exception {
        MimeEntity e = parse("Content-Type: multipart/related; boundary=out\r\n\r\n"
                + "preamble\r\n--out\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--out\r\nContent-Type: multipart/mixed; boundary=\"in\"\r\n\r\n"
                + "--in\nContent-Type: image/gif\nContent-Transfer-Encoding: base64\n\nR0lG\n--in--\n"
                + "\r\n--out--\r\nepilogue");

        assertThat(e.parts()).hasSize(2);
        assertThat(e.leaves()).extracting(l -> l.contentType().value()).containsExactly("text/plain", "image/gif");
        assertThat(raw(e.leaves().get(0))).isEqualTo("hello");
        assertThat(raw(e.leaves().get(1))).isEqualTo("R0lG");
        assertThat(e.leaves().get(1).decodedBytes()).isEqualTo("GIF".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aBoundaryThatOnlyStartsLikeTheDelimiterIsContent() throws Exception {
        MimeEntity e = parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--bx not a delimiter\r\n--b--\r\n");
        assertThat(e.parts()).hasSize(1);
        assertThat(raw(e.parts().get(0))).isEqualTo("one\r\n--bx not a delimiter");
    }

    /** Found by MimeEntityOracleTest: a single '-' after the boundary goes on into another boundary (RFC 2046 §5.1.1). */
    @Test
    void aBoundaryFollowedByOneDashIsContentNotADelimiter() throws Exception {
        MimeEntity e = parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b-x\r\n--b--\r\n");
        assertThat(e.parts()).extracting(MimeEntityTest::raw).containsExactly("one\r\n--b-x");
    }

    /** Found by MimeEntityOracleTest: bytes cut off right after a delimiter line leave no empty part behind. */
    @Test
    void aDelimiterLineThatEndsTheBytesOpensNoPart() throws Exception {
        for (String end : new String[] {"--b", "--b\r\n", "--b  \n"}) {
            MimeEntity e = parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n" + end);
            assertThat(e.parts()).as(end).extracting(MimeEntityTest::raw).containsExactly("one");
        }
    }

    /** Found by MimeEntityOracleTest: which of two Content-Types counts is a guess, and mime4j guesses otherwise. */
    @Test
    void aPartWithTwoContentTypesOrTransferEncodingsIs4004() {
        for (String twice : new String[] {"Content-Type: text/plain\r\ncontent-type: multipart/mixed; boundary=x",
            "Content-Transfer-Encoding: base64\r\nContent-Transfer-Encoding: 8bit"}) {
            assertThatThrownBy(() -> parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n" + twice + "\r\n\r\none\r\n--b--\r\n"))
                    .isInstanceOf(Mm7Exception.class).hasMessageContaining("more than one");
        }
    }

    /** Found by MimeEntityOracleTest: a multipart Content-Type that mime4j reads another way is 4004, not a guess. */
    @Test
    void aMultipartContentTypeThatReadsTwoWaysIs4004() {
        for (String type : new String[] {"multipart/mixed; boundary=b; boundary=x", "multipart/mi\"xed; boundary=b",
            "multipart/mixed; boundary=b; start=\"<open"}) {
            assertThatThrownBy(() -> parse("Content-Type: " + type + "\r\n\r\n--b\r\n\r\none\r\n--b--\r\n")).as(type)
                    .isInstanceOf(Mm7Exception.class).hasMessageContaining("reads two ways");
        }
        assertThat(parse("Content-Type: multipart/mixed; boundary=\"b\"; start=\"<a;b>\"\r\n\r\n--b\r\n\r\none\r\n--b--\r\n").parts()).hasSize(1);
    }

    @Test
    void withoutTheCloseDelimiterTheLastPartRunsToTheEnd() throws Exception {
        MimeEntity e = parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b\r\n\r\ntwo");
        assertThat(e.parts()).extracting(MimeEntityTest::raw).containsExactly("one", "two");
    }

    @Test
    void aRequestBodyWithoutBoundaryParameterUsesItsFirstDelimiterLine() {
        byte[] body = "--sniffed\r\nContent-Type: text/xml\r\n\r\n<a/>\r\n--sniffed--\r\n".getBytes(StandardCharsets.US_ASCII);
        MimeEntity e = MimeEntity.body(body, "multipart/related", MimeEntity.Limits.DEFAULT);
        assertThat(e.parts()).singleElement().extracting(p -> p.header("content-type")).isEqualTo("text/xml");
    }

    @Test
    void foldedHeaderFieldsAreUnfoldedAndTheEntityIsRewrittenWithOneFieldReplaced() throws Exception {
        MimeEntity e = parse("Content-Type: image/gif;\r\n\tname=a.gif\r\nContent-ID: <old>\r\n\r\nGIF");
        assertThat(e.header("Content-Type")).isEqualTo("image/gif; name=a.gif");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.writeWithHeader(out, "Content-ID", "<new>");
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("Content-Type: image/gif; name=a.gif\r\nContent-ID: <new>\r\n\r\nGIF");
    }

    @Test
    void nestingDeeperThanTheLimitIs4004() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i <= 16; i++) {
            text.append("Content-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n--b").append(i).append("\r\n");
        }
        text.append("\r\nleaf\r\n");
        assertThatThrownBy(() -> parse(text.toString())).isInstanceOfSatisfying(Mm7Exception.class,
                e -> assertThat(e.statusCode()).isEqualTo(StatusCode.VALIDATION_ERROR)).hasMessageContaining("nested deeper than 16");
    }

    @Test
    void morePartsThanTheLimitIs4004() {
        StringBuilder text = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        text.append("--b\r\n\r\nx\r\n".repeat(1001)).append("--b--\r\n");
        assertThatThrownBy(() -> parse(text.toString())).isInstanceOf(Mm7Exception.class).hasMessageContaining("more than 1000 MIME parts");
        byte[] fine = text.toString().replace("--b\r\n\r\nx\r\n--b--", "--b--").getBytes(StandardCharsets.US_ASCII);
        assertThat(MimeEntity.parse(fine, 0, fine.length, MimeEntity.Limits.DEFAULT).parts()).hasSize(1000);
    }

    @Test
    void headerFieldsLongerThanTheLimitAre4004() {
        String text = "X-Filler: " + "a".repeat(70_000) + "\r\n\r\nbody";
        assertThatThrownBy(() -> parse(text)).isInstanceOf(Mm7Exception.class).hasMessageContaining("header fields longer than 65536 bytes");
    }

    @Test
    void base64IsDecodedStrictly() {
        MimeEntity broken = parse("Content-Transfer-Encoding: base64\r\n\r\nR0lG*Rw==");
        assertThatThrownBy(broken::decodedBytes).isInstanceOf(IOException.class);
    }
}
