package authdoctor.demo;

import static authdoctor.demo.TestDeployments.app;
import static authdoctor.demo.TestDeployments.config;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authdoctor probe} against in-process apps behind in-process TLS proxies: the diagnosis, end to end. */
class ProbeOnDemoAppsTest {
  private static final String PASSWORD = "canary-Pa55word-7d41c0";

  @TempDir Path dir;

  private static List<String> args(String url, TestDeployments d, String... more) {
    List<String> a = new ArrayList<>(List.of("probe", url, "--login", "/login", "--user", TestDeployments.USER,
        "--password-env", "APP_PASSWORD", "--protected", "/dashboard", "--logout", "/logout", "--format", "json"));
    a.addAll(d.tlsArgs());
    a.addAll(List.of(more));
    return a;
  }

  private static List<String> ids(TestDeployments.Run r, String severity) throws Exception {
    JsonNode root = new ObjectMapper().readTree(r.out());
    return StreamSupport.stream(root.get("findings").spliterator(), false)
        .filter(f -> severity == null || f.get("severity").asText().equals(severity))
        .map(f -> f.get("id").asText()).toList();
  }

  @Test
  void proxyWithoutForwardedProtoIsTheRootCauseWhenTheAppTrustsTheHeader() throws Exception {
    try (TestDeployments d = new TestDeployments(dir)) {
      DemoApp a = app(config("session", DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, true, true, false), PASSWORD);
      String direct = d.direct(a);
      String url = d.proxy("shop.probe.test", false, false, a);
      TestDeployments.Run r = TestDeployments.cli(PASSWORD, args(url, d, "--direct", direct));
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      List<String> errors = ids(r, "error");
      assertThat(errors).containsExactly("proxy.forwarded-proto-missing", "redirect.https-downgrade");
      assertThat(r.out()).doesNotContain(PASSWORD).doesNotContain("could not verify");
    }
  }

  @Test
  void withoutDirectTheProxyFindingSaysItCouldNotVerify() throws Exception {
    try (TestDeployments d = new TestDeployments(dir)) {
      DemoApp a = app(config("session", DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, true, true, false), PASSWORD);
      String url = d.proxy("shop.probe.test", false, false, a);
      TestDeployments.Run r = TestDeployments.cli(PASSWORD, args(url, d));
      assertThat(ids(r, "error")).startsWith("proxy.forwarded-proto-missing");
      assertThat(r.out()).contains("could not verify whether the proxy omits X-Forwarded-Proto");
    }
  }

  @Test
  void appIgnoringTheHeaderIsUntrustedNotMissing() throws Exception {
    try (TestDeployments d = new TestDeployments(dir)) {
      DemoApp a = app(config("session", DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), false, true, true, false), PASSWORD);
      String direct = d.direct(a);
      String url = d.proxy("shop.probe.test", true, true, a);
      TestDeployments.Run r = TestDeployments.cli(PASSWORD, args(url, d, "--direct", direct));
      List<String> errors = ids(r, "error");
      assertThat(errors).contains("proxy.forwarded-proto-untrusted").doesNotContain("proxy.forwarded-proto-missing");
      assertThat(errors.get(0)).isEqualTo("proxy.forwarded-proto-untrusted");
    }
  }

  @Test
  void csrfOriginRefusalIsReportedAfterItsProxyCause() throws Exception {
    try (TestDeployments d = new TestDeployments(dir)) {
      // Django-style Origin check: without X-Forwarded-Proto the app thinks its origin is http://…
      DemoApp a = app(config("sessionid", DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, true, true, true), PASSWORD);
      String direct = d.direct(a);
      String url = d.proxy("shop.probe.test", false, true, a);
      TestDeployments.Run r = TestDeployments.cli(PASSWORD, args(url, d, "--direct", direct));
      List<String> errors = ids(r, "error");
      assertThat(errors).contains("csrf.origin-untrusted");
      assertThat(errors.get(0)).isEqualTo("proxy.forwarded-proto-missing");
      assertThat(r.out()).contains("Origin checking failed");
    }
  }

  @Test
  void serverSideSessionsInSeparateStoresAreStoreNotShared() throws Exception {
    try (TestDeployments d = new TestDeployments(dir)) {
      DemoApp a = app(config("connect.sid", DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, false, true, false), PASSWORD);
      DemoApp b = app(config("connect.sid", DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, false, true, false), PASSWORD);
      String ia = d.direct(a);
      String ib = d.direct(b);
      String url = d.proxy("app.probe.test", true, true, a, b);
      TestDeployments.Run r = TestDeployments.cli(PASSWORD, args(url, d, "--instance", ia, "--instance", ib));
      assertThat(ids(r, "error")).contains("session.store-not-shared").doesNotContain("session.secret-mismatch");
      assertThat(r.out()).contains("server-side session");
      // Without --instance the reloads show the random logouts all the same.
      TestDeployments.Run noInstances = TestDeployments.cli(PASSWORD, args(url, d, "--refresh", "6"));
      assertThat(ids(noInstances, "error")).contains("session.store-not-shared");
    }
  }

  @Test
  void sharedStoreBehindALoadBalancerIsHealthy() throws Exception {
    try (TestDeployments d = new TestDeployments(dir)) {
      var store = DemoApp.newStore();
      DemoApp a = app(config("sessionid", DemoApp.Sessions.SERVER_SIDE, "", store, true, false, true, true), PASSWORD);
      DemoApp b = app(config("sessionid", DemoApp.Sessions.SERVER_SIDE, "", store, true, false, true, true), PASSWORD);
      String url = d.proxy("app.probe.test", true, true, a, b);
      TestDeployments.Run r = TestDeployments.cli(PASSWORD, args(url, d, "--instance", d.direct(a), "--instance", d.direct(b)));
      assertThat(r.code()).as(r.out()).isZero();
      assertThat(ids(r, null)).isEmpty();
    }
  }

  @Test
  void thePasswordNeverAppearsInTextOrJsonAndIsNeverAnArgument() throws Exception {
    try (TestDeployments d = new TestDeployments(dir)) {
      DemoApp a = app(config("sessionid", DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, false, false, true), PASSWORD);
      String url = d.proxy("crm.probe.test", true, true, a);
      List<String> text = new ArrayList<>(args(url, d));
      text.removeAll(List.of("--format", "json"));
      for (TestDeployments.Run r : List.of(TestDeployments.cli(PASSWORD, args(url, d)), TestDeployments.cli(PASSWORD, text))) {
        assertThat(r.code()).isEqualTo(1); // logout does not invalidate
        assertThat(r.out() + r.err()).doesNotContain(PASSWORD).doesNotContainPattern("[0-9a-f]{32}").contains("‹redacted");
      }
      TestDeployments.Run onArgv = TestDeployments.cli(PASSWORD, List.of("probe", url, "--user", "u", "--password", PASSWORD));
      assertThat(onArgv.code()).isEqualTo(2);
      assertThat(onArgv.out() + onArgv.err()).doesNotContain(PASSWORD);
      assertThat(onArgv.err()).contains("--password-env");
    }
  }

  @Test
  void pathsOnAnotherHostOfTheDeploymentGetOnlyTheCookiesTheBrowserWouldSend() throws Exception {
    try (TestDeployments d = new TestDeployments(dir)) {
      DemoApp a = app(config("sessionid", DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, false, true, false), PASSWORD);
      String auth = d.proxy("auth.probe.test", true, true, a);
      String app = d.proxy("app.probe.test", true, true, a);
      List<String> args = new ArrayList<>(List.of("probe", auth, "--login", auth + "login", "--user", TestDeployments.USER,
          "--password-env", "APP_PASSWORD", "--protected", app + "dashboard", "--format", "json", "--refresh", "0"));
      args.addAll(d.tlsArgs());
      TestDeployments.Run r = TestDeployments.cli(PASSWORD, args);
      // The host-only cookie of auth.probe.test is never sent to app.probe.test.
      assertThat(ids(r, "error")).contains("cookie.scope-excludes-host");
      JsonNode root = new ObjectMapper().readTree(r.out());
      boolean sentToApp = StreamSupport.stream(root.get("steps").spliterator(), false)
          .filter(s -> s.get("url").asText().startsWith(app))
          .flatMap(s -> StreamSupport.stream(s.get("request_headers").spliterator(), false))
          .anyMatch(h -> h.get("name").asText().equalsIgnoreCase("Cookie"));
      assertThat(sentToApp).isFalse();
    }
  }

  @Test
  void progressLineOnlyOnATerminalAndNotWithQuiet() throws Exception {
    try (TestDeployments d = new TestDeployments(dir)) {
      DemoApp a = app(config("sessionid", DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, false, true, false), PASSWORD);
      String url = d.proxy("ok.probe.test", true, true, a);
      List<String> args = args(url, d, "--refresh", "0");
      for (boolean quiet : new boolean[] {false, true}) {
        List<String> a2 = new ArrayList<>(args);
        if (quiet) a2.add("--quiet");
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = authdoctor.cli.Main.run(a2.toArray(String[]::new), new authdoctor.cli.Io(java.io.InputStream.nullInputStream(),
            new java.io.PrintWriter(out), new java.io.PrintWriter(err), java.util.Map.of("APP_PASSWORD", PASSWORD), true));
        assertThat(code).isZero();
        if (quiet) assertThat(err.toString()).isEmpty();
        else assertThat(err.toString()).contains("login page").contains("\r").doesNotContain(PASSWORD);
      }
    }
  }
}
