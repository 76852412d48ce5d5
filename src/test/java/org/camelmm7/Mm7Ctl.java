package org.camelmm7;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** tools/mm7ctl run as an operator runs it, against a running gateway's management port. */
public final class Mm7Ctl {

    public record Run(int exit, String out, String err) {
    }

    private Mm7Ctl() {
    }

    public static Run run(RunningGateway gw, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "tools/mm7ctl", "--management", gw.managementUri("/").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }
}
