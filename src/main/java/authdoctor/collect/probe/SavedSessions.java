package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.collect.canary.SavedSession;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.StoredCookie;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.PageVerdict;
import authdoctor.observation.SavedSessionReplay;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.SessionCheck.Purpose;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The login canary's two halves: after a signed-in run, what the browser holds is saved ({@code
 * --save-session}); after the deploy, that session is put back into an empty browser and replayed to the
 * routes that were signed in, before any login ({@code --reuse-session}), each answer recorded as a {@link
 * SavedSessionReplay}; a refused one is looked up in {@code --store}. The browser is emptied again before the
 * fresh login.
 */
final class SavedSessions {
  private final ProbeSession s;
  private final SessionReplays sessions;
  private final StorePhase store;
  private final SessionCanary canary;

  SavedSessions(ProbeSession s, SessionReplays sessions, StorePhase store, SessionCanary canary) {
    this.s = s;
    this.sessions = sessions;
    this.store = store;
    this.canary = canary;
  }

  /** The saved session's secrets, declared to the redactor before anything is sent or shown. */
  static void remember(SavedSession saved, authdoctor.Redactor redactor) {
    for (SavedSession.Cookie c : saved.cookies()) redactor.remember(c.value());
    if (saved.bearerToken() != null) redactor.credential(requireNonNull(saved.bearerToken()));
  }

  /** Replays {@code saved} to each route it was signed in on, without logging in; then empties the browser. */
  void replay(SavedSession saved, URI loginPage) {
    remember(saved, s.redactor);
    Instant now = s.clock.instant();
    List<SavedSession.Cookie> expired = saved.cookies().stream()
        .filter(c -> c.expiry() != null && !now.isBefore(c.expiry()) && saved.sessionCookies().contains(c.name())).toList();
    s.note("saved session", "session saved " + when(saved.savedAt()) + " (" + saved.cookies().size() + " cookie(s)"
        + (saved.bearerToken() != null ? ", a bearer token" : "") + "), replayed without logging in");
    if (!expired.isEmpty()) {
      s.problem("saved session", "--reuse-session: the saved session cookie " + expired.get(0).name() + " expired "
          + when(requireNonNull(expired.get(0).expiry())) + ": save the session closer to the deploy");
      return;
    }
    for (SavedSession.Cookie c : saved.cookies()) s.browser.jar().receive(origin(c), setCookie(c), RequestContext.typed());
    List<HeaderField> auth = saved.bearerToken() == null ? s.auth()
        : List.of(new HeaderField("Authorization", "Bearer " + saved.bearerToken()));
    for (SavedSession.Route r : saved.routes()) {
      if (s.overTime()) break;
      HttpExchange x = s.send("saved session: protected " + r.url().getRawPath(), "GET", r.url(), Navigation.typed(),
          auth, null, true);
      SignedIn.Verdict v = sessions.baselines.judge(x, SignedIn.page(x, loginPage, s.redactor));
      s.add(new PageVerdict(x.step(), v.verdict(), v.reason()));
      Map.Entry<String, String> cookie = SessionCookies.of(x.requestHeader("Cookie").orElse(null), saved.sessionCookies());
      String shown = null;
      Boolean inStore = null;
      String key = null;
      if (v.verdict() == SessionCheck.Verdict.LOGGED_OUT && cookie != null && s.config.store() != null && !s.overTime()) {
        ProbeConfig.Store st = requireNonNull(s.config.store());
        StorePhase.Existence e = store.exists(st, cookie.getKey(), cookie.getValue());
        if (e != null) {
          shown = s.redactor.url(st.url().toString());
          inStore = e.exists();
          key = e.key();
          s.note("saved session in the store", shown + ": " + e.key() + (e.failure() != null ? " could not be looked up: "
              + e.failure() : Boolean.TRUE.equals(e.exists()) ? " still exists" : " does not exist"));
        }
      }
      s.add(new SavedSessionReplay(x.step(), x.url(), x.status(), v.verdict(), v.reason(), saved.savedAt(), r.reason(),
          cookie == null ? null : cookie.getKey(), cookie == null ? null : cookie.getValue(), shown, inStore, key));
    }
    s.browser.jar().clear();
  }

  /**
   * Saves what the browser holds once the protected routes answered signed in; a login that did not sign in
   * saves nothing (a problem: the canary was not set).
   */
  void save(URI loginPage) {
    List<SavedSession.Route> routes = new ArrayList<>();
    for (var o : s.observations()) {
      if (o instanceof SessionCheck c && c.purpose() == Purpose.PROTECTED && c.verdict() == SessionCheck.Verdict.LOGGED_IN
          && routes.stream().noneMatch(r -> r.url().equals(c.url()))) {
        routes.add(new SavedSession.Route(c.url(), c.status(), c.reason()));
      }
    }
    if (routes.isEmpty()) {
      s.problem("save session", "--save-session: no protected route answered signed in: no session was saved");
      return;
    }
    List<SavedSession.Cookie> cookies = new ArrayList<>();
    for (StoredCookie c : s.browser.cookies()) {
      cookies.add(new SavedSession.Cookie(c.name(), c.value(), c.domain(), c.path(), c.secure(), c.httpOnly(),
          c.sameSite().name(), c.expiry(), c.sourceSecure(), c.sourcePort()));
    }
    SavedSession session = new SavedSession(s.config.base(), s.clock.instant(), loginPage, cookies, s.bearerToken(),
        s.sessionCookies(), routes);
    try {
      String where = requireNonNull(canary.save()).save(session);
      s.note("save session", "the signed-in session (" + cookies.size() + " cookie(s)"
          + (session.bearerToken() != null ? ", a bearer token" : "") + (session.sessionCookies().isEmpty() ? ""
              : ", session cookie " + String.join(", ", session.sessionCookies())) + ") saved, encrypted, to " + where);
    } catch (IOException e) {
      s.problem("save session", "--save-session: cannot write the session file: " + s.redactor.scrub(String.valueOf(e.getMessage())));
    }
  }

  private static String when(Instant t) {
    return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.atOffset(ZoneOffset.UTC).withNano(0)) + "Z";
  }

  /** The URL that set the cookie, as far as the jar kept it: its scheme, host and port. */
  private static URI origin(SavedSession.Cookie c) {
    String scheme = c.sourceSecure() ? "https" : "http";
    boolean defaultPort = c.sourcePort() < 0 || c.sourcePort() == (c.sourceSecure() ? 443 : 80);
    String host = c.host().contains(":") ? "[" + c.host() + "]" : c.host();
    return URI.create(scheme + "://" + host + (defaultPort ? "" : ":" + c.sourcePort()) + c.path());
  }

  /** The {@code Set-Cookie} line that puts the cookie back as the jar held it. */
  private static String setCookie(SavedSession.Cookie c) {
    StringBuilder sb = new StringBuilder(c.name().isEmpty() ? c.value() : c.name() + "=" + c.value());
    sb.append("; Path=").append(c.path());
    if (c.domain().startsWith(".")) sb.append("; Domain=").append(c.host());
    if (c.secure()) sb.append("; Secure");
    if (c.httpOnly()) sb.append("; HttpOnly");
    switch (c.sameSite()) {
      case "NONE" -> sb.append("; SameSite=None");
      case "LAX" -> sb.append("; SameSite=Lax");
      case "STRICT" -> sb.append("; SameSite=Strict");
      default -> {}
    }
    if (c.expiry() != null) sb.append("; Expires=").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
        requireNonNull(c.expiry()).atOffset(ZoneOffset.UTC)));
    return sb.toString();
  }
}
