package org.camelmm7.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import org.camelmm7.RunningGateway;
import org.junit.jupiter.api.Test;

/** Golden lines: Momentum's default formats and custom ones, with a fixed clock. */
class LogFormatTest {

    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z"); // 1795608000

    private static final MmsEvent EVENT = MmsEvent.at(T).messageId("gw-1").originalMessageId("gw-0").transactionId("tx-1")
            .remoteMessageId("mmsc-9").domain("mms.example").bindingGroup("grp").binding("bnd").pathway("/mm7/")
            .pathwayGroup("pg").ip("10.0.0.1").sourceAddress("15551234567").destinationAddress("12345").status("1000")
            .error("Success").size(2048L).deliveryReportLatency(42L).build();

    /** The shipped settings of a log (Momentum's defaults), {@code own} winning. */
    private static Function<String, String> shipped(RecordType.Log log, Map<String, String> own) {
        String prefix = log == RecordType.Log.MMS ? "mms.logger." : "mms.bounce-logger.";
        return option -> own.containsKey(option) ? own.get(option) : option.endsWith("logfile") ? "target/never-written.ec"
                : RunningGateway.shipped(prefix + option);
    }

    private static String line(RecordType type) {
        MmsLogger logger = MmsLogger.configure("test", type.log(), shipped(type.log(), Map.of()));
        return logger.format(type, EVENT);
    }

    @Test
    void defaultLineOfEveryMmsLogRecord() {
        assertThat(line(RecordType.RECEPTION)).isEqualTo("1795608000@R@gw-1@15551234567@12345@mms.example@/mm7/@pg@10.0.0.1@2048@1000@Success@\"tx-1\"");
        assertThat(line(RecordType.DELIVERY)).isEqualTo("1795608000@D@gw-1@15551234567@12345@mms.example@grp@bnd@10.0.0.1@2048@\"mmsc-9\"@\"tx-1\"");
        assertThat(line(RecordType.TEMPFAIL)).isEqualTo("1795608000@T@gw-1@15551234567@12345@mms.example@grp@bnd@10.0.0.1@1000@Success");
        assertThat(line(RecordType.PERMFAIL)).isEqualTo("1795608000@P@gw-1@15551234567@12345@mms.example@grp@bnd@10.0.0.1@1000@Success");
        assertThat(line(RecordType.STATUS)).isEqualTo("1795608000@S@15551234567@12345@mms.example@grp@bnd@10.0.0.1@\"mmsc-9\"@42@1000@Success");
        assertThat(line(RecordType.CONVERSION)).isEqualTo("1795608000@X@gw-1@15551234567@12345@mms.example@grp@bnd@10.0.0.1@Success");
        assertThat(line(RecordType.HEARTBEAT)).isEqualTo("1795608000@M");
    }

    @Test
    void defaultLineOfEveryBounceLogRecord() {
        assertThat(line(RecordType.BOUNCE_INBAND)).isEqualTo("1795608000@I@gw-1@15551234567@12345@mms.example@grp@bnd@10.0.0.1@Success");
        assertThat(line(RecordType.BOUNCE_OUTBAND)).isEqualTo("1795608000@O@gw-1@15551234567@12345@mms.example@grp@bnd@10.0.0.1@Success");
        assertThat(line(RecordType.BOUNCE_TRANSIENT)).isEqualTo("1795608000@T@gw-1@15551234567@12345@mms.example@grp@bnd@10.0.0.1@Success");
        assertThat(line(RecordType.BOUNCE_HEARTBEAT)).isEqualTo("1795608000@M");
    }

    @Test
    void customFormatWithEveryMacroAndLiterals() {
        LogFormat f = LogFormat.compile("[%t|%i|%I|%ti|%rm|%d|%g|%b|%P|%PG|%H|%sa|%da|%S|%e|%B|%drl] 100%% \\\"q\\\" \\\\", "test.format");
        assertThat(f.format(EVENT)).isEqualTo(
                "[1795608000|gw-1|gw-0|tx-1|mmsc-9|mms.example|grp|bnd|/mm7/|pg|10.0.0.1|15551234567|12345|1000|Success|2048|42] 100% \"q\" \\");
    }

    @Test
    void missingValuesAreEmptyFields() {
        assertThat(LogFormat.compile("%t@R@%i@%sa@%drl@\"%ti\"", "f").format(MmsEvent.at(T).build())).isEqualTo("1795608000@R@@@@\"\"");
    }

    @Test
    void valuesAreEscapedSoAnEventIsOneLineWithFixedFields() {
        MmsEvent nasty = MmsEvent.at(T).sourceAddress("a@b.example").error("line1\r\nline2\\end\tx\u0001").build();
        String line = LogFormat.compile("%t@%sa@%e", "f").format(nasty);
        assertThat(line).isEqualTo("1795608000@a\\@b.example@line1\\r\\nline2\\\\end x ");
        assertThat(line.split("(?<!\\\\)@")).hasSize(3);
        assertThat(line).doesNotContain("\n", "\r");
    }

    @Test
    void unknownMacrosAreRefusedAtStartupWithTheOptionName() {
        assertThatThrownBy(() -> LogFormat.compile("%t@%x@%i", "mms.logger.log-delivery-format"))
                .hasMessageContaining("mms.logger.log-delivery-format").hasMessageContaining("unknown macro %x");
        assertThatThrownBy(() -> MmsLogger.configure("mms.logger", RecordType.Log.MMS,
                shipped(RecordType.Log.MMS, Map.of("log-status-format", "%t@S@%zz")))).hasMessageContaining("mms.logger.log-status-format");
    }

    @Test
    void disabledRecordsAndHeartbeatZeroWriteNothing() {
        MmsLogger logger = MmsLogger.configure("l", RecordType.Log.MMS,
                shipped(RecordType.Log.MMS, Map.of("log-reception", "false", "heartbeat", "0", "logfile", "target/x.ec")));
        assertThat(logger.format(RecordType.RECEPTION, EVENT)).isNull();
        assertThat(logger.format(RecordType.HEARTBEAT, EVENT)).isNull();
        assertThat(logger.format(RecordType.DELIVERY, EVENT)).isNotNull();
        assertThat(logger.file()).isEqualTo(Path.of("target/x.ec").toAbsolutePath());
    }
}
