package authdoctor.observation;

/**
 * Something a collector saw: an immutable record that keeps the raw text next to the parsed fields.
 * Checks read observations; they never do I/O themselves.
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
        ForwardingTrial,
        StorePing,
        StoreLookup {}
