package org.camelmm7.hooks;

import java.util.List;

/**
 * Where a submission goes instead, as Momentum's {@code mm7_handle_submitRsp} sets it
 * ({@code msg:routing_domain(…)}, {@code msg:rcptto(…)}): another MM7 domain (its name in
 * {@code mm7.client.domains}) and the mail addresses of the recipients to submit to there.
 */
public record SubmitRoute(String mm7Domain, List<String> recipients) {

    public SubmitRoute {
        recipients = List.copyOf(recipients);
    }
}
