package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browsing.RequestKind;
import authdoctor.collect.browsing.RequestKind.Fetch;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.internal.Hosts;
import authdoctor.observation.HeaderField;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CORS from {@code --frontend-origin}: the preflight of a POST (with the CSRF header and Authorization
 * the frontend would send), then a GET of the protected route with the frontend's credentials mode
 * ({@link FrontendFetch#credentials}). The login and the API calls themselves are the frontend's fetches
 * too ({@link FrontendFetch}).
 */
final class CorsPhase {
  private final ProbeSession s;
  private final LoginPhase login;
  private final SessionReplays sessions;

  CorsPhase(ProbeSession s, LoginPhase login, SessionReplays sessions) {
    this.s = s;
    this.login = login;
    this.sessions = sessions;
  }

  void run(URI url, LoginPhase.Page loginPage) {
    String frontend = requireNonNull(s.config.frontendOrigin());
    URI front = URI.create(frontend.endsWith("/") ? frontend : frontend + "/");
    List<String> requested = new ArrayList<>();
    requested.add("content-type");
    CsrfTokens.Token csrf = login.csrf(loginPage);
    if (csrf.header() != null && csrf.value() != null) requested.add(csrf.header().toLowerCase(Locale.ROOT));
    if (s.authorization() != null) requested.add("authorization");
    s.send("CORS preflight from " + Hosts.origin(front), "OPTIONS", url, new RequestKind.Preflight(front, "POST", requested),
        List.of(), null, false);
    List<HeaderField> h = new ArrayList<>(List.of(new HeaderField("Accept", "application/json")));
    h.addAll(s.auth());
    boolean credentials = new FrontendFetch(s).credentials();
    sessions.checkQuietly(s.send("CORS " + (credentials ? "credentialed GET" : "GET (credentials: 'omit')") + " from "
        + Hosts.origin(front), "GET", url, new Fetch("GET", front, Fetch.Mode.CORS, credentials, Referrer.NONE), h, null, true));
  }
}
