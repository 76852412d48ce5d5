package org.camelmm7.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.camel.Exchange;
import org.camelmm7.exchange.Mm7Exchange;

/**
 * Mail the relay refused for good, as the mail leg set it aside ({@code mm7.spool.failed-uri}): the
 * spool entry with a first line {@code X-MM7-Delivery-Failure: <reason>}. Listed, read and deleted
 * here; put back into the spool by the management route (the entry without that line, sent to
 * {@code mm7spool:incoming}, then deleted here: a crash between the two delivers it twice rather
 * than never).
 */
public interface SetAsideMail {

    /**
     * @param id    what the operator names it by (the file's name; the broker's message ID)
     * @param entry the spool entry's name when it is put back
     */
    record Entry(String id, String entry, long bytes, Instant setAside, String reason) {

        /** One tab-separated line: id, size, when, reason. */
        public String line() {
            return id + "\t" + bytes + "\t" + setAside + "\t" + reason;
        }
    }

    List<Entry> list() throws Exception;

    Entry entry(String id) throws Exception;

    /** The mail as set aside, the failure line first. */
    byte[] read(String id) throws Exception;

    void delete(String id) throws Exception;

    /** For the management route: one line per set-aside mail ({@link Entry#line()}). */
    default String listing() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (Entry e : list()) {
            lines.append(e.line()).append('\n');
        }
        return lines.toString();
    }

    /** For the management route: the mail the exchange names, as a spool entry to put back. */
    default void toSpoolEntry(Exchange exchange) throws Exception {
        String id = Mm7Exchange.MANAGED_ID.get(exchange);
        Entry entry = entry(id);
        exchange.getMessage().setBody(spoolEntry(read(id)));
        exchange.getMessage().setHeader(Exchange.FILE_NAME, entry.entry());
    }

    static NoSuchElementException noSuch(String id) {
        return new NoSuchElementException("no set-aside mail " + id);
    }

    /** The spool entry again: what was set aside without the failure line in front of it. */
    static byte[] spoolEntry(byte[] setAside) {
        int end = lineEnd(setAside);
        if (!startsWithFailureLine(setAside)) {
            return setAside;
        }
        byte[] entry = new byte[setAside.length - end];
        System.arraycopy(setAside, end, entry, 0, entry.length);
        return entry;
    }

    /** The reason on the failure line; "" without one. */
    static String reason(byte[] setAside) {
        if (!startsWithFailureLine(setAside)) {
            return "";
        }
        String line = new String(setAside, 0, lineEnd(setAside), StandardCharsets.UTF_8).trim();
        return line.substring(MailHandoff.FAILURE_HEADER.length() + 1).trim();
    }

    private static boolean startsWithFailureLine(byte[] bytes) {
        byte[] prefix = (MailHandoff.FAILURE_HEADER + ":").getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The index after the first line's LF (or the length, without one). */
    private static int lineEnd(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }
}
