package org.camelmm7.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Credentials from a {@code user:password} file, one pair a line, {@code #} comments, as
 * Momentum's {@code AuthPlainParameters = [ uri = "file:///..." ]}; HTTP Basic checks them here,
 * HTTP Digest ({@link DigestAuthentication}) through {@link #password}. The file is read again when
 * it changes, so credentials can be rotated without a restart; whether it changed is looked at
 * most once a second (a stat per request was 2 % of the gateway's time under load).
 */
public final class CredentialsFile {

    private static final long LOOK_INTERVAL_NANOS = 1_000_000_000L;

    private final Path file;
    private volatile Map<String, byte[]> users = Map.of();
    private volatile FileTime loadedAt;
    private volatile long nextLook;

    public CredentialsFile(Path file) {
        this.file = file;
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("auth file " + file.toAbsolutePath() + " cannot be read");
        }
        reloadIfChanged();
    }

    public Path file() {
        return file;
    }

    /** The user's password as listed, or null. */
    byte[] password(String user) {
        reloadIfChanged();
        return users.get(user);
    }

    /** True when the Authorization header carries Basic credentials listed in the file. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        reloadIfChanged();
        byte[] expected = users.get(decoded.substring(0, colon));
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        return expected != null && MessageDigest.isEqual(expected, given);
    }

    private void reloadIfChanged() {
        long now = System.nanoTime();
        if (loadedAt != null && now - nextLook < 0) {
            return;
        }
        nextLook = now + LOOK_INTERVAL_NANOS;
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(loadedAt)) {
                return;
            }
            synchronized (this) {
                Map<String, byte[]> read = new HashMap<>();
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    String l = line.strip();
                    int colon = l.indexOf(':');
                    if (l.isEmpty() || l.startsWith("#") || colon <= 0) {
                        continue;
                    }
                    read.put(l.substring(0, colon), l.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
                }
                users = read;
                loadedAt = modified;
            }
        } catch (IOException e) {
            if (loadedAt == null) {
                throw new UncheckedIOException("auth file " + file + " cannot be read", e);
            }
            // keep the last good credentials while the file is being replaced
        }
    }
}
