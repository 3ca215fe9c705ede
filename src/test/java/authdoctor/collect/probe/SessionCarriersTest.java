package authdoctor.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.SessionCheck.Verdict;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The session by ablation: which cookies' absence signs out, and what the others are. */
class SessionCarriersTest {
  /** "name=VERDICT,…" (IN, OUT, UNKNOWN; a name without a verdict was not replayed). */
  private static Map<String, Verdict> without(String spec) {
    Map<String, Verdict> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String[] kv = part.strip().split("=");
      if (kv.length < 2) continue;
      m.put(kv[0], switch (kv[1]) {
        case "IN" -> Verdict.LOGGED_IN;
        case "OUT" -> Verdict.LOGGED_OUT;
        default -> Verdict.UNKNOWN;
      });
    }
    return m;
  }

  private static List<String> names(String spec) {
    return Arrays.stream(spec.split(",")).map(p -> p.strip().split("=")[0]).toList();
  }

  @ParameterizedTest(name = "{0} → session {1}")
  @CsvSource(delimiter = '|', value = {
      // A hub: the opaque id is not the session, the signed login cookie is
      "hub-session-id=IN, hub-hub-login=OUT | hub-hub-login | leaving out hub-hub-login signs out; leaving out hub-session-id does not",
      // Django: the session and the CSRF cookie
      "csrftoken=IN, sessionid=OUT | sessionid | leaving out sessionid signs out; leaving out csrftoken does not",
      // Two cookies both needed (a session and a remember-me token checked together)
      "sid=OUT, remember=OUT | sid;remember | leaving out sid, remember signs out",
      // Nothing changes: the page does not depend on any cookie (or the session is elsewhere)
      "a=IN, b=IN | '' | leaving out a, b does not",
      // A replay lost at --max-time or answered 500
      "sid=OUT, lang=UNKNOWN | sid | leaving out sid signs out; without lang the answer could not be judged",
      "sid=OUT, theme | sid | leaving out sid signs out; without theme the answer could not be judged",
  })
  void sessionIsWhatSignsOutWhenLeftOut(String spec, String session, String how) {
    SessionCarriers.Decision d = SessionCarriers.decide(names(spec), without(spec));
    assertThat(d.session()).containsExactlyElementsOf(session.isEmpty() ? List.of() : List.of(session.split(";")));
    assertThat(d.how()).isEqualTo(how);
  }

  @ParameterizedTest(name = "{0} / alone {1} → session {2}")
  @CsvSource(delimiter = '|', value = {
      // A session cookie and a remember-me cookie: either alone keeps the user signed in
      "sid=IN, remember=IN, lang=IN | sid=IN, remember=IN, lang=OUT | sid;remember | leaving out any one cookie does not sign out; sid, remember alone each keep the user signed in; lang alone does not",
      // One cookie is the session; alone it suffices, the others alone do not
      "sid=OUT, lang=IN, theme=IN | sid=IN, lang=OUT, theme=OUT | sid | leaving out sid signs out; leaving out lang, theme does not; sid alone keeps the user signed in; lang, theme alone do not",
      // A page that needs no cookie: every cookie alone signs in, nothing tells the session
      "a=IN, b=IN, c=IN | a=IN, b=IN, c=IN | '' | leaving out a, b, c does not; a, b, c alone each keep the user signed in",
      // Two cookies needed together: neither alone signs in
      "sid=OUT, key=OUT, lang=IN | sid=OUT, key=OUT, lang=OUT | sid;key | leaving out sid, key signs out; leaving out lang does not; sid, key, lang alone do not",
  })
  void cookiesAloneTellCarriersThatEachSuffice(String spec, String alone, String session, String how) {
    SessionCarriers.Decision d = SessionCarriers.decide(names(spec), without(spec), without(alone));
    assertThat(d.session()).containsExactlyElementsOf(session.isEmpty() ? List.of() : List.of(session.split(";")));
    assertThat(d.how()).isEqualTo(how);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "csrftoken | CSRF token",
      "XSRF-TOKEN | CSRF token",
      "AWSALB | load-balancer affinity",
      "AWSALBCORS | load-balancer affinity",
      "BIGipServerpool_app | load-balancer affinity",
      "INGRESSCOOKIE | load-balancer affinity",
      "SERVERID | load-balancer affinity",
      "lang | preference",
      "theme | preference",
      "hub-session-id | not needed to stay signed in",
  })
  void contextCookiesAreNamedByRole(String name, String role) {
    assertThat(SessionCarriers.role(name)).isEqualTo(role);
    SessionCarriers.Decision d = SessionCarriers.decide(List.of("s", name), Map.of("s", Verdict.LOGGED_OUT, name, Verdict.LOGGED_IN));
    assertThat(d.context()).containsEntry(name, role);
  }

  @ParameterizedTest(name = "{0} found {1} → {2}")
  @CsvSource(delimiter = '!', value = {
      // The ablation's cookie wins over a name that says session
      "hub-session-id=0123456789abcdef0123456789abcdef; hub-hub-login=alice|1|ff ! hub-hub-login ! hub-hub-login",
      // Not found (the ablation did not run): the name decides
      "hub-session-id=0123456789abcdef0123456789abcdef; hub-hub-login=alice|1|ff ! '' ! hub-session-id",
      // Found, but this request does not carry it (a path-scoped cookie): the name decides
      "csrftoken=x; sessionid=abc ! hub-hub-login ! sessionid",
  })
  void theAblationsCookieIsTheSessionWhereverTheRequestCarriesIt(String header, String found, String expected) {
    var e = SessionCookies.of(header, found.isEmpty() ? List.of() : List.of(found));
    assertThat(e).isNotNull();
    assertThat(e.getKey()).isEqualTo(expected);
  }
}
