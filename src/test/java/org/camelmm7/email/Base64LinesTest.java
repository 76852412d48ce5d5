package org.camelmm7.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Base64LinesTest {

    private static String rewrap(String base64) throws IOException {
        byte[] b = base64.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Base64Lines.rewrap(b, 0, b.length, out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void oneLongLineBecomesLinesOf76AndDecodesToTheSameBytes() throws Exception {
        byte[] data = new byte[1000];
        new Random(7).nextBytes(data);
        String wrapped = rewrap(Base64.getEncoder().encodeToString(data));
        assertThat(wrapped.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(wrapped).endsWith("\r\n");
        assertThat(Base64.getMimeDecoder().decode(wrapped)).isEqualTo(data);
    }

    @Test
    void wellWrappedLinesPassAsTheyAreAndAnOddLineInBetweenIsMendedAround() throws Exception {
        byte[] data = new byte[3000];
        new Random(8).nextBytes(data);
        String wrapped = Base64.getMimeEncoder().encodeToString(data) + "\r\n";
        assertThat(rewrap(wrapped)).isEqualTo(wrapped);
        String[] lines = wrapped.split("\r\n");
        // one line split in two uneven halves, trailing blanks on another
        String odd = String.join("\r\n", lines[0], lines[1].substring(0, 10), lines[1].substring(10) + "  ", String.join("\n",
                Arrays.copyOfRange(lines, 2, lines.length)));
        String mended = rewrap(odd);
        assertThat(mended.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        assertThat(Base64.getMimeDecoder().decode(mended)).isEqualTo(data);
    }

    @Test
    void oddLineLengthsAndBlanksAreEvenedOut() throws Exception {
        assertThat(rewrap("R0\n lG\tOD\r\nlh")).isEqualTo("R0lGODlh\r\n");
    }

    @Test
    void aLastGroupSentWithoutItsPaddingGetsIt() throws Exception {
        assertThat(rewrap("R0lGOA")).isEqualTo("R0lGOA==\r\n");
        assertThat(rewrap("R0lGODl")).isEqualTo("R0lGODl=\r\n");
    }

    @Test
    void whatIsNotBase64IsRefused() {
        assertThatThrownBy(() -> rewrap("R0lG*Dlh")).isInstanceOf(IOException.class).hasMessageContaining("character 0x2a at byte 4");
        assertThatThrownBy(() -> rewrap("R0lGOA==R0lG")).isInstanceOf(IOException.class).hasMessageContaining("data after the padding");
        assertThatThrownBy(() -> rewrap("R0lGO")).isInstanceOf(IOException.class).hasMessageContaining("incomplete");
    }
}
