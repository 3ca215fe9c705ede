package authdoctor.checks.session;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.catalog.Catalog;
import authdoctor.check.Engine;
import authdoctor.check.Stack;
import authdoctor.checks.Checks;
import authdoctor.observation.Observation;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.StoreLookup;
import authdoctor.report.Format;
import authdoctor.report.JsonReporter;
import authdoctor.report.Reporter;
import authdoctor.testing.TestRedactors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Which of {@code session.secret-mismatch} and {@code session.store-not-shared} a refused server-side
 * session is, with and without the store look-up of {@code --store}, from hand-made observations.
 */
class SessionStoreDecisionTest {
  /** A session id: a secret, and so is every store key that holds it. */
  static final String CANARY_ID = "canaryId7Qm2AbCdEfGhIjKlMnOp";
  static final String EXPRESS = "s%3A" + CANARY_ID + ".c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl";
  static final String DJANGO = "canary7qm2abcdefghijklmnopqrstuv";
  static final Redactor REDACTOR = TestRedactors.fixed();

  static List<Observation> split(String cookie, String value) {
    List<Observation> o = new ArrayList<>();
    o.add(new SessionCheck(11, SessionCheck.Purpose.INSTANCE, "http://10.0.0.11:3000",
        URI.create("http://10.0.0.11:3000/dashboard"), 200, SessionCheck.Verdict.LOGGED_IN, "200, no login form",
        cookie, value));
    o.add(new SessionCheck(12, SessionCheck.Purpose.INSTANCE, "http://10.0.0.12:3000",
        URI.create("http://10.0.0.12:3000/dashboard"), 302, SessionCheck.Verdict.LOGGED_OUT,
        "302 to the login page /login", cookie, value));
    return o;
  }

  static StoreLookup lookup(String cookie, boolean signedId, @Nullable String prefix, String id, boolean exists,
      @Nullable String failure) {
    String p = prefix == null ? "sess:" : prefix;
    List<StoreLookup.Key> keys = failure != null ? List.of() : List.of(new StoreLookup.Key(
        prefix == null ? "connect-redis (express-session)" : "--store-prefix", p, REDACTOR.secret(p + id), exists));
    return new StoreLookup(13, "redis://127.0.0.1:6379/0", cookie, signedId, prefix != null, keys, failure);
  }

  static Report report(List<Observation> o) {
    Engine engine = new Engine(Checks.ALL, Catalog.bundled(),
        Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC), REDACTOR);
    return engine.report("probe", "https://app.example.com", Engine.observations(o), Stack.UNKNOWN, List.of(), List.of());
  }

  static List<String> sessionIds(List<Observation> o) {
    return report(o).findings().stream().map(Finding::id).filter(id -> id.startsWith("session.")).toList();
  }

  static Finding only(List<Observation> o, String id) {
    return report(o).findings().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
  }

  static String facts(Finding f) {
    return f.evidence().stream().map(e -> e.facts().toString()).reduce("", String::concat);
  }

  @Test
  void signedIdFoundInTheStoreIsASecretMismatch() {
    List<Observation> o = split("sid", EXPRESS);
    o.add(lookup("sid", true, null, CANARY_ID, true, null));
    assertThat(sessionIds(o)).containsExactly("session.secret-mismatch");
    Finding f = only(o, "session.secret-mismatch");
    Evidence store = f.evidence().get(f.evidence().size() - 1);
    assertThat(store.location()).isEqualTo(new Location.ExchangeRef(13));
    assertThat(store.facts().get("decided by")).contains("the session is in the store at redis://127.0.0.1:6379/0")
        .contains("under the key sess:‹session id› (connect-redis (express-session))")
        .contains("instance http://10.0.0.12:3000 refused it");
    assertThat(facts(f)).doesNotContain("could not verify");
  }

  @Test
  void signedIdMissingUnderTheAppsPrefixIsAStoreNotShared() {
    List<Observation> o = split("sid", EXPRESS);
    o.add(lookup("sid", true, "myapp:sess:", CANARY_ID, false, null));
    assertThat(sessionIds(o)).containsExactly("session.store-not-shared");
    Finding f = only(o, "session.store-not-shared");
    assertThat(f.evidence().get(f.evidence().size() - 1).facts().get("decided by"))
        .contains("is not in the store at redis://127.0.0.1:6379/0 under the key myapp:sess:‹session id› (--store-prefix)");
    assertThat(facts(f)).doesNotContain("could not verify");
  }

  @Test
  void signedIdMissingUnderTheDefaultPrefixStaysUndecided() {
    List<Observation> o = split("sid", EXPRESS);
    o.add(lookup("sid", true, null, CANARY_ID, false, null));
    assertThat(sessionIds(o)).containsExactly("session.store-not-shared");
    assertThat(facts(only(o, "session.store-not-shared"))).contains("could not verify").contains("--store-prefix");
  }

  @Test
  void aStoreThatCannotBeAskedDecidesNothing() {
    List<Observation> o = split("sid", EXPRESS);
    o.add(lookup("sid", true, null, CANARY_ID, false, "-NOAUTH Authentication required."));
    assertThat(sessionIds(o)).containsExactly("session.store-not-shared");
    assertThat(facts(only(o, "session.store-not-shared"))).contains("could not verify")
        .contains("the store lookup failed: -NOAUTH Authentication required.");
  }

  @Test
  void withoutStoreTheSignedIdKeepsTodaysWording() {
    List<Observation> o = split("sid", EXPRESS);
    assertThat(sessionIds(o)).containsExactly("session.store-not-shared");
    Finding f = only(o, "session.store-not-shared");
    assertThat(f.evidence()).hasSize(2);
    assertThat(f.evidence().get(1).facts().get("could not verify"))
        .startsWith("a signed id (s:…) is refused alike when the instances sign with different secrets");
  }

  @Test
  void aPlainIdFoundInTheStoreIsStillTheStore() {
    List<Observation> o = split("sessionid", DJANGO);
    o.add(lookup("sessionid", false, ":1:django.contrib.sessions.cache", DJANGO, true, null));
    assertThat(sessionIds(o)).containsExactly("session.store-not-shared");
    assertThat(facts(only(o, "session.store-not-shared"))).contains("no secret signs this id")
        .contains("reads another store");
  }

  @Test
  void aPlainIdMissingFromTheStoreIsTheStore() {
    List<Observation> o = split("sessionid", DJANGO);
    o.add(lookup("sessionid", false, null, DJANGO, false, null));
    assertThat(sessionIds(o)).containsExactly("session.store-not-shared");
    assertThat(facts(only(o, "session.store-not-shared"))).contains("no secret signs this id");
  }

  @Test
  void aSignedCookieSessionIsTheSecretWhateverTheStoreSays() {
    String flask = "eyJ1c2VyIjoiYWxpY2UifQ.Z0tBfA.abcdefghijklmnopqrstuvwxyz0";
    List<Observation> o = split("session", flask);
    o.add(lookup("session", false, null, flask, false, null));
    assertThat(sessionIds(o)).containsExactly("session.secret-mismatch");
    assertThat(only(o, "session.secret-mismatch").evidence()).hasSize(2);
  }

  @Test
  void theKeyAndTheIdAppearOnlyAsFingerprintsInEveryFormat() throws Exception {
    List<Observation> o = split("sid", EXPRESS);
    o.add(lookup("sid", true, null, CANARY_ID, true, null));
    Report report = report(o);
    String fp = "fp:" + REDACTOR.fingerprint("sess:" + CANARY_ID);
    for (Format format : Format.values()) {
      for (boolean color : new boolean[] {false, true}) {
        StringWriter w = new StringWriter();
        format.reporter(new Reporter.Options(color, true)).write(report, w);
        assertThat(w.toString()).as(format + " color=" + color).doesNotContain(CANARY_ID).contains(fp);
      }
    }
    StringWriter w = new StringWriter();
    new JsonReporter().write(report, w);
    JsonNode finding = new ObjectMapper().readTree(w.toString()).get("findings").get(0);
    assertThat(finding.get("id").asText()).isEqualTo("session.secret-mismatch");
    JsonNode store = finding.get("evidence").get(2);
    assertThat(store.get("text").asText()).isEqualTo("EXISTS ‹redacted " + ("sess:" + CANARY_ID).length() + " chars "
        + fp + "› → 1");
    assertThat(store.get("location").get("step").asInt()).isEqualTo(13);
  }
}
