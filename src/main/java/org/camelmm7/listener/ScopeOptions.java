package org.camelmm7.listener;

import java.nio.file.Path;
import java.time.Duration;

import org.camelmm7.support.Settings;

/**
 * The options a Momentum {@code Peer} or {@code Listen} scope may set for the requests it matches;
 * null where the scope leaves an option to the scope around it ({@link ListenerScopes} says which).
 *
 * @param alwaysAllow    Momentum's {@code always_allow}: credentials are not asked for (unless always-deny is set too)
 * @param alwaysDeny     Momentum's {@code always_deny}: every request is refused, whatever its credentials
 * @param authentication the schemes taken ({@code auth-schemes})
 * @param authFile       the {@code user:password} file credentials are checked against ({@code auth-file})
 * @param maxRequestSize {@code max_request_size} in bytes
 * @param idleTime       {@code idle_time}: seconds a connection may carry nothing before it is closed; 0: never
 * @param tlsVerifyMode  {@code tls_verify_mode}: whether a client certificate must be shown, may be, or is ignored
 * @param logRequests    {@code log_requests_to_paniclog}: a line per request in Momentum's shape ({@link RequestLog})
 */
public record ScopeOptions(Boolean alwaysAllow, Boolean alwaysDeny, HttpAuthentication authentication, CredentialsFile authFile,
                           Long maxRequestSize, Integer idleTime, ServerTls.VerifyMode tlsVerifyMode, Boolean logRequests) {

    /**
     * The keys {@code <scope>.always-allow}, {@code .always-deny}, {@code .auth-schemes}, {@code .auth-file},
     * {@code .max-request-size}, {@code .idle-time}, {@code .tls-verify-mode}, {@code .log-requests}.
     */
    static ScopeOptions read(Settings settings, String scope, Duration nonceLifetime) {
        String schemes = settings.optional(scope + ".auth-schemes");
        String authFile = settings.optional(scope + ".auth-file");
        String verify = settings.optional(scope + ".tls-verify-mode");
        return new ScopeOptions(flag(settings, scope + ".always-allow"), flag(settings, scope + ".always-deny"),
                schemes == null ? null : new HttpAuthentication(settings.list(scope + ".auth-schemes"), nonceLifetime, scope + ".auth-schemes"),
                authFile == null ? null : new CredentialsFile(Path.of(authFile)),
                settings.optional(scope + ".max-request-size") == null ? null : settings.bytes(scope + ".max-request-size"),
                settings.optional(scope + ".idle-time") == null ? null : settings.integer(scope + ".idle-time"),
                verify == null ? null : ServerTls.VerifyMode.of(verify, scope + ".tls-verify-mode"), flag(settings, scope + ".log-requests"));
    }

    private static Boolean flag(Settings settings, String key) {
        String value = settings.optional(key);
        if (value == null) {
            return null;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + " '" + value + "' is not true or false");
        }
        return Boolean.valueOf(value);
    }

    /** This scope's options, with those it leaves unset taken from {@code outer}. */
    ScopeOptions over(ScopeOptions outer) {
        return new ScopeOptions(alwaysAllow != null ? alwaysAllow : outer.alwaysAllow, alwaysDeny != null ? alwaysDeny : outer.alwaysDeny,
                authentication != null ? authentication : outer.authentication, authFile != null ? authFile : outer.authFile,
                maxRequestSize != null ? maxRequestSize : outer.maxRequestSize, idleTime != null ? idleTime : outer.idleTime,
                tlsVerifyMode != null ? tlsVerifyMode : outer.tlsVerifyMode, logRequests != null ? logRequests : outer.logRequests);
    }

    /** Momentum's CONF-AAA: always_deny wins over always_allow. */
    boolean denied() {
        return Boolean.TRUE.equals(alwaysDeny);
    }

    boolean logsRequests() {
        return Boolean.TRUE.equals(logRequests);
    }

    boolean allowedWithoutCredentials() {
        return Boolean.TRUE.equals(alwaysAllow) && !denied();
    }
}
