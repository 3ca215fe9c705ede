package authdoctor.cli;

import authdoctor.Redactor;
import authdoctor.collect.browser.Chromium;
import authdoctor.collect.probe.LoginBrowser;
import authdoctor.collect.probe.ProbeConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The flags that describe the flow to run — login, protected routes, logout, refresh, CORS origins,
 * instances, tokens, OAuth — shared by {@code probe} and {@code diff}. {@link #prepare} validates them
 * and reads the password once; {@link #config} then builds the probe's config for one target.
 */
public final class ProbeOptions {
  @Option(names = "--login", paramLabel = "PATH", description = "Login page/endpoint (default: the form on URL or /login); an endpoint without a page (404/405 to GET) takes the password only with --login-json, --user-field, --password-field or --form-field.")
  @Nullable String login;

  @Option(names = "--login-json", paramLabel = "TEMPLATE", description = "POST JSON instead of the form, e.g. '{\"email\":\"{user}\",\"password\":\"{password}\"}'; with --login, that URL is an API endpoint: no login page is loaded.")
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

  @Option(names = "--user-field", paramLabel = "NAME", description = "Form field for the user name (default: the form's own); with --browser, a CSS selector or a field name.")
  @Nullable String userField;

  @Option(names = "--password-field", paramLabel = "NAME", description = "Form field for the password (default: the form's own); with --browser, a CSS selector or a field name.")
  @Nullable String passwordField;

  @Option(names = "--browser", paramLabel = "BROWSER", description = "Log in with real headless Chromium ('chromium'; Debian's package) when a script draws or completes the login: it types the credentials and submits; what it did is traced and its session is used for every later step.")
  @Nullable String browser;

  @Option(names = "--csrf-field", paramLabel = "NAME",
      description = "Form field the login's CSRF token goes back in (default: the page's hidden input, or the name its script uses).")
  @Nullable String csrfField;

  @Option(names = "--csrf-header", paramLabel = "NAME",
      description = "Header the login's CSRF token goes back in (default: the framework's, X-CSRF-Token for a token kept by a script).")
  @Nullable String csrfHeader;

  @Option(names = "--form-field", paramLabel = "NAME=VALUE", description = "An extra login form field (repeatable).")
  List<String> formFields = new ArrayList<>();

  @Option(names = "--protected", paramLabel = "PATH", description = "A route that needs the session (repeatable; default: where the login lands, or the --api URLs of a token flow).")
  List<String> protectedPaths = new ArrayList<>();

  @Option(names = "--logout", paramLabel = "PATH", description = "The logout route (omitted: no logout step).")
  @Nullable String logout;

  @Option(names = "--logout-method", paramLabel = "METHOD", description = "GET or POST (default: ${DEFAULT-VALUE}).", defaultValue = "POST")
  String logoutMethod = "POST";

  @Option(names = "--refresh", paramLabel = "N", description = "Reload the protected route N times concurrently (default: ${DEFAULT-VALUE}).", defaultValue = "5")
  int refresh = 5;

  @Option(names = "--frontend-origin", paramLabel = "ORIGIN", description = "Origin of a separate frontend: its JSON login and API calls are sent as fetches from it, preflight first (CORS checks).")
  @Nullable String frontendOrigin;

  @Option(names = "--credentials", paramLabel = "include|omit", description = "The credentials mode of the frontend's fetches (with --frontend-origin): include sends and keeps cookies cross-origin and needs Access-Control-Allow-Credentials: true; omit sends none (default: omit for a token flow — --api or a login that answers a token — else include).")
  @Nullable String credentials;

  @Option(names = "--link-from", paramLabel = "ORIGIN", description = "A page on another site that links to the protected route (a cross-site navigation: SameSite).")
  @Nullable String linkFrom;

  @Option(names = "--direct", paramLabel = "URL", description = "The app's own URL, bypassing the proxy (tells proxy from app faults).")
  @Nullable String direct;

  @Option(names = "--instance", paramLabel = "URL", description = "One backend instance's own URL (repeatable): the session is replayed to each.")
  List<String> instances = new ArrayList<>();

  @Option(names = "--restart-command", paramLabel = "CMD", description = "A shell command that restarts the app as a deploy does (returning once it is up again); run after login, then the session is replayed: refused → session.lost-on-restart.")
  @Nullable String restartCommand;

  @Option(names = "--store", paramLabel = "URL", description = "The session store the app uses (redis://HOST:PORT[/DB], no password; behind Redis Sentinel: redis-sentinel://HOST:PORT[,HOST:PORT][/DB]#MASTER or redis+sentinel://HOST:PORT[,HOST:PORT]/MASTER[/DB]): pinged; no answer → session.store-unreachable; PONG → inspected as `authdoctor store` does (eviction, persistence, TTLs of a SCAN sample of session keys). A session an instance refused is then looked up in it by key (EXISTS; the key is shown only as a fingerprint): a signed id (express-session s:…) found there → the store is shared and the refusal is the secret (session.secret-mismatch); not there → session.store-not-shared.")
  @Nullable String store;

  @Option(names = "--store-prefix", paramLabel = "PREFIX", description = "The app's session key prefix in --store, the key up to the session id (connect-redis prefix, Flask-Session SESSION_KEY_PREFIX, Spring Session namespace + ':sessions:', Django KEY_PREFIX + ':1:django.contrib.sessions.cache'). Default: each library's own (sess:, session:, spring:session:sessions:, :1:django.contrib.sessions.cache).")
  @Nullable String storePrefix;

  @Option(names = "--store-password-env", paramLabel = "VAR", description = "The --store's password, from environment variable VAR (sent with AUTH; never on the command line): without it a store that wants one is only pinged.")
  @Nullable String storePasswordEnv;

  @Option(names = "--store-password-file", paramLabel = "FILE", description = "As --store-password-env, the password on the first line of FILE.")
  @Nullable Path storePasswordFile;

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


  private @Nullable String password;
  private @Nullable String storePassword;
  private @Nullable String idpPassword;
  private @Nullable LoginBrowser loginBrowser;
  private boolean prepared;

  /**
   * Validates the flags (a bad one is a {@link UsageError}) and reads the passwords, remembering them in
   * the redactor. Call once, before {@link #config}.
   */
  void prepare(Io io, Redactor redactor) {
    if (passwordOnCommandLine != null) {
      throw new UsageError("the password is never taken from the command line (shell history, ps): "
          + "use --password-env VAR, --password-file FILE or --password-stdin");
    }
    password = readPassword(io);
    if (password != null) redactor.credential(password);
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
    for (String f : formFields) {
      if (f.indexOf('=') <= 0) throw new UsageError("--form-field '" + f + "': use NAME=VALUE");
    }
    for (String p : protectedPaths) path("--protected", p);
    if (login != null) path("--login", login);
    if (logout != null) path("--logout", logout);
    if (secondLogin != null) path("--second-login", secondLogin);
    for (String a : apis) path("--api", a);
    if (direct != null) Args.url("--direct", direct);
    instances.forEach(i -> Args.url("--instance", i));
    if (frontendOrigin != null) Args.origin("--frontend-origin", frontendOrigin);
    if (linkFrom != null) Args.origin("--link-from", linkFrom);
    if (credentials != null) {
      fetchCredentials();
      if (frontendOrigin == null) throw new UsageError("--credentials needs --frontend-origin (the frontend whose fetches it describes)");
    }
    if (store != null) storeUrl();
    else if (storePrefix != null) throw new UsageError("--store-prefix needs --store");
    storePassword = storePassword(io);
    if (storePassword != null) redactor.credential(storePassword);
    tokenPath();
    if (oauthStart != null) {
      path("--oauth-start", oauthStart);
      if (expectRedirectUri != null) Args.url("--expect-redirect-uri", expectRedirectUri);
      if (idpPasswordEnv != null) {
        idpPassword = io.env().get(idpPasswordEnv);
        if (idpPassword == null) throw new UsageError("--idp-password-env " + idpPasswordEnv + ": the variable is not set");
        redactor.credential(idpPassword);
      }
    } else if (expectRedirectUri != null || idpUser != null || idpPasswordEnv != null) {
      throw new UsageError("--expect-redirect-uri, --idp-user and --idp-password-env need --oauth-start");
    }
    if (browser != null) loginBrowser = loginBrowser(io);
    prepared = true;
  }

  /** {@code --browser chromium}: the installed Chromium; not installed → how to install it (exit 2). */
  private LoginBrowser loginBrowser(Io io) {
    if (!"chromium".equalsIgnoreCase(String.valueOf(browser).strip())) {
      throw new UsageError("--browser '" + browser + "': only chromium is supported");
    }
    if (user == null) throw new UsageError("--browser chromium performs the login: give --user and a password");
    if (oauthStart != null || loginJson != null) {
      throw new UsageError("--browser chromium signs in on the login page; it does not drive --oauth-start or --login-json yet");
    }
    return new LoginBrowser(Chromium.locate(io.env()).orElseThrow(() -> new UsageError(Chromium.notInstalledMessage())));
  }

  /** The browser that logs in ({@code --browser}), or null. */
  @Nullable LoginBrowser browser() {
    return loginBrowser;
  }

  /** The flags given that name a part of one deployment (its app port, instances, store, restart). */
  List<String> perTargetFlags() {
    List<String> given = new ArrayList<>();
    if (direct != null) given.add("--direct");
    if (!instances.isEmpty()) given.add("--instance");
    if (restartCommand != null) given.add("--restart-command");
    if (store != null) given.add("--store");
    if (storePrefix != null) given.add("--store-prefix");
    return given;
  }

  /** The user given with {@code --user}, or null. */
  @Nullable String user() {
    return user;
  }

  /**
   * The probe's config for the target {@code base}; {@code rebase} maps each path or URL flag to this
   * target (identity for {@code probe}; {@code diff} moves URLs on the other target's origin to this one).
   */
  ProbeConfig config(URI base, @Nullable String authorization, VerifierMixin verifier, java.time.Duration runTime,
      UnaryOperator<String> rebase) {
    if (!prepared) throw new IllegalStateException("prepare() first");
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    for (String f : formFields) {
      int eq = f.indexOf('=');
      fields.add(Map.entry(f.substring(0, eq), f.substring(eq + 1)));
    }
    ProbeConfig.Tokens tokens = new ProbeConfig.Tokens(apis.stream().map(rebase).toList(), verifier.issuer(),
        verifier.audience(), verifier.jwksUrl(), verifier.oidcIssuer(), verifier.leeway(), tokenPath(),
        verifier.userClaim(), verifier.allowNoExp());
    ProbeConfig.OAuthStart oauth = oauthStart == null ? null : new ProbeConfig.OAuthStart(rebase.apply(oauthStart),
        expectRedirectUri == null ? null : rebase.apply(expectRedirectUri), idpUser, idpPassword);
    return new ProbeConfig(base, map(login, rebase), loginJson, user, password, userField, passwordField, fields,
        protectedPaths.stream().map(rebase).toList(), map(logout, rebase), logoutMethod.toUpperCase(Locale.ROOT),
        refresh, frontendOrigin == null ? null : Args.origin("--frontend-origin", frontendOrigin),
        linkFrom == null ? null : Args.origin("--link-from", linkFrom),
        direct == null ? null : Args.url("--direct", direct),
        instances(), authorization, false, runTime, 1,
        restartCommand, store == null ? null : new ProbeConfig.Store(storeUrl(), storePrefix, storePassword), map(secondLogin, rebase),
        tokens, oauth, fetchCredentials(), new ProbeConfig.CsrfHint(csrfField, csrfHeader));
  }

  /** {@code --credentials include|omit}, or null when not given (the probe infers it). */
  private ProbeConfig.@Nullable FetchCredentials fetchCredentials() {
    if (credentials == null) return null;
    return switch (credentials.strip().toLowerCase(Locale.ROOT)) {
      case "include" -> ProbeConfig.FetchCredentials.INCLUDE;
      case "omit" -> ProbeConfig.FetchCredentials.OMIT;
      default -> throw new UsageError("--credentials '" + credentials + "': use include or omit");
    };
  }

  /** The {@code --instance} URLs, each once (a URL given twice is replayed once), in the order given. */
  private List<URI> instances() {
    return instances.stream().map(i -> Args.url("--instance", i).normalize()).distinct().toList();
  }

  private static @Nullable String map(@Nullable String path, UnaryOperator<String> rebase) {
    return path == null ? null : rebase.apply(path);
  }

  private URI storeUrl() {
    if (authdoctor.collect.redis.Sentinel.is(String.valueOf(store))) {
      StoreCommand.sentinel("--store", String.valueOf(store));
      try {
        return new URI(String.valueOf(store).strip());
      } catch (java.net.URISyntaxException e) {
        throw new UsageError("--store: not a URL");
      }
    }
    URI storeUrl;
    try {
      storeUrl = new URI(String.valueOf(store));
    } catch (java.net.URISyntaxException e) {
      throw new UsageError("--store: not a URL");
    }
    if (!"redis".equalsIgnoreCase(storeUrl.getScheme()) || storeUrl.getHost() == null) {
      throw new UsageError("--store '" + Args.withoutUserInfo(String.valueOf(store))
          + "': use redis://HOST:PORT[/DB] (no password: a store that wants one still answers)");
    }
    if (storeUrl.getRawUserInfo() != null) {
      throw new UsageError("--store: no password on the command line (shell history, ps): give the URL without "
          + "it and give the password with --store-password-env VAR or --store-password-file FILE");
    }
    return storeUrl;
  }

  /** The store's password ({@code --store-password-env}/{@code -file}), or null. */
  private @Nullable String storePassword(Io io) {
    if (storePasswordEnv == null && storePasswordFile == null) return null;
    if (store == null) throw new UsageError("--store-password-env/--store-password-file need --store");
    if (storePasswordEnv != null && storePasswordFile != null) {
      throw new UsageError("give the store's password one way: --store-password-env or --store-password-file");
    }
    if (storePasswordEnv != null) {
      String v = io.env().get(storePasswordEnv);
      if (v == null || v.isEmpty()) throw new UsageError("--store-password-env " + storePasswordEnv + ": the variable is not set");
      return v;
    }
    Path f = java.util.Objects.requireNonNull(storePasswordFile);
    String line;
    try {
      line = firstLine(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UsageError("--store-password-file " + f + ": cannot read it: " + Args.fileProblem(f, e));
    }
    if (line.isEmpty()) throw new UsageError("--store-password-file " + f + ": the first line is empty; put the password on it");
    return line;
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

  private @Nullable String readPassword(Io io) {
    int given = (passwordEnv != null ? 1 : 0) + (passwordFile != null ? 1 : 0) + (passwordStdin ? 1 : 0);
    if (given > 1) throw new UsageError("give the password one way: --password-env, --password-file or --password-stdin");
    if (passwordEnv != null) {
      String v = io.env().get(passwordEnv);
      if (v == null) throw new UsageError("--password-env " + passwordEnv + ": the variable is not set");
      if (v.isEmpty()) throw new UsageError("--password-env " + passwordEnv + ": the variable is empty");
      return v;
    }
    if (passwordFile != null) {
      String line;
      try {
        line = firstLine(Files.readString(passwordFile, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UsageError("--password-file " + passwordFile + ": cannot read it: " + Args.fileProblem(passwordFile, e));
      }
      if (line.isEmpty()) throw new UsageError("--password-file " + passwordFile + ": the first line is empty; put the password on it");
      return line;
    }
    if (passwordStdin) {
      String line;
      try {
        line = firstLine(new String(io.in().readNBytes(64 * 1024), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UsageError("--password-stdin: cannot read standard input");
      }
      if (line.isEmpty()) throw new UsageError("--password-stdin: the first line of standard input is empty");
      return line;
    }
    return null;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String l = nl < 0 ? s : s.substring(0, nl);
    return l.endsWith("\r") ? l.substring(0, l.length() - 1) : l;
  }
}
