package authdoctor.observation;

import authdoctor.Location;
import org.jspecify.annotations.Nullable;

/**
 * Something a collector saw: an immutable record that keeps the raw text next to the parsed fields,
 * and where it was seen. Checks read observations; they never do I/O themselves.
 */
public sealed interface Observation
    permits HttpExchange,
        BearerRefusal,
        CookieSetEvent,
        CookieSendEvent,
        JwtToken,
        JwtExpectation,
        JwtKeySet,
        JwtVerification,
        ServerClock,
        RedirectUriExpectation,
        LoginAttempt,
        CsrfAttempt,
        SessionCheck,
        SessionCarrier,
        ForwardingTrial,
        StorePing,
        StoreLookup,
        StoreInspection,
        SavedSessionReplay,
        SecretFingerprints,
        CredentialWithheld,
        NginxDirective,
        NginxServer,
        NginxProxyRoute,
        BrowserRequest,
        StepNote,
        PageVerdict,
        PreflightStop,
        BearerToken,
        DeploySetting,
        DeployProcess,
        AppServer,
        AppSetting,
        ServiceName,
        ConfigRead,
        HarExport {
  /**
   * Where it was seen, set by its collector: a trace step, a file line, a HAR entry; the evidence a
   * check builds from it points there. Null for what was given rather than seen (a flag's value).
   */
  @Nullable Location location();
}
