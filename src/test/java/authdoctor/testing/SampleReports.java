package authdoctor.testing;

import authdoctor.Evidence;
import authdoctor.Location;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.Step;
import authdoctor.catalog.Catalog;
import authdoctor.check.CheckContext;
import authdoctor.check.Outcome;
import authdoctor.check.Stack;
import authdoctor.observation.Problem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixed report exercising every part the reporters print, for golden-file tests. */
public final class SampleReports {
  /** A canary secret planted in the sample; no output may contain it. */
  public static final String CANARY = "canary-s3cr3t-7f1e9a2b";

  private SampleReports() {}

  public static Report sample(Redactor r) {
    Catalog c = Catalog.bundled();
    Stack stack = new Stack("nginx", null, null);
    var hsts =
        CheckContext.of(
            c,
            "tls.hsts-missing",
            stack,
            List.of(
                new Evidence(
                    "response",
                    "app.example.com",
                    r.plain("GET https://app.example.com/login → 200 without Strict-Transport-Security"),
                    new Location.ExchangeRef(2))));
    var hsts2 =
        CheckContext.of(
            c,
            "tls.hsts-missing",
            stack,
            List.of(
                new Evidence(
                    "header",
                    "api.example.com",
                    r.header("Set-Cookie", "sid=" + CANARY + "; Path=/; Secure"),
                    new Location.ExchangeRef(1),
                    Map.of("cookie", "sid"))));
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("step", 1);
    step.put("request", "GET https://app.example.com/login");
    step.put("status", 200);
    step.put("cookie", r.cookieHeader("sid=" + CANARY));
    return new Report(
        "probe",
        "https://app.example.com",
        null,
        Instant.parse("2026-11-26T10:00:00Z"),
        List.of(hsts, hsts2),
        List.of(new Outcome.Ran("tls.hsts-missing", 2), new Outcome.Crashed("cookie.missing", "NullPointerException: boom")),
        List.of(new Problem("step 3 (logout)", "timed out after 5s waiting for https://app.example.com/logout")),
        List.of(new Step(step, List.of("GET https://app.example.com/login → 200", "Cookie: " + r.cookieHeader("sid=" + CANARY)))));
  }
}
