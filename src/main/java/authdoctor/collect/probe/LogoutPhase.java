package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browsing.RequestKind;
import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.framework.Frameworks;
import authdoctor.internal.Hosts;
import authdoctor.observation.CsrfAttempt;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.SessionCheck.Purpose;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Logout as the page's logout form (or link) does it, with the CSRF token it carries; then the route
 * again, and the pre-logout Cookie header replayed twice (a stale tab, a stolen cookie).
 */
final class LogoutPhase {
  private final ProbeSession s;
  private final LoginPhase login;
  private final SessionReplays sessions;

  LogoutPhase(ProbeSession s, LoginPhase login, SessionReplays sessions) {
    this.s = s;
    this.login = login;
    this.sessions = sessions;
  }

  void run(LoginPhase.Page loginPage, URI landing, @Nullable HttpExchange protectedPage, @Nullable String preLogout) {
    URI u = s.url(requireNonNull(s.config.logout()));
    String method = s.config.logoutMethod().toUpperCase(Locale.ROOT);
    List<HeaderField> h = new ArrayList<>();
    byte[] body = null;
    String tokenSource = null;
    String sentAs = null;
    RequestKind kind = Navigation.link(method, landing);
    if (method.equals("POST")) {
      kind = Navigation.form(method, landing, Referrer.FULL);
      Map<String, String> fields = new LinkedHashMap<>();
      if (protectedPage != null) {
        for (Html.Form f : Html.forms(protectedPage.body())) {
          if (!f.action().isEmpty() && Urls.samePath(landing.resolve(f.action().strip()), u)) {
            for (Html.Input i : f.hidden()) fields.put(i.name(), i.value());
          }
        }
        for (String n : fields.keySet()) {
          if (Frameworks.csrfLike(n)) {
            tokenSource = "hidden input " + n + " of the logout form";
            sentAs = "field " + n;
          }
        }
      }
      CsrfTokens.Token c = login.csrf(new LoginPhase.Page(landing, protectedPage != null ? protectedPage : loginPage.exchange()));
      if (c.value() != null) {
        if (tokenSource == null) tokenSource = c.source();
        if (c.header() != null) {
          h.add(new HeaderField(c.header(), c.value()));
          sentAs = (sentAs == null ? "" : sentAs + ", ") + "header " + c.header();
        }
        if (c.field() != null && !fields.containsKey(c.field())) {
          fields.put(c.field(), c.value());
          sentAs = (sentAs == null ? "" : sentAs + ", ") + "field " + c.field();
        }
      }
      h.add(new HeaderField("Content-Type", "application/x-www-form-urlencoded"));
      body = Urls.form(fields);
    }
    HttpExchange first = s.follow("logout", method, u, kind, h, body, false).first();
    if (method.equals("POST")) {
      String said = CsrfRefusals.serverSaid(first.status(), first.body());
      s.add(new CsrfAttempt(first.step(), "logout", u, Hosts.origin(landing), tokenSource, sentAs, first.status(),
          CsrfRefusals.of(first), said == null ? null : s.redactor.scrub(said)));
    }
    HttpExchange after = s.send("after logout", "GET", landing, Navigation.typed(), List.of(), null, false);
    sessions.check(after, Purpose.AFTER_LOGOUT, "public", loginPage.url());
    if (preLogout == null) return;
    // Twice: behind a load balancer one replay may hit an instance that never knew the session. Raw
    // replays, independent of each other: sent at once.
    List<Runnable> replays = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      int n = i;
      replays.add(() -> {
        HttpExchange r = s.send("replay the pre-logout Cookie header (" + n + "/2)", "GET", landing, new RequestKind.Raw(),
            List.of(new HeaderField("Cookie", preLogout)), null, false);
        sessions.check(r, Purpose.LOGOUT_REPLAY, "public", loginPage.url());
      });
    }
    s.steps.concurrently(replays);
  }
}
