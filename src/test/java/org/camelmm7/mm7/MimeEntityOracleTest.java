package org.camelmm7.mm7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.junit.jupiter.api.Test;

/**
 * mime4j's MimeTokenStream as the oracle of the hand-written {@link MimeEntity}: the peer
 * samples and a few thousand seeded mutations of them (the fuzz corpus) are read by both, and
 * wherever MimeEntity accepts a request the two must agree on its leaves — how many, each one's
 * header fields, and each one's body bytes to the byte. A case MimeEntity refuses (4004) is
 * counted, not compared: refusing is its choice; reading differently is a bug in one of them.
 *
 * <p>{@code -Dmm7.oracle.cases=100000 -Dmm7.oracle.seed=N} runs a longer or another round.
 */
class MimeEntityOracleTest {

    private static final int CASES = Integer.getInteger("mm7.oracle.cases", 5000);
    private static final long SEED = Long.getLong("mm7.oracle.seed", 20261205L);

    /**
     * One leaf as a reader saw it: its fields (name: value, unfolded) and its body bytes as they
     * came. Where the two readers part by design, a leaf is {@code lenient}: MimeEntity takes any
     * line with a colon as a field (a name with a space or a parenthesis, say) and a line without one as the end of
     * the header, where mime4j ends the header at such a name and, after a line that is no field,
     * drops the next line from the body (0.8.14). Such a leaf, and those after it, are counted, not compared.
     */
    private record Leaf(List<String> fields, String body, boolean lenient) {

        boolean agreesWith(Leaf oracle) {
            return fields.equals(oracle.fields) && body.equals(oracle.body);
        }
    }

    @Test
    void theSamplesReadAsMime4jReadsThem() throws Exception {
        for (PeerCorpus.Seed seed : PeerCorpus.seeds()) {
            assertAgree(entityLeaves(seed.body(), seed.contentType()), mime4jLeaves(seed.body(), seed.contentType()),
                    seed.path() + " " + seed.contentType());
        }
    }

    @Test
    void everyMutationMimeEntityAcceptsReadsAsMime4jReadsIt() throws Exception {
        Random random = new Random(SEED);
        List<PeerCorpus.Seed> seeds = PeerCorpus.seeds();
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            PeerCorpus.Seed seed = seeds.get(random.nextInt(seeds.size()));
            String contentType = PeerCorpus.mutateContentType(seed.contentType(), random);
            byte[] body = PeerCorpus.mutate(seed.body(), random);
            List<Leaf> ours;
            try {
                ours = entityLeaves(body, contentType);
            } catch (Mm7Exception refused) {
                outcomes.merge("refused", 1, Integer::sum);
                continue;
            }
            String context = "case " + i + " (seed " + SEED + "), Content-Type: " + contentType + "\n"
                    + new String(body, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n\n");
            if (hasDelimiterLineWithBareCr(body)) {
                // "--b\r--": MimeEntity ends the delimiter at the CR, mime4j reads on; either way the line is no RFC 2046 delimiter
                outcomes.merge("a delimiter line with a bare CR, not compared", 1, Integer::sum);
                continue;
            }
            List<Leaf> oracle;
            try {
                oracle = mime4jLeaves(body, contentType);
            } catch (IllegalStateException | MimeException oracleFailed) {
                // mime4j 0.8.14's line buffer gives up on a few shapes ("unread only works when ..."): nothing to compare with
                outcomes.merge("mime4j could not read", 1, Integer::sum);
                continue;
            }
            assertAgree(ours, oracle, context);
            outcomes.merge(ours.size() == 1 ? "agreed, one part" : "agreed, multipart", 1, Integer::sum);
            if (ours.stream().anyMatch(Leaf::lenient)) {
                outcomes.merge("of which with a part read leniently", 1, Integer::sum);
            }
        }
        System.out.printf("MIME oracle: %d cases, seed %d: %s%n", CASES, SEED, outcomes);
        assertThat(outcomes.getOrDefault("agreed, multipart", 0)).as("multiparts compared").isGreaterThan(CASES / 5);
        assertThat(outcomes.getOrDefault("mime4j could not read", 0)).as("cases the oracle could not read").isLessThan(CASES / 100);
    }

    private static boolean hasDelimiterLineWithBareCr(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        // a CR no LF follows: inside a line, or at the very end of the bytes
        for (String line : (text.endsWith("\r") ? text + "x" : text).split("\n")) {
            int cr = line.indexOf('\r');
            if (line.startsWith("--") && cr >= 0 && cr < line.length() - 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * Leaf by leaf. From the first leaf read leniently on, mime4j's reading is not one to hold
     * MimeEntity to (it drops a line after a header line that is no field, and so may miss a
     * delimiter): only the leaves before it are compared, and mime4j must have read them too.
     */
    private static void assertAgree(List<Leaf> ours, List<Leaf> oracle, String context) {
        Leaf oracleLast = oracle.isEmpty() ? null : oracle.get(oracle.size() - 1);
        if (oracle.size() == ours.size() + 1 && oracleLast.fields().isEmpty() && oracleLast.body().isEmpty()) {
            // a delimiter line that ends the bytes: mime4j opens an empty part after it, MimeEntity none
            oracle = oracle.subList(0, ours.size());
        }
        int compared = ours.size();
        for (int i = 0; i < ours.size(); i++) {
            if (ours.get(i).lenient()) {
                compared = i;
                break;
            }
        }
        if (compared == ours.size()) {
            assertThat(ours).as(context).hasSameSizeAs(oracle);
        } else {
            assertThat(oracle.size()).as(context).isGreaterThanOrEqualTo(compared);
        }
        for (int i = 0; i < compared; i++) {
            assertThat(ours.get(i).agreesWith(oracle.get(i))).as("leaf %d of %s%nours:   %s%nmime4j: %s", i, context, ours.get(i), oracle.get(i))
                    .isTrue();
        }
    }

    private static List<Leaf> entityLeaves(byte[] body, String contentType) {
        List<Leaf> leaves = new ArrayList<>();
        MimeEntity request = MimeEntity.body(body, contentType, MimeEntity.Limits.DEFAULT);
        for (MimeEntity leaf : request.leaves()) {
            List<String> fields = new ArrayList<>();
            // a request that is not multipart holds its HTTP Content-Type as its one field; mime4j's headless reading none
            if (leaf != request) {
                leaf.fields().forEach(f -> fields.add(f.name() + ": " + f.value()));
            }
            String head = new String(leaf.bytes(), 0, leaf.bodyOffset(), StandardCharsets.ISO_8859_1);
            boolean endedByEmptyLine = leaf == request || head.endsWith("\n\n") || head.endsWith("\r\n\r\n");
            // mime4j takes a name of token characters (RFC 9110 tchar) only as a field
            boolean namesAsTokens = leaf.fields().stream().allMatch(f -> !f.name().isEmpty() && f.name().chars()
                    .allMatch(c -> c < 127 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)));
            leaves.add(new Leaf(fields, new String(leaf.bytes(), leaf.bodyOffset(), leaf.rawBodyLength(), StandardCharsets.ISO_8859_1),
                    !(endedByEmptyLine && namesAsTokens)));
        }
        return leaves;
    }

    private static List<Leaf> mime4jLeaves(byte[] body, String contentType) throws IOException, MimeException {
        // a header line that is no field ends the header, as MimeEntity reads it (mime4j's default skips it and reads on)
        MimeTokenStream stream = new MimeTokenStream(new MimeConfig.Builder().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1)
                .setMalformedHeaderStartsBody(true).build());
        stream.parseHeadless(new ByteArrayInputStream(body), withSniffedBoundary(contentType, body));
        List<Leaf> leaves = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            switch (state) {
                case T_START_BODYPART -> fields = new ArrayList<>();
                case T_FIELD -> fields.add(stream.getField().getName() + ": " + valueAsSent(stream.getField()));
                case T_BODY -> leaves.add(new Leaf(fields, new String(stream.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1), false));
                default -> {
                }
            }
        }
        return leaves;
    }

    /**
     * MimeEntity reads a multipart whose Content-Type forgot its boundary with the boundary its
     * first delimiter line names (peers do send those); the oracle is told that boundary.
     */
    private static String withSniffedBoundary(String contentType, byte[] body) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/") || contentType.toLowerCase(Locale.ROOT).contains("boundary=")) {
            return contentType;
        }
        for (String line : new String(body, 0, Math.min(body.length, 8192), StandardCharsets.ISO_8859_1).split("\n", -1)) {
            String t = line.trim();
            if (t.startsWith("--") && t.length() > 2) {
                return contentType + "; boundary=\"" + t.substring(2).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return contentType;
    }

    /**
     * The field's value from its raw bytes, ISO-8859-1 as MimeEntity reads them (mime4j's getBody()
     * reads ASCII); folded lines joined by one space, as MimeEntity unfolds them.
     */
    private static String valueAsSent(Field field) {
        String raw = new String(field.getRaw().toByteArray(), StandardCharsets.ISO_8859_1);
        StringJoiner value = new StringJoiner(" ");
        for (String line : raw.substring(raw.indexOf(':') + 1).split("\r?\n")) {
            value.add(line.strip());
        }
        return value.toString().strip();
    }
}
