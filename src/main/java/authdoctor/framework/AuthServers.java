package authdoctor.framework;

import java.util.List;
import java.util.regex.Pattern;

/** The login software the catalog has fixes for, as its documentation names its cookies and endpoints. */
public final class AuthServers {
  /**
   * Keycloak (server administration guide, "Configuring the hostname" and "Using a reverse proxy"): its
   * login session cookies ({@code AUTH_SESSION_ID}, {@code KC_RESTART}), its SSO cookies
   * ({@code KEYCLOAK_IDENTITY}, {@code KEYCLOAK_SESSION}) and its realms' OIDC endpoints.
   */
  public static final AuthServer KEYCLOAK = new AuthServer("keycloak", "Keycloak",
      List.of("AUTH_SESSION_ID", "AUTH_SESSION_ID_LEGACY", "KC_RESTART", "KC_AUTH_SESSION_HASH", "KEYCLOAK_IDENTITY",
          "KEYCLOAK_IDENTITY_LEGACY", "KEYCLOAK_SESSION", "KEYCLOAK_SESSION_LEGACY"),
      List.of(), List.of(), Pattern.compile("/realms/[^/]+/(protocol/openid-connect|login-actions)/"));

  /**
   * Apache httpd, with or without mod_auth_openidc: its {@code Server} header, and the module's session and
   * state cookies ({@code OIDCCookie}'s default {@code mod_auth_openidc_session},
   * {@code mod_auth_openidc_state_…}).
   */
  public static final AuthServer APACHE = new AuthServer("apache", "Apache httpd",
      List.of("mod_auth_openidc_session"), List.of("mod_auth_openidc_state_"), List.of("apache"),
      Pattern.compile("(?!)"));

  /** Every one, in the catalog's order. */
  public static final List<AuthServer> ALL = List.of(APACHE, KEYCLOAK);

  private AuthServers() {}
}
