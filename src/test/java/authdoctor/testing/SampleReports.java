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
import authdoctor.diff.Comparison;
import authdoctor.diff.DiffReport;
import authdoctor.diff.Difference;
import authdoctor.diff.Fact;
import authdoctor.diff.Row;
import authdoctor.diff.StepView;
import authdoctor.report.Result;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed results exercising every part the reporters print, in every shape, for golden-file tests. */
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

  /** One sample of every {@link Result} shape, by name (the golden files' base names). */
  public static Map<String, Result> results(Redactor r) {
    Map<String, Result> all = new LinkedHashMap<>();
    all.put("report", new Result.Single(sample(r)));
    all.put("combined", combined(r));
    all.put("diff", diff(r));
    return all;
  }

  /** Several runs reported together, as {@code demo} does: the sample, then a run with nothing wrong. */
  public static Result.Combined combined(Redactor r) {
    return new Result.Combined("demo", "deployment",
        List.of(new Result.Section("tls-proxy", "deployment tls-proxy — planted bug: no HSTS", sample(r)),
            new Result.Section("healthy", "deployment healthy — healthy: nothing should be wrong", healthy("demo", "https://healthy.demo.test"))),
        List.of("On your own deployment: authdoctor probe https://app.example.com …"));
  }

  /** Two runs compared, as {@code diff} does: A has nothing wrong, B is the sample; they diverge at login. */
  public static Result.Diff diff(Redactor r) {
    Report a = healthy("probe", "http://localhost:5000/");
    Report b = sample(r);
    List<Report.Part> parts = List.of(new Report.Part("A", a), new Report.Part("B", b));
    Report combined = Report.combine("diff", "http://localhost:5000/ vs https://app.example.com", null, DiffReport.TARGET, parts);
    List<Map<Integer, Integer>> steps = Report.renumbering(parts);
    Comparison comparison = new Comparison(List.of(
        new Row("login page", view(1, "login page", "GET", "http://localhost:5000/login", "200"),
            view(1, "login page", "GET", "https://app.example.com/login", "200"), List.of()),
        new Row("login", view(2, "login", "POST", "http://localhost:5000/login", "302"),
            view(2, "login", "POST", "https://app.example.com/login", "302"),
            List.of(new Difference("cookie sid", "stored", "not stored: EXCLUDE_SAMESITE_NONE_INSECURE", true, null),
                new Difference("cookie sid Secure", Difference.NONE, "Secure", false, "B is https, A plain http"))),
        new Row("logout", null, view(3, "logout", "POST", "https://app.example.com/logout", "no response"),
            List.of(new Difference("step", "(not made)", "POST", true, null)))));
    return new Result.Diff(new DiffReport(combined,
        new DiffReport.Target("A", "http://localhost:5000/", a, steps.get(0)),
        new DiffReport.Target("B", "https://app.example.com/", b, steps.get(1)), comparison));
  }

  private static StepView view(int step, String label, String method, String url, String status) {
    return new StepView(step, label, method, url, List.of(new Fact("response", status, status, true)));
  }

  private static Report healthy(String command, String target) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("step", 1);
    step.put("request", "GET " + target);
    step.put("status", 200);
    return new Report(command, target, "flask", Instant.parse("2026-11-26T10:00:00Z"), List.of(),
        List.of(new Outcome.Ran("tls.hsts-missing", 1)), List.of(), List.of(new Step(step, List.of("GET " + target + " → 200"))));
  }
}
