package org.camelmm7.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {

    @TempDir
    Path dir;

    @Test
    void credentialsAreReadAgainSoonAfterTheFileChanges() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "# the MMSC\nmmsc01:s3cret\n");
        CredentialsFile auth = new CredentialsFile(file);
        assertThat(auth.accepts(basic("mmsc01:s3cret"))).isTrue();
        assertThat(auth.accepts(basic("mmsc01:wrong"))).isFalse();

        Files.writeString(file, "mmsc02:n3w\n");
        // a later modification time, whatever the file system's clock granularity
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));

        await().atMost(Duration.ofSeconds(3)).until(() -> auth.accepts(basic("mmsc02:n3w")));
        assertThat(auth.accepts(basic("mmsc01:s3cret"))).isFalse();
    }

    @Test
    void aFileBeingReplacedKeepsTheLastGoodCredentials() throws Exception {
        Path file = Files.writeString(dir.resolve("users"), "mmsc01:s3cret\n");
        CredentialsFile auth = new CredentialsFile(file);
        Files.delete(file);
        Thread.sleep(1_100);
        assertThat(auth.accepts(basic("mmsc01:s3cret"))).isTrue();
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
