package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What scheme and host the application used when answering one request, sent through the public URL or
 * directly to the app ({@code --direct}) with or without forwarded headers. Comparing the three tells
 * "the proxy does not send the header" from "the app does not trust it".
 *
 * @param step the trace step of the request
 * @param request what was sent, the same text for the trials of one request ("POST /login")
 * @param via public, direct, direct with the forwarded headers a correct proxy would add, or public with
 *     the client's own {@code X-Forwarded-Proto}
 * @param url the URL requested
 * @param publicUrl the public URL the request stands for
 * @param sent the forwarding headers sent ({@code Host}, {@code X-Forwarded-Proto},
 *     {@code X-Forwarded-Host}); empty for the public trial (the proxy adds its own)
 * @param appUrl the first absolute URL of the public site (or an internal host) the app generated — in
 *     {@code Location}, a {@code redirect_uri} parameter or the body — null when it generated none
 * @param appUrlSource where {@code appUrl} was seen ("Location", "body", "redirect_uri")
 * @param secureCookies names of the {@code Secure} cookies the response set
 * @param status response status, 0 when none
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record ForwardingTrial(
    int step,
    String request,
    Via via,
    URI url,
    URI publicUrl,
    Map<String, String> sent,
    @Nullable URI appUrl,
    @Nullable String appUrlSource,
    List<String> secureCookies,
    int status,
    Location location)
    implements Observation {
  /** How the request reached the app. */
  public enum Via {
    PUBLIC,
    DIRECT,
    DIRECT_FORWARDED,
    /**
     * Through the public URL with the client itself claiming {@code X-Forwarded-Proto} of the public
     * scheme: the app still answering as http means a proxy on the way replaced the header with its own
     * (wrong) value; answering as https means no proxy sets it (the client's passes through).
     */
    PUBLIC_CLAIMED
  }

  /**
   * The trace steps of the probe's own trials that a browser never makes: the app asked directly, with or
   * without forwarded headers the probe wrote, through the proxy with a claimed scheme, or one backend
   * instance asked directly with the session replayed ({@code --instance}). What the app answers there (an
   * {@code http://127.0.0.1} redirect_uri, an internal Location) is evidence for the checks about forwarding
   * and instances only; a check judging what the user's browser meets skips these steps.
   */
  public static Set<Integer> offPathSteps(Observations observations) {
    Set<Integer> steps = new HashSet<>();
    for (ForwardingTrial t : observations.of(ForwardingTrial.class)) if (t.via() != Via.PUBLIC) steps.add(t.step());
    for (SessionCheck c : observations.of(SessionCheck.class)) if (!"public".equals(c.via())) steps.add(c.step());
    return steps;
  }

  public ForwardingTrial {
    requireNonNull(location);
    requireNonNull(request);
    requireNonNull(via);
    requireNonNull(url);
    requireNonNull(publicUrl);
    sent = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sent));
    secureCookies = List.copyOf(secureCookies);
  }

  /** Seen at its trace step. */
  public ForwardingTrial(
      int step,
      String request,
      Via via,
      URI url,
      URI publicUrl,
      Map<String, String> sent,
      @Nullable URI appUrl,
      @Nullable String appUrlSource,
      List<String> secureCookies,
      int status) {
    this(step, request, via, url, publicUrl, sent, appUrl, appUrlSource, secureCookies, status,
        new Location.ExchangeRef(step));
  }
}
