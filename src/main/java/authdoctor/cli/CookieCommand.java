package authdoctor.cli;

import static java.util.Objects.requireNonNull;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.collect.browser.BrowserException;
import authdoctor.collect.browser.BrowserRun;
import authdoctor.collect.browser.BrowserScenarioRunner;
import authdoctor.collect.cookie.BrowserComparison;
import authdoctor.collect.cookie.ScenarioReplay;
import authdoctor.cookie.Context;
import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.report.Format;
import authdoctor.report.trace.CookieSteps;
import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.Durations;
import authdoctor.scenario.RequestStep;
import authdoctor.scenario.ResponseStep;
import authdoctor.scenario.ScenarioException;
import authdoctor.scenario.ScenarioKeys;
import authdoctor.scenario.ScenarioParser;
import authdoctor.scenario.Step;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authdoctor cookie}: would the browser store this cookie, send it with these requests, delete
 * it — and if not, why (Chromium's reason and the catalog id with its fix).
 */
@WritesFormats({Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN, Format.HTML})
@Command(
    name = "cookie",
    mixinStandardHelpOptions = true,
    description = {
      "Explain what the browser does with Set-Cookie lines.",
      "Stored or refused, sent with a request or withheld, deleted or left in place — with Chromium's reason and the fix."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  authdoctor cookie 'sid=abc; Path=/; SameSite=None' --url https://app.example.com/login",
      "  curl -si https://app.example.com/login | authdoctor cookie - --url https://app.example.com/login",
      "  authdoctor cookie 'sid=x; Path=/app; SameSite=Lax' --url https://app.example.com/app/login \\",
      "      --request https://app.example.com/dashboard \\",
      "      --request https://app.example.com/app/cb --method POST --from https://idp.example.net",
      "  authdoctor cookie --scenario oauth-callback.yaml --format json",
      "  authdoctor cookie --scenario oauth-callback.yaml --browser chromium",
      "",
      "Cookie values are never printed. '-' (stdin) keeps them out of your shell history."
    })
final class CookieCommand implements Callable<Integer> {
  private static final int MAX_LINE = 64 * 1024;
  private final Io io;

  @Parameters(
      paramLabel = "SET-COOKIE",
      arity = "0..*",
      description = "Set-Cookie values (repeat for several lines of one response), or '-' to read raw response headers from stdin and take every 'Set-Cookie:' line (at most 1000).")
  List<String> lines = new ArrayList<>();

  @Option(names = "--url", paramLabel = "URL", description = "The URL of the response that carried the cookies.")
  @Nullable String url;

  @Option(names = "--set-from", paramLabel = "ORIGIN", description = "Origin of the page that caused the response (omitted: a navigation the user typed).")
  @Nullable String setFrom;

  @Option(names = "--set-context", paramLabel = "CONTEXT", description = "How the response arrived: navigation (default), subresource or iframe.", defaultValue = "navigation")
  String setContext = "navigation";

  @Option(names = "--set-method", paramLabel = "METHOD", description = "Method of the request the response answered (default: ${DEFAULT-VALUE}).", defaultValue = "GET")
  String setMethod = "GET";

  @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "%nRequests (each --request may be followed by its own options):%n")
  List<RequestArgs> requests = new ArrayList<>();

  @Option(names = "--third-party-cookies", paramLabel = "POLICY", description = "allowed (default, as desktop Chrome ships) or blocked (Incognito, or the user's setting).")
  @Nullable String thirdParty;

  @Option(names = "--scenario", paramLabel = "FILE", description = "A multi-step scenario (YAML or JSON): responses and requests in order; see docs/cookie-scenarios.md.")
  @Nullable Path scenario;

  @Option(
      names = "--browser",
      paramLabel = "BROWSER",
      description = {
        "Also replay the steps in real headless Chromium (only 'chromium'; Debian's package) on 127.0.0.1",
        "and show its answer next to the model's for every cookie. Waits over 3 s are not replayed."
      })
  @Nullable String browser;

  @Option(names = "--now", paramLabel = "TIME", description = "The browser's clock at the first step (ISO-8601, default: now).")
  @Nullable String now;

  @Mixin OutputMixin output;

  /** One {@code --request} and the options that follow it. */
  static final class RequestArgs {
    @Option(names = "--request", required = true, paramLabel = "URL", description = "A request whose cookies you want to know about.")
    String url = "";

    @Option(names = "--method", paramLabel = "METHOD", description = "Its method (default GET).")
    String method = "GET";

    @Option(names = "--from", paramLabel = "ORIGIN", description = "Origin of the page that started it (omitted: typed by the user).")
    @Nullable String from;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "navigation (default), subresource or iframe.")
    String context = "navigation";

    @Option(names = "--after", paramLabel = "DURATION", description = "Time since the previous step, e.g. 3m (default 0).")
    String after = "0";
  }

  CookieCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Redactor redactor = Redactor.forUser();
    AuthDoctor doctor = AuthDoctor.prepare(Clock.systemUTC(), redactor);
    CookieScenario sc = scenario == null ? fromArguments() : fromFile();
    Instant start = now == null ? Clock.systemUTC().instant() : Args.instant("--now", now);
    ScenarioReplay.Replay replay = ScenarioReplay.run(sc, start);
    BrowserComparison.Result inBrowser = browser == null ? null : replayInBrowser(sc, replay);
    String target = scenario != null ? scenario.toString() : redactor.url(url);
    Report report = doctor.diagnose("cookie", target, CookieSteps.collected(replay, redactor, inBrowser), Scope.ALL);
    return output.emit(report, redactor, io);
  }

  /**
   * Replays the scenario in Chromium and pairs its answers with the model's. Not installed: exit 2 with
   * the install command; the browser crashed or timed out: exit 3. Progress goes to stderr.
   */
  private BrowserComparison.Result replayInBrowser(CookieScenario sc, ScenarioReplay.Replay replay) {
    if (!"chromium".equalsIgnoreCase(requireNonNull(browser).strip())) {
      throw new UsageError("--browser '" + browser + "': only chromium is supported");
    }
    try (BrowserScenarioRunner runner = BrowserScenarioRunner.start(io.env())) {
      BrowserRun run = runner.run(sc);
      BrowserComparison.Result result = BrowserComparison.compare(replay.observations(), run);
      long compared = result.pairs().stream().filter(p -> p.agree() != null).count();
      io.err().println("authdoctor: replayed in " + run.browserVersion() + " (headless): " + (compared - result.disagreements().size())
          + " of " + compared + " cookie answers agree with the model");
      return result;
    } catch (BrowserException e) {
      if (e.notInstalled()) throw new UsageError(e.getMessage());
      throw new Unreachable("the browser failed: " + e.getMessage());
    }
  }

  private CookieScenario fromFile() {
    if (!lines.isEmpty() || url != null || !requests.isEmpty()) {
      throw new UsageError("--scenario describes every step; give no Set-Cookie values, --url or --request with it");
    }
    try {
      CookieScenario sc = ScenarioParser.parse(scenario);
      return thirdParty == null ? sc : new CookieScenario(policy(), sc.steps());
    } catch (ScenarioException e) {
      throw new UsageError(e.getMessage());
    }
  }

  private CookieScenario fromArguments() {
    List<String> setCookie = new ArrayList<>();
    Instant date = null;
    for (String l : lines) {
      if (l.equals("-")) {
        StdinHeaders h = StdinHeaders.read(io.in(), MAX_LINE);
        setCookie.addAll(h.setCookie());
        if (h.date() != null) date = h.date();
      } else {
        setCookie.add(l);
      }
    }
    if (setCookie.isEmpty() && requests.isEmpty()) {
      throw new UsageError("give at least one Set-Cookie value (or '-' for stdin), or a --scenario file; see 'authdoctor cookie --help'");
    }
    List<Step> steps = new ArrayList<>();
    if (!setCookie.isEmpty()) {
      if (url == null) throw new UsageError("--url is required: the URL of the response that set the cookie");
      steps.add(new ResponseStep(Args.url("--url", url), method(setMethod), context("--set-context", setContext),
          origin("--set-from", setFrom, setContext), Duration.ZERO, setCookie, date));
    }
    for (RequestArgs r : requests) {
      Duration after = Args.duration("--after", r.after);
      steps.add(new RequestStep(Args.url("--request", r.url), method(r.method), context("--context", r.context),
          origin("--from", r.from, r.context), after));
    }
    return new CookieScenario(policy(), steps);
  }

  private ThirdPartyCookies policy() {
    if (thirdParty == null) return ThirdPartyCookies.ALLOWED;
    return switch (thirdParty.toLowerCase(Locale.ROOT)) {
      case "allowed" -> ThirdPartyCookies.ALLOWED;
      case "blocked" -> ThirdPartyCookies.BLOCKED;
      default -> throw new UsageError("--third-party-cookies '" + thirdParty + "': use allowed or blocked");
    };
  }

  private static @Nullable URI origin(String flag, @Nullable String value, String context) {
    if (value == null) {
      if (!context.equalsIgnoreCase("navigation")) throw new UsageError(flag + " is required for context " + context + ": the page that loads it");
      return null;
    }
    return URI.create(Args.origin(flag, value));
  }

  private static Context context(String flag, String value) {
    for (Context c : Context.values()) {
      if (ScenarioKeys.key(c).equalsIgnoreCase(value.strip())) return c;
    }
    throw new UsageError(flag + " '" + value + "': use navigation, subresource or iframe");
  }

  private static String method(String m) {
    if (!m.matches("[A-Za-z]{1,16}")) throw new UsageError("--method '" + m + "': not an HTTP method");
    return m.toUpperCase(Locale.ROOT);
  }
}
