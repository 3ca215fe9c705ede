package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the probe should do: the deployment's public base URL and the flow's paths, the credentials,
 * and the optional comparisons (direct app port, backend instances, frontend origin).
 *
 * <p>Every path may be a path on the base URL ({@code /login}) or an absolute URL on another host of
 * the same deployment.
 *
 * @param base the public base URL
 * @param login the login path; null: find the login form on the base URL, then on {@code /login}
 * @param loginJson a JSON body template with {@code {user}} and {@code {password}}; null: post the form
 * @param user the user name; null: no login (only what an anonymous browser sees)
 * @param password the password (a secret: remember it in the redactor)
 * @param userField the form field for the user name; null: the form's own
 * @param passwordField the form field for the password; null: the form's own
 * @param formFields extra form fields ({@code --form-field NAME=VALUE}), in order
 * @param protectedPaths protected routes; empty: where the login lands
 * @param logout the logout path; null: no logout step
 * @param logoutMethod {@code GET} or {@code POST}
 * @param refresh how many concurrent reloads of the protected route
 * @param frontendOrigin an origin of a separate frontend calling the app with credentials (CORS); null
 * @param linkFrom a page on another site that links to the protected route (a cross-site top-level
 *     navigation, as from a portal or an e-mail); null
 * @param direct the app's own URL, bypassing the proxy; null
 * @param instances each backend instance's own URL
 * @param authorization the user's {@code Authorization} header value ({@code -H}), null when none
 * @param onlyResolvedHosts true: request only hosts pinned by {@code --resolve} or loopback literals
 *     (the demo and tests: nothing leaves 127.0.0.1, not even a DNS query)
 * @param runTime bound on the whole run ({@code --max-time} of the command)
 * @param firstStep the number of the first trace step (to combine several runs in one report)
 * @param restartCommand a shell command that restarts the app as a deploy does ({@code --restart-command}),
 *     run after the protected route answered signed in; the session is then replayed; null: no restart
 * @param store the session store the app is configured with ({@code --store redis://…}), pinged, and where a
 *     refused session is looked up; null: none
 * @param secondLogin the login page of another app on the same host ({@code --second-login}), signed in to
 *     with the same credentials at the end of the run; then the first app's route is requested again; null
 * @param tokens how to judge a bearer token the login returns (or {@code -H Authorization: Bearer})
 * @param oauth an OAuth login to start and follow through the provider; null: none
 * @param credentials the {@code credentials} mode of the frontend's fetches ({@code --credentials}); null:
 *     inferred from the flow ({@code 'omit'} for a token flow, {@code 'include'} for a cookie session)
 * @param csrf where the login's CSRF token goes back ({@code --csrf-field}, {@code --csrf-header})
 */
public record ProbeConfig(
    URI base,
    @Nullable String login,
    @Nullable String loginJson,
    @Nullable String user,
    @Nullable String password,
    @Nullable String userField,
    @Nullable String passwordField,
    List<Map.Entry<String, String>> formFields,
    List<String> protectedPaths,
    @Nullable String logout,
    String logoutMethod,
    int refresh,
    @Nullable String frontendOrigin,
    @Nullable String linkFrom,
    @Nullable URI direct,
    List<URI> instances,
    @Nullable String authorization,
    boolean onlyResolvedHosts,
    Duration runTime,
    int firstStep,
    @Nullable String restartCommand,
    @Nullable Store store,
    @Nullable String secondLogin,
    Tokens tokens,
    @Nullable OAuthStart oauth,
    @Nullable FetchCredentials credentials,
    CsrfHint csrf) {
  public ProbeConfig {
    requireNonNull(base);
    formFields = List.copyOf(formFields);
    protectedPaths = List.copyOf(protectedPaths);
    requireNonNull(logoutMethod);
    instances = List.copyOf(instances);
    requireNonNull(runTime);
    requireNonNull(tokens);
    requireNonNull(csrf);
    if (refresh < 0 || refresh > 100) throw new IllegalArgumentException("--refresh must be between 0 and 100");
  }

  /** A config for {@code base} with defaults: no login, refresh 5, POST logout, two minutes. */
  public static ProbeConfig of(URI base) {
    return new ProbeConfig(base, null, null, null, null, null, null, List.of(), List.of(), null, "POST", 5,
        null, null, null, List.of(), null, false, Duration.ofMinutes(2), 1, null, null, null, Tokens.NONE, null, null, CsrfHint.NONE);
  }

  public ProbeConfig withLogin(@Nullable String loginPath, @Nullable String user, @Nullable String password) {
    return new ProbeConfig(base, loginPath, loginJson, user, password, userField, passwordField, formFields,
        protectedPaths, logout, logoutMethod, refresh, frontendOrigin, linkFrom, direct, instances, authorization,
        onlyResolvedHosts, runTime, firstStep, restartCommand, store, secondLogin, tokens, oauth, credentials, csrf);
  }

  public ProbeConfig withProtected(List<String> paths, @Nullable String logoutPath) {
    return new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, formFields,
        paths, logoutPath, logoutMethod, refresh, frontendOrigin, linkFrom, direct, instances, authorization,
        onlyResolvedHosts, runTime, firstStep, restartCommand, store, secondLogin, tokens, oauth, credentials, csrf);
  }

  public ProbeConfig withTopology(@Nullable URI directUrl, List<URI> instanceUrls, @Nullable String frontend) {
    return new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, formFields,
        protectedPaths, logout, logoutMethod, refresh, frontend, linkFrom, directUrl, instanceUrls, authorization,
        onlyResolvedHosts, runTime, firstStep, restartCommand, store, secondLogin, tokens, oauth, credentials, csrf);
  }

  public ProbeConfig withOnlyResolvedHosts(boolean v) {
    return new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, formFields,
        protectedPaths, logout, logoutMethod, refresh, frontendOrigin, linkFrom, direct, instances, authorization, v,
        runTime, firstStep, restartCommand, store, secondLogin, tokens, oauth, credentials, csrf);
  }

  public ProbeConfig withRefresh(int n) {
    return new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, formFields,
        protectedPaths, logout, logoutMethod, n, frontendOrigin, linkFrom, direct, instances, authorization,
        onlyResolvedHosts, runTime, firstStep, restartCommand, store, secondLogin, tokens, oauth, credentials, csrf);
  }

  public ProbeConfig withRestartCommand(@Nullable String command) {
    return new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, formFields,
        protectedPaths, logout, logoutMethod, refresh, frontendOrigin, linkFrom, direct, instances, authorization,
        onlyResolvedHosts, runTime, firstStep, command, store, secondLogin, tokens, oauth, credentials, csrf);
  }

  public ProbeConfig withStore(@Nullable Store storeUrl) {
    return new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, formFields,
        protectedPaths, logout, logoutMethod, refresh, frontendOrigin, linkFrom, direct, instances, authorization,
        onlyResolvedHosts, runTime, firstStep, restartCommand, storeUrl, secondLogin, tokens, oauth, credentials, csrf);
  }

  public ProbeConfig withSecondLogin(@Nullable String path) {
    return new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, formFields,
        protectedPaths, logout, logoutMethod, refresh, frontendOrigin, linkFrom, direct, instances, authorization,
        onlyResolvedHosts, runTime, firstStep, restartCommand, store, path, tokens, oauth, credentials, csrf);
  }

  public ProbeConfig withTokens(Tokens t, @Nullable OAuthStart o) {
    return new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, formFields,
        protectedPaths, logout, logoutMethod, refresh, frontendOrigin, linkFrom, direct, instances, authorization,
        onlyResolvedHosts, runTime, firstStep, restartCommand, store, secondLogin, t, o, credentials, csrf);
  }

  /** The frontend's fetches with {@code credentials} given explicitly ({@code --credentials}). */
  public ProbeConfig withCredentials(@Nullable FetchCredentials c) {
    return new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, formFields,
        protectedPaths, logout, logoutMethod, refresh, frontendOrigin, linkFrom, direct, instances, authorization,
        onlyResolvedHosts, runTime, firstStep, restartCommand, store, secondLogin, tokens, oauth, c, csrf);
  }

  /**
   * A {@code fetch()}'s credentials mode (Fetch §2.2.5 "credentials mode"): {@code 'include'} sends the
   * browser's cookies cross-origin and stores the cookies of the answer; {@code 'omit'} does neither.
   */
  public enum FetchCredentials {
    INCLUDE,
    OMIT
  }

  /**
   * Bearer APIs and what their verifier is told to expect (the flags of {@code authdoctor jwt}).
   *
   * @param apis API URLs or paths to call with {@code Authorization: Bearer} (empty: the protected routes)
   * @param issuer the issuer the APIs expect, or null (then the discovery document's)
   * @param audience the audience the APIs expect, or null
   * @param jwksUrl the APIs' JWKS URL, or null (then the discovery document's)
   * @param oidcIssuer the issuer whose discovery document to read, or null (then the token's {@code iss})
   * @param leeway the clock skew the APIs allow
   * @param tokenPath where the login's JSON answer holds the token ({@code --token-path json:$.a.b}: the
   *     member names in order); empty: the usual names ({@code access_token}, {@code token}, …)
   */
  public record Tokens(
      List<String> apis, @Nullable String issuer, @Nullable String audience, @Nullable URI jwksUrl,
      @Nullable URI oidcIssuer, Duration leeway, List<String> tokenPath, @Nullable String userClaim,
      boolean expOptional) {
    public static final Tokens NONE = new Tokens(List.of(), null, null, null, null, Duration.ofSeconds(60), List.of());

    public Tokens {
      apis = List.copyOf(apis);
      requireNonNull(leeway);
      tokenPath = List.copyOf(tokenPath);
    }

    /** A verifier that requires {@code exp} and names no user claim. */
    public Tokens(List<String> apis, @Nullable String issuer, @Nullable String audience, @Nullable URI jwksUrl,
        @Nullable URI oidcIssuer, Duration leeway, List<String> tokenPath) {
      this(apis, issuer, audience, jwksUrl, oidcIssuer, leeway, tokenPath, null, false);
    }
  }

  /**
   * The session store the app is configured with.
   *
   * @param url {@code redis://HOST:PORT[/DB]}, without a password
   * @param keyPrefix the app's key prefix, the key up to the session id ({@code --store-prefix}, e.g.
   *     {@code myapp:sess:}); null: each session library's default ({@code sess:}, {@code session:}, …)
   * @param password the store's password ({@code --store-password-env}/{@code -file}), sent with {@code AUTH}
   *     before anything else; null: none (a store that wants one answers {@code NOAUTH}, and is not read)
   */
  public record Store(URI url, @Nullable String keyPrefix, @Nullable String password) {
    public Store {
      requireNonNull(url);
    }

    /** A store read without a password. */
    public Store(URI url, @Nullable String keyPrefix) {
      this(url, keyPrefix, null);
    }

    /** Never the password. */
    @Override
    public String toString() {
      return "Store[" + url + (keyPrefix == null ? "" : ", prefix " + keyPrefix) + (password == null ? "" : ", with a password") + "]";
    }
  }

  /**
   * An OAuth / OIDC login to start: the app's path that redirects to the provider, the redirect_uri
   * registered for the app, and the provider's test user (its login form is filled in when it has one).
   */
  public record OAuthStart(
      String start, @Nullable String expectRedirectUri, @Nullable String idpUser, @Nullable String idpPassword) {
    public OAuthStart {
      requireNonNull(start);
    }
  }

  /**
   * The user's names for the login's CSRF token: the form field ({@code --csrf-field}) and the header ({@code
   * --csrf-header}) it goes back in; null: as the page and its framework suggest.
   */
  public record CsrfHint(@Nullable String field, @Nullable String header) {
    public static final CsrfHint NONE = new CsrfHint(null, null);
  }

  public ProbeConfig withCsrf(CsrfHint hint) {
    return new ProbeConfig(base, login, loginJson, user, password, userField, passwordField, formFields,
        protectedPaths, logout, logoutMethod, refresh, frontendOrigin, linkFrom, direct, instances, authorization,
        onlyResolvedHosts, runTime, firstStep, restartCommand, store, secondLogin, tokens, oauth, credentials, hint);
  }
}
