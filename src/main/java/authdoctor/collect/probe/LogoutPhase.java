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
 * Logout as the page's logout form (or link) does it, with the CSRF token it carries, or as the frontend's
 * fetch when the frontend runs the flow ({@link FrontendFetch#drives}); then the route again, the same way,
 * and the pre-logout Cookie header replayed twice (a stale tab, a stolen cookie).
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
    HttpExchange after;
    if (FrontendFetch.drives(s.config)) {
      FrontendFetch frontend = new FrontendFetch(s);
      frontendLogout(frontend, loginPage, landing, protectedPage, u, method);
      // The frontend drops its token when it signs out: only the cookies it still has go.
      after = frontend.get("after logout", landing, false);
    } else {
      pageLogout(loginPage, landing, protectedPage, u, method);
      after = s.send("after logout", "GET", landing, Navigation.typed(), List.of(), null, false);
    }
    if (after != null) sessions.check(after, Purpose.AFTER_LOGOUT, "public", loginPage.url());
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

  /**
   * The frontend's logout ({@link FrontendFetch#drives}): its {@code fetch} of the logout URL with the
   * frontend's credentials mode, the CSRF header and the {@code Authorization} it holds, and no body (a
   * preflight first when one of those headers is not safelisted; nothing is sent when it refuses).
   */
  private void frontendLogout(FrontendFetch frontend, LoginPhase.Page loginPage, URI landing,
      @Nullable HttpExchange protectedPage, URI u, String method) {
    List<HeaderField> h = new ArrayList<>(List.of(new HeaderField("Accept", "application/json")));
    h.addAll(s.auth());
    CsrfTokens.Token c = login.csrf(new LoginPhase.Page(landing, protectedPage != null ? protectedPage : loginPage.exchange()));
    String sentAs = null;
    if (c.value() != null && c.header() != null) {
      h.add(new HeaderField(c.header(), c.value()));
      sentAs = "header " + c.header();
    }
    ProbeSession.Chain chain = frontend.send("logout", method, u, h, null, frontend.credentials()).chain();
    if (chain == null || !method.equals("POST")) return;
    HttpExchange first = chain.first();
    String said = CsrfRefusals.serverSaid(first.status(), first.body());
    s.add(new CsrfAttempt(first.step(), "logout", u, Hosts.origin(frontend.page()), sentAs == null ? null : c.source(), sentAs,
        first.status(), CsrfRefusals.of(first), said == null ? null : s.redactor.scrub(said)));
  }

  /** Logout as the app's page does it: its logout form (or link), with the CSRF token it carries. */
  private void pageLogout(LoginPhase.Page loginPage, URI landing, @Nullable HttpExchange protectedPage, URI u, String method) {
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
  }
}
