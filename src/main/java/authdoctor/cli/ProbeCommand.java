package authdoctor.cli;

import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.catalog.Catalog;
import authdoctor.check.Checks;
import authdoctor.check.Engine;
import authdoctor.check.Observations;
import authdoctor.check.Problem;
import authdoctor.check.StackDetector;
import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpOptions;
import authdoctor.collect.probe.Probe;
import authdoctor.collect.probe.ProbeConfig;
import authdoctor.report.Format;
import authdoctor.report.JsonReporter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authdoctor probe URL}: logs in to a live deployment as a browser would and diagnoses the whole
 * flow — cookies issued, accepted and returned, redirects, refresh, logout, proxy awareness, CORS, CSRF,
 * sessions across instances — root cause first.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Log in to a live deployment like a browser and diagnose the whole auth flow: cookies issued,",
      "stored and sent back, redirects, refresh, logout, proxy headers, CORS, CSRF, sessions across",
      "instances. Every request goes through a Chromium-faithful cookie model."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  APP_PASSWORD=… authdoctor probe https://app.example.com --login /login \\",
      "      --user test@example.com --password-env APP_PASSWORD --protected /dashboard --logout /logout",
      "  authdoctor probe https://app.example.com --login /api/login \\",
      "      --login-json '{\"email\":\"{user}\",\"password\":\"{password}\"}' --user u@example.com --password-stdin",
      "  authdoctor probe https://app.example.com … --direct http://127.0.0.1:8000 \\",
      "      --instance http://10.0.0.11:8000 --instance http://10.0.0.12:8000",
      "",
      "The password is read from an environment variable, a file or stdin, never from the command line,",
      "and never printed."
    })
final class ProbeCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(paramLabel = "URL", description = "The deployment's public base URL, e.g. https://app.example.com")
  String url = "";

  @Option(names = "--login", paramLabel = "PATH", description = "Login page/endpoint (default: the form on URL or /login).")
  @Nullable String login;

  @Option(names = "--login-json", paramLabel = "TEMPLATE", description = "POST JSON instead of the form, e.g. '{\"email\":\"{user}\",\"password\":\"{password}\"}'.")
  @Nullable String loginJson;

  @Option(names = "--user", paramLabel = "NAME", description = "The user to log in as (omitted: only what an anonymous browser sees).")
  @Nullable String user;

  @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from environment variable VAR.")
  @Nullable String passwordEnv;

  @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE.")
  @Nullable Path passwordFile;

  @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
  boolean passwordStdin;

  /** Refused with a pointer to the safe ways, without echoing the value (argv ends up in shell history and ps). */
  @Option(names = "--password", hidden = true, paramLabel = "NEVER")
  @Nullable String passwordOnCommandLine;

  @Option(names = "--user-field", paramLabel = "NAME", description = "Form field for the user name (default: the form's own).")
  @Nullable String userField;

  @Option(names = "--password-field", paramLabel = "NAME", description = "Form field for the password (default: the form's own).")
  @Nullable String passwordField;

  @Option(names = "--form-field", paramLabel = "NAME=VALUE", description = "An extra login form field (repeatable).")
  List<String> formFields = new ArrayList<>();

  @Option(names = "--protected", paramLabel = "PATH", description = "A route that needs the session (repeatable; default: where the login lands).")
  List<String> protectedPaths = new ArrayList<>();

  @Option(names = "--logout", paramLabel = "PATH", description = "The logout route (omitted: no logout step).")
  @Nullable String logout;

  @Option(names = "--logout-method", paramLabel = "METHOD", description = "GET or POST (default: ${DEFAULT-VALUE}).", defaultValue = "POST")
  String logoutMethod = "POST";

  @Option(names = "--refresh", paramLabel = "N", description = "Reload the protected route N times concurrently (default: ${DEFAULT-VALUE}).", defaultValue = "5")
  int refresh = 5;

  @Option(names = "--frontend-origin", paramLabel = "ORIGIN", description = "Origin of a separate frontend calling the app with credentials (CORS checks).")
  @Nullable String frontendOrigin;

  @Option(names = "--link-from", paramLabel = "ORIGIN", description = "A page on another site that links to the protected route (a cross-site navigation: SameSite).")
  @Nullable String linkFrom;

  @Option(names = "--direct", paramLabel = "URL", description = "The app's own URL, bypassing the proxy (tells proxy from app faults).")
  @Nullable String direct;

  @Option(names = "--instance", paramLabel = "URL", description = "One backend instance's own URL (repeatable): the session is replayed to each.")
  List<String> instances = new ArrayList<>();

  @Option(names = "--restart-command", paramLabel = "CMD", description = "A shell command that restarts the app as a deploy does (returning once it is up again); run after login, then the session is replayed: refused → session.lost-on-restart.")
  @Nullable String restartCommand;

  @Option(names = "--store", paramLabel = "URL", description = "The session store the app uses (redis://HOST:PORT[/DB], no password): pinged; no answer → session.store-unreachable.")
  @Nullable String store;

  @Option(names = "--second-login", paramLabel = "PATH", description = "The login page of another app on the same host: signed in to last (same credentials), then the first app's route is requested again (cookie.name-collision).")
  @Nullable String secondLogin;

  @Option(names = "--api", paramLabel = "URL", description = "An API to call with the bearer token the login answers (repeatable; default: the protected routes).")
  List<String> apis = new ArrayList<>();

  @Option(names = "--token-path", paramLabel = "json:$.PATH", description = "Where the login's JSON answer holds the bearer token, e.g. json:$.data.access_token (default: access_token, id_token, token, …).")
  @Nullable String tokenPath;

  @Option(names = "--oauth-start", paramLabel = "PATH", description = "The app's route that starts an OAuth/OIDC login (redirects to the provider).")
  @Nullable String oauthStart;

  @Option(names = "--expect-redirect-uri", paramLabel = "URI", description = "The redirect_uri registered with the provider for this app.")
  @Nullable String expectRedirectUri;

  @Option(names = "--idp-user", paramLabel = "NAME", description = "The provider's test user: its login form is filled in and the flow followed to the callback.")
  @Nullable String idpUser;

  @Option(names = "--idp-password-env", paramLabel = "VAR", description = "Read the provider user's password from environment variable VAR.")
  @Nullable String idpPasswordEnv;

  @Option(names = {"-q", "--quiet"}, description = "No progress line on stderr.")
  boolean quiet;

  @Mixin VerifierMixin verifier;

  @Mixin HttpMixin http;

  @Mixin OutputMixin output;

  ProbeCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Redactor redactor = Redactor.forUser();
    if (passwordOnCommandLine != null) {
      throw new UsageError("the password is never taken from the command line (shell history, ps): "
          + "use --password-env VAR, --password-file FILE or --password-stdin");
    }
    URI base = Args.url("URL", url);
    String password = password();
    if (password != null) redactor.remember(password);
    if (password != null && user == null) throw new UsageError("a password was given but no --user");
    if (user != null && password == null) {
      throw new UsageError("--user needs a password: --password-env VAR, --password-file FILE or --password-stdin");
    }
    if (loginJson != null && (!loginJson.contains("{user}") || !loginJson.contains("{password}"))) {
      throw new UsageError("--login-json must contain {user} and {password}");
    }
    String method = logoutMethod.toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("POST")) throw new UsageError("--logout-method: use GET or POST");
    if (refresh < 0 || refresh > 100) throw new UsageError("--refresh must be between 0 and 100");
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    for (String f : formFields) {
      int eq = f.indexOf('=');
      if (eq <= 0) throw new UsageError("--form-field '" + f + "': use NAME=VALUE");
      fields.add(Map.entry(f.substring(0, eq), f.substring(eq + 1)));
    }
    for (String p : protectedPaths) path("--protected", p);
    if (login != null) path("--login", login);
    if (logout != null) path("--logout", logout);
    if (secondLogin != null) path("--second-login", secondLogin);
    URI directUrl = direct == null ? null : Args.url("--direct", direct);
    List<URI> instanceUrls = instances.stream().map(i -> Args.url("--instance", i)).toList();
    String frontend = null;
    if (frontendOrigin != null) {
      frontend = Args.origin("--frontend-origin", frontendOrigin);
    }
    String link = null;
    if (linkFrom != null) {
      link = Args.origin("--link-from", linkFrom);
    }
    URI storeUrl = null;
    if (store != null) {
      try {
        storeUrl = new URI(store);
      } catch (java.net.URISyntaxException e) {
        throw new UsageError("--store: not a URL");
      }
      if (!"redis".equalsIgnoreCase(storeUrl.getScheme()) || storeUrl.getHost() == null) {
        throw new UsageError("--store: use redis://[:PASSWORD@]HOST:PORT[/DB]");
      }
      if (storeUrl.getRawUserInfo() != null) {
        throw new UsageError("--store: no password on the command line (shell history, ps): give the URL without "
            + "it; a store that wants one still answers (NOAUTH), which is all the ping decides");
      }
    }
    HttpOptions options = http.options().withCredentialOrigin(base);
    String authorization = http.header("Authorization").orElse(null);
    if (authorization != null) redactor.remember(authorization);
    for (String a : apis) path("--api", a);
    ProbeConfig.Tokens tokens = new ProbeConfig.Tokens(apis, verifier.issuer(), verifier.audience(),
        verifier.jwksUrl(), verifier.oidcIssuer(), verifier.leeway(), tokenPath());
    ProbeConfig.OAuthStart oauth = null;
    if (oauthStart != null) {
      path("--oauth-start", oauthStart);
      if (expectRedirectUri != null) Args.url("--expect-redirect-uri", expectRedirectUri);
      String idpPassword = null;
      if (idpPasswordEnv != null) {
        idpPassword = io.env().get(idpPasswordEnv);
        if (idpPassword == null) throw new UsageError("--idp-password-env " + idpPasswordEnv + ": the variable is not set");
        redactor.remember(idpPassword);
      }
      oauth = new ProbeConfig.OAuthStart(oauthStart, expectRedirectUri, idpUser, idpPassword);
    } else if (expectRedirectUri != null || idpUser != null || idpPasswordEnv != null) {
      throw new UsageError("--expect-redirect-uri, --idp-user and --idp-password-env need --oauth-start");
    }
    ProbeConfig config = new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, fields,
        protectedPaths, logout, method, refresh, frontend, link, directUrl, instanceUrls, authorization, false,
        http.maxTime(), 1, restartCommand, storeUrl, secondLogin, tokens, oauth);
    Progress progress = new Progress(io, quiet);
    Probe.Result r;
    // The checks, the catalog and the JSON mapper load while the probe waits on the network.
    FutureTask<Engine> engine = new FutureTask<>(() -> engine(redactor));
    Thread.ofVirtual().name("authdoctor engine").start(engine);
    try (HttpCollector collector = new HttpCollector(options)) {
      r = Probe.run(config, collector, redactor, Clock.systemUTC(), progress::show);
    } finally {
      progress.clear();
    }
    if (r.unreachable() != null) throw new Unreachable(redactor.scrub(base + " is unreachable: " + r.unreachable()));
    Observations obs = new Observations(r.observations());
    List<Problem> problems = new ArrayList<>(r.problems());
    Report report = get(engine).report("probe", redactor.url(base.toString()), obs, StackDetector.detect(obs), problems, r.steps());
    int code = output.emit(report, redactor, io);
    if (code == ExitCode.INCOMPLETE.code) {
      // The report says it too; stderr gets the one line a script or a human sees first.
      io.err().println("authdoctor: incomplete: " + redactor.scrub(report.problems().get(0).message()));
      io.err().flush();
    }
    return code;
  }

  private Engine engine(Redactor redactor) {
    Engine engine = new Engine(Checks.ALL, Catalog.bundled(), Clock.systemUTC(), redactor);
    if (output.format() == Format.JSON) JsonReporter.Mappers.json();
    return engine;
  }

  /** The prepared engine; a failure to build it surfaces as it would have on this thread. */
  private static Engine get(FutureTask<Engine> engine) {
    try {
      return engine.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing the checks", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  /** {@code json:$.a.b} → [a, b]. */
  private List<String> tokenPath() {
    if (tokenPath == null) return List.of();
    String p = tokenPath.strip();
    if (!p.startsWith("json:")) throw new UsageError("--token-path '" + tokenPath + "': use json:$.NAME or json:$.A.B");
    p = p.substring(5);
    if (p.startsWith("$")) p = p.substring(1);
    if (p.startsWith(".")) p = p.substring(1);
    List<String> keys = List.of(p.split("\\.", -1));
    if (p.isEmpty() || keys.stream().anyMatch(String::isEmpty)) {
      throw new UsageError("--token-path '" + tokenPath + "': use json:$.NAME or json:$.A.B");
    }
    return keys;
  }

  private static void path(String flag, String value) {
    String v = value.strip();
    if (v.startsWith("http://") || v.startsWith("https://")) Args.url(flag, v);
    else if (v.isEmpty() || v.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) throw new UsageError(flag + " '" + value + "': not a path");
  }

  private @Nullable String password() {
    int given = (passwordEnv != null ? 1 : 0) + (passwordFile != null ? 1 : 0) + (passwordStdin ? 1 : 0);
    if (given > 1) throw new UsageError("give the password one way: --password-env, --password-file or --password-stdin");
    if (passwordEnv != null) {
      String v = io.env().get(passwordEnv);
      if (v == null) throw new UsageError("--password-env " + passwordEnv + ": the variable is not set");
      return v;
    }
    if (passwordFile != null) {
      try {
        return firstLine(Files.readString(passwordFile, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UsageError("--password-file " + passwordFile + ": cannot read it (" + e.getClass().getSimpleName() + ")");
      }
    }
    if (passwordStdin) {
      try {
        return firstLine(new String(io.in().readNBytes(64 * 1024), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UsageError("--password-stdin: cannot read standard input");
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String l = nl < 0 ? s : s.substring(0, nl);
    return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
  }
}
