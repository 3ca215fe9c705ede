package authdoctor.cookie;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A browser cookie jar that behaves as Chromium's {@code CookieMonster}: receives {@code Set-Cookie}
 * lines ({@code CanonicalCookie::Create}, {@code IsSetPermittedInContext}, {@code SetCanonicalCookie} in
 * that order; cookie-rules §4.1), selects the cookies of a request ({@code IncludeForRequestURL}), and
 * serves {@code document.cookie}. Every refusal names Chromium's reasons and the catalog finding.
 *
 * <p>Time comes only from the injected clock; expired cookies are dropped lazily, when the jar is next
 * read. Not thread-safe: one jar models one browser profile in one flow.
 */
public final class CookieJar {
  /** Chromium {@code kMaxCookieExpiry}: 400 days from creation (RFC 6265bis §5.5). */
  public static final Duration MAX_EXPIRY = Duration.ofDays(400);

  /** Chromium {@code CookieMonster::kDomainMaxCookies} / {@code kDomainPurgeCookies}. */
  static final int DOMAIN_MAX_COOKIES = 180;

  static final int DOMAIN_PURGE_COOKIES = 30;

  /** Chromium {@code CookieMonster::kMaxCookies} / {@code kPurgeCookies} (unpartitioned cookies). */
  static final int MAX_COOKIES = 3300;

  static final int PURGE_COOKIES = 300;

  private static final Instant EXPIRED = Instant.EPOCH;

  private final Clock clock;
  private final ThirdPartyCookies policy;
  private final Sites sites = new Sites();
  private final Map<Key, StoredCookie> cookies = new LinkedHashMap<>();
  /** Cookies per registrable domain, so the per-site limit costs O(1) per insert. */
  private final Map<String, Integer> perSite = new HashMap<>();
  private int unpartitioned;
  private Instant lastCreation = Instant.MIN;

  /** The equivalence key of RFC 6265bis §5.7 step 23 plus CHIPS: name, domain, path, partition. */
  private record Key(String name, String domain, String path, @Nullable PartitionKey partition) {}

  public CookieJar(Clock clock) {
    this(clock, ThirdPartyCookies.ALLOWED);
  }

  public CookieJar(Clock clock, ThirdPartyCookies policy) {
    this.clock = requireNonNull(clock);
    this.policy = requireNonNull(policy);
  }

  public ThirdPartyCookies policy() {
    return policy;
  }

  // ---------------------------------------------------------------- storing

  /**
   * Receives the {@code Set-Cookie} field values of one response, in order (a later line sees the
   * cookies of the earlier ones).
   *
   * @param responseUrl the URL that answered (its host and path scope the cookies)
   * @param ctx the request that this response answers
   * @param serverDate the response's {@code Date} header, used to correct {@code Expires} for clock
   *     skew as Chromium does; null when absent
   * @return one result per line, in order
   */
  public List<SetResult> receive(
      URI responseUrl, List<String> setCookieLines, RequestContext ctx, @Nullable Instant serverDate) {
    requireNonNull(responseUrl);
    requireNonNull(ctx);
    SetSite s = responseSite(responseUrl, ctx);
    List<SetResult> out = new ArrayList<>(setCookieLines.size());
    for (String line : setCookieLines) {
      out.add(set(responseUrl, requireNonNull(line), s, serverDate, true));
    }
    return out;
  }

  /** One {@code Set-Cookie} line of a response without a {@code Date} header. */
  public SetResult receive(URI responseUrl, String setCookieLine, RequestContext ctx) {
    return receive(responseUrl, List.of(setCookieLine), ctx, null).get(0);
  }

  /** {@code document.cookie = s} in a top-level document at {@code pageUrl}. */
  public SetResult setDocumentCookie(URI pageUrl, String s) {
    return setDocumentCookie(pageUrl, null, s);
  }

  /**
   * {@code document.cookie = s} in a document at {@code pageUrl} inside the top-level page {@code
   * topLevel} (null: the document is top-level). Non-HTTP API: HttpOnly cookies can be neither set nor
   * overwritten; the same-site status of the document is the set context (cookie-rules §4.6).
   */
  public SetResult setDocumentCookie(URI pageUrl, @Nullable URI topLevel, String s) {
    requireNonNull(pageUrl);
    requireNonNull(s);
    boolean sameSiteful = sites.sameSite(topLevel, pageUrl, true);
    boolean sameSiteless = sites.sameSite(topLevel, pageUrl, false);
    SetSite site =
        new SetSite(
            sameSiteful ? SameSiteContext.SAME_SITE_LAX : SameSiteContext.CROSS_SITE,
            sameSiteless ? SameSiteContext.SAME_SITE_LAX : SameSiteContext.CROSS_SITE,
            !sameSiteful,
            partitionKey(pageUrl, topLevel, !sameSiteless));
    return set(pageUrl, s, site, null, false);
  }

  /** The same-site context of a response (for setting), whether it is third-party, its partition. */
  private record SetSite(
      SameSiteContext schemeful,
      SameSiteContext schemeless,
      boolean thirdParty,
      PartitionKey partition) {}

  private SetSite responseSite(URI url, RequestContext ctx) {
    if (ctx.context() == Context.NAVIGATION) {
      // A main-frame navigation response may set any cookie (ComputeSameSiteContextForResponse).
      return new SetSite(
          SameSiteContext.SAME_SITE_STRICT,
          SameSiteContext.SAME_SITE_STRICT,
          false,
          partitionKey(url, null, false));
    }
    SameSiteContext ful = normalizeForSet(requestContextType(url, ctx, true));
    SameSiteContext less = normalizeForSet(requestContextType(url, ctx, false));
    // Cookie settings compare schemefully (SiteForCookies): an https fetch from http://www.example.com
    // to https://app.example.com is third-party, as Chromium 156 blocks it (differential test).
    boolean thirdParty = ful == SameSiteContext.CROSS_SITE;
    return new SetSite(
        ful, less, thirdParty, partitionKey(url, ctx.topLevelPage(), less == SameSiteContext.CROSS_SITE));
  }

  /** Responses are never STRICT: Strict cookies may be set where Lax ones may. */
  private static SameSiteContext normalizeForSet(SameSiteContext c) {
    return c == SameSiteContext.SAME_SITE_STRICT ? SameSiteContext.SAME_SITE_LAX : c;
  }

  private PartitionKey partitionKey(URI url, @Nullable URI topLevel, boolean crossSite) {
    return new PartitionKey(sites.site(topLevel != null ? topLevel : url), crossSite);
  }

  private SetResult set(
      URI url, String line, SetSite site, @Nullable Instant serverDate, boolean httpApi) {
    ParsedCookie pc = SetCookieParser.parse(line);
    List<ExclusionReason> ex = new ArrayList<>(pc.exclusions());
    List<WarningReason> warn = new ArrayList<>(pc.warnings());
    if (!pc.valid()) {
      return new SetResult(
          pc.name(), false, null, ex, warn, CookieRules.pickFinding(ex, false), List.of(), pc, null,
          false);
    }
    Instant now = clock.instant();
    String scheme = Sites.scheme(url);
    String host = Sites.host(url);
    boolean cryptographic = Sites.isCryptographic(scheme);
    boolean secureUrl = cryptographic || Sites.isLocalhost(host);

    // CanonicalCookie::Create: URL, domain, path, prefix, partitioned; all collected, then stop.
    if (host.isEmpty()) {
      ex.add(ExclusionReason.EXCLUDE_FAILURE_TO_STORE);
      return new SetResult(pc.name(), false, null, ex, warn, null, List.of(), pc, null, false);
    }
    String domainAttr = pc.domain() == null ? "" : pc.domain();
    String domain = cookieDomain(host, domainAttr, warn);
    boolean publicSuffixDomain = false;
    if (domain == null) {
      ex.add(ExclusionReason.EXCLUDE_INVALID_DOMAIN);
      String d = SetCookieParser.asciiLower(stripDot(domainAttr));
      publicSuffixDomain = !d.equals(host) && sites.isPublicSuffix(d);
    }
    String pathAttr = pc.path();
    String path;
    if (pathAttr != null && !pathAttr.isEmpty() && pathAttr.charAt(0) == '/') {
      // CanonPathWithString keeps the attribute as written: Chromium 156 stores Path=/café or
      // Path=/a/../b unchanged (EXCLUDE_INVALID_PATH exists in the enum but is not applied), and
      // such a path never matches a canonical (escaped, dot-free) request path.
      path = pathAttr;
    } else {
      path = CookieRules.defaultPath(url);
    }
    if (!CookieRules.prefixValid(pc, secureUrl, host)) ex.add(ExclusionReason.EXCLUDE_INVALID_PREFIX);
    if (pc.partitioned() && (!pc.secure() || !secureUrl)) {
      ex.add(ExclusionReason.EXCLUDE_INVALID_PARTITIONED);
    }
    if (pc.name().isEmpty() && pc.value().indexOf('=') >= 0) {
      // "=a=b" would be sent as "a=b" and shadow a cookie named "a". Chromium 156 refuses it
      // without telling DevTools, after the prefix check ("=__Host-x=1" reports InvalidPrefix):
      // observed in real Chromium. RFC 6265bis and WPT (2025) still store it.
      ex.add(ExclusionReason.EXCLUDE_AMBIGUOUS_SERIALIZATION);
    }
    Instant expiry = expiry(pc, now, serverDate);
    boolean expiredLine = expiry != null && !now.isBefore(expiry);
    if (!ex.isEmpty()) {
      return refused(pc, ex, warn, expiredLine, publicSuffixDomain, null, false);
    }

    PartitionKey partition = pc.partitioned() ? site.partition() : null;
    StoredCookie candidate =
        new StoredCookie(
            pc.name(), pc.value(), domain, path, pc.secure(), pc.httpOnly(), pc.sameSite(),
            pc.priority(), partition, now, now, expiry, pc.secure() || cryptographic,
            sourcePort(url, pc.secure()));

    // Cookie settings run between Create and SetCanonicalCookie (URLRequestHttpJob::CanSetCookie):
    // a blocked third-party cookie is reported with USER_PREFERENCES alone, no SameSite reasons
    // (checked in Chromium 156). Valid partitioned cookies stay allowed.
    if (policy == ThirdPartyCookies.BLOCKED && site.thirdParty() && partition == null) {
      ex.add(ExclusionReason.EXCLUDE_USER_PREFERENCES);
      return refused(pc, ex, warn, expiredLine, publicSuffixDomain, candidate, false);
    }

    // IsSetPermittedInContext.
    if (!Sites.isCookieableScheme(scheme)) ex.add(ExclusionReason.EXCLUDE_NONCOOKIEABLE_SCHEME);
    if (pc.secure()) {
      if (!secureUrl) {
        ex.add(ExclusionReason.EXCLUDE_SECURE_ONLY);
      } else if (!cryptographic) {
        // Create marks the Secure source scheme as tentative; IsSetPermittedInContext grants access.
        warn.add(WarningReason.WARN_TENTATIVELY_ALLOWING_SECURE_SOURCE_SCHEME);
        warn.add(WarningReason.WARN_SECURE_ACCESS_GRANTED_NON_CRYPTOGRAPHIC);
      }
    }
    if (!httpApi && pc.httpOnly()) ex.add(ExclusionReason.EXCLUDE_HTTP_ONLY);
    ExclusionReason ss = sameSiteSetExclusion(pc.sameSite(), site.schemeful());
    boolean schemefulOnly = false;
    if (ss != null) {
      ex.add(ss);
      schemefulOnly = sameSiteSetExclusion(pc.sameSite(), site.schemeless()) == null;
      if (pc.sameSite() == SameSite.UNSPECIFIED) {
        warn.add(WarningReason.WARN_SAMESITE_UNSPECIFIED_CROSS_SITE_CONTEXT);
      }
    }
    if (pc.sameSite() == SameSite.NONE && !pc.secure()) {
      ex.add(ExclusionReason.EXCLUDE_SAMESITE_NONE_INSECURE);
      warn.add(WarningReason.WARN_SAMESITE_NONE_INSECURE);
    }
    // CookieMonster::SetCanonicalCookie: leave secure cookies alone, never overwrite HttpOnly from
    // script (RFC 6265bis §5.7 steps 16 and 23).
    Key key = new Key(pc.name(), domain, path, partition);
    StoredCookie equivalent = cookies.get(key);
    if (!secureUrl) {
      for (StoredCookie c : cookies.values()) {
        if (c.secure() && equivalentForSecureMatching(candidate, c)) {
          ex.add(ExclusionReason.EXCLUDE_OVERWRITE_SECURE);
          break;
        }
      }
    }
    if (!httpApi && equivalent != null && equivalent.httpOnly()) {
      ex.add(ExclusionReason.EXCLUDE_OVERWRITE_HTTP_ONLY);
    }
    clearSameSiteWarnings(ex, warn);
    if (!ex.isEmpty()) {
      return refused(pc, ex, warn, expiredLine, publicSuffixDomain, candidate, schemefulOnly);
    }

    Instant creation = nextCreationTime(now);
    if (equivalent != null) {
      remove(key);
      // Chromium keeps the creation time (and so the Cookie header order) when the value is unchanged.
      if (equivalent.value().equals(pc.value())) creation = equivalent.creation();
    }
    if (expiredLine) {
      // An already-expired cookie only deletes (Chromium reports no exclusion reason).
      boolean deleted = equivalent != null;
      String finding = null;
      if (!deleted) {
        finding =
            sameNameStored(candidate)
                ? CatalogIds.LOGOUT_COOKIE_NOT_CLEARED
                : CatalogIds.EXPIRED_ON_ARRIVAL;
      }
      return new SetResult(
          pc.name(), false, deleted, List.of(), warn, finding, List.of(), pc, candidate, false);
    }
    StoredCookie stored =
        new StoredCookie(
            pc.name(), pc.value(), domain, path, pc.secure(), pc.httpOnly(), pc.sameSite(),
            pc.priority(), partition, creation, now, expiry, pc.secure() || cryptographic,
            sourcePort(url, pc.secure()));
    add(key, stored);
    garbageCollect(stored, now);
    boolean stillThere = cookies.get(key) == stored;
    // Stored, but an attribute over 1024 bytes was dropped (e.g. a long Path fell back to the
    // default path): catalog "cookie.too-large" covers attributes that were truncated away.
    String finding =
        warn.contains(WarningReason.WARN_ATTRIBUTE_VALUE_EXCEEDS_MAX_SIZE) ? CatalogIds.TOO_LARGE : null;
    return new SetResult(
        pc.name(),
        stillThere,
        null,
        List.of(),
        warn,
        finding,
        advice(pc, stored, host, cryptographic, httpApi),
        pc,
        stored,
        false);
  }

  private SetResult refused(
      ParsedCookie pc,
      List<ExclusionReason> ex,
      List<WarningReason> warn,
      boolean expiredLine,
      boolean publicSuffixDomain,
      @Nullable StoredCookie candidate,
      boolean schemefulOnly) {
    return new SetResult(
        pc.name(),
        false,
        expiredLine ? Boolean.FALSE : null,
        ex,
        warn,
        CookieRules.pickFinding(ex, publicSuffixDomain),
        List.of(),
        pc,
        candidate,
        schemefulOnly);
  }

  /**
   * Chromium {@code MaybeClearSameSiteWarning}: when a cookie is excluded for any reason other than
   * unspecified-treated-as-Lax or None-insecure, the SameSite warnings are noise and are dropped.
   */
  private static void clearSameSiteWarnings(List<ExclusionReason> ex, List<WarningReason> warn) {
    for (ExclusionReason r : ex) {
      if (r != ExclusionReason.EXCLUDE_SAMESITE_UNSPECIFIED_TREATED_AS_LAX
          && r != ExclusionReason.EXCLUDE_SAMESITE_NONE_INSECURE) {
        warn.remove(WarningReason.WARN_SAMESITE_UNSPECIFIED_CROSS_SITE_CONTEXT);
        warn.remove(WarningReason.WARN_SAMESITE_NONE_INSECURE);
        warn.remove(WarningReason.WARN_SAMESITE_UNSPECIFIED_LAX_ALLOW_UNSAFE);
        return;
      }
    }
  }

  private static @Nullable ExclusionReason sameSiteSetExclusion(
      SameSite sameSite, SameSiteContext context) {
    if (context.atLeast(SameSiteContext.SAME_SITE_LAX)) return null;
    return switch (sameSite) {
      case STRICT -> ExclusionReason.EXCLUDE_SAMESITE_STRICT;
      case LAX -> ExclusionReason.EXCLUDE_SAMESITE_LAX;
      case UNSPECIFIED -> ExclusionReason.EXCLUDE_SAMESITE_UNSPECIFIED_TREATED_AS_LAX;
      case NONE -> null;
    };
  }

  /**
   * Chromium {@code IsEquivalentForSecureCookieMatching}: same name and partition, one domain (without
   * its dot) is the other or a subdomain of it, and the new cookie's path is on the existing one's.
   */
  private static boolean equivalentForSecureMatching(StoredCookie fresh, StoredCookie secure) {
    return fresh.name().equals(secure.name())
        && Objects.equals(fresh.partitionKey(), secure.partitionKey())
        && (isSubdomainOf(fresh.domainWithoutDot(), secure.domainWithoutDot())
            || isSubdomainOf(secure.domainWithoutDot(), fresh.domainWithoutDot()))
        && CookieRules.pathMatch(secure.path(), fresh.path());
  }

  /** {@code a} equals {@code b} or ends with {@code "." + b}. */
  private static boolean isSubdomainOf(String a, String b) {
    return a.equals(b)
        || (a.length() > b.length()
            && a.endsWith(b)
            && a.charAt(a.length() - b.length() - 1) == '.');
  }

  /** Whether a cookie of this name whose domain overlaps the candidate's is in the jar. */
  private boolean sameNameStored(StoredCookie candidate) {
    for (StoredCookie c : cookies.values()) {
      if (c.name().equals(candidate.name())
          && (isSubdomainOf(c.domainWithoutDot(), candidate.domainWithoutDot())
              || isSubdomainOf(candidate.domainWithoutDot(), c.domainWithoutDot()))) {
        return true;
      }
    }
    return false;
  }

  private List<String> advice(
      ParsedCookie pc, StoredCookie c, String host, boolean https, boolean httpApi) {
    List<String> out = new ArrayList<>(4);
    if (httpApi && !pc.httpOnly()) out.add(CatalogIds.NOT_HTTPONLY);
    if (https && !pc.secure()) out.add(CatalogIds.NOT_SECURE);
    if (pc.sameSite() == SameSite.UNSPECIFIED) out.add(CatalogIds.NO_SAMESITE);
    if (!c.hostOnly() && !c.domainWithoutDot().equals(host)) out.add(CatalogIds.PARENT_DOMAIN_SCOPE);
    return out;
  }

  /**
   * Chromium {@code CanonicalCookie::ParseExpiration} + {@code ValidateAndAdjustExpiryDate}: Max-Age
   * wins over Expires (≤ 0 means already expired); Expires is shifted by the server's clock skew (now −
   * Date); both are capped at 400 days. Null = session cookie.
   */
  static @Nullable Instant expiry(ParsedCookie pc, Instant now, @Nullable Instant serverDate) {
    Instant cap = now.plus(MAX_EXPIRY);
    if (pc.maxAge() != null) {
      Long seconds = SetCookieParser.parseMaxAge(pc.maxAge());
      if (seconds != null) {
        if (seconds <= 0) return EXPIRED;
        if (seconds >= MAX_EXPIRY.getSeconds()) return cap;
        return now.plusSeconds(seconds);
      }
    }
    if (pc.expires() != null) {
      Optional<Instant> parsed = CookieDate.parse(pc.expires());
      if (parsed.isPresent()) {
        Instant t = parsed.get();
        if (serverDate != null) t = t.plus(Duration.between(serverDate, now));
        return t.isAfter(cap) ? cap : t;
      }
    }
    return null;
  }

  /**
   * Chromium {@code cookie_util::GetCookieDomainWithString}: the stored domain ({@code .example.com}
   * for a domain cookie, the host for a host-only one) or null when the Domain attribute is refused.
   */
  private @Nullable String cookieDomain(String host, String domainAttr, List<WarningReason> warn) {
    if (!Sites.isAscii(domainAttr)) warn.add(WarningReason.WARN_DOMAIN_NON_ASCII);
    if (host.endsWith("..")) return null;
    if (domainAttr.isEmpty() || (Sites.isIpAddress(host) && host.equals(domainAttr))) return host;
    if (domainAttr.indexOf('%') >= 0) return null;
    String canon = canonicalizeDomainAttribute(domainAttr);
    if (canon.isEmpty()) return null;
    if (canon.charAt(0) != '.') canon = "." + canon;
    String urlRegistrable = sites.registrableDomain(host);
    if (urlRegistrable.isEmpty()) {
      // IP addresses, intranet hosts and public suffixes: only Domain == host, as a host-only cookie.
      String normalized = SetCookieParser.asciiLower(stripDot(domainAttr));
      return host.equals(normalized) ? host : null;
    }
    // §5.7 step 9-10: Domain=co.uk from shop.co.uk has another (empty) registrable domain: refused.
    if (!urlRegistrable.equals(sites.registrableDomain(canon))) return null;
    boolean suffix =
        host.length() < canon.length()
            ? canon.equals("." + host)
            : host.endsWith(canon);
    return suffix ? canon : null;
  }

  private static String stripDot(String s) {
    return s.startsWith(".") ? s.substring(1) : s;
  }

  /** Chromium {@code CanonicalizeHost} on the Domain attribute: lowercase, A-labels, host characters. */
  private static String canonicalizeDomainAttribute(String d) {
    String c = Sites.canonicalHost(d);
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      boolean ok =
          (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '.' || ch == '_';
      if (!ok) return "";
    }
    return c;
  }

  /** Chromium {@code CookieMonster::CurrentTime}: creation times strictly increase. */
  private Instant nextCreationTime(Instant now) {
    Instant t = now.isAfter(lastCreation) ? now : lastCreation.plusNanos(1000);
    lastCreation = t;
    return t;
  }

  /**
   * Chromium {@code GetAndAdjustPortForTrustworthyUrls}: a Secure cookie set over http(s)://…:80 of a
   * trustworthy host is recorded as if it came from port 443.
   */
  private static int sourcePort(URI url, boolean secureAttribute) {
    int p = port(url);
    String scheme = Sites.scheme(url);
    if (secureAttribute && p == 80 && (scheme.equals("http") || scheme.equals("ws"))) return 443;
    return p;
  }

  private static int port(URI url) {
    if (url.getPort() >= 0) return url.getPort();
    return switch (Sites.scheme(url)) {
      case "https", "wss" -> 443;
      case "http", "ws" -> 80;
      default -> -1;
    };
  }

  /** Chromium {@code kDomainCookiesQuota{Low,Medium,High}}: cookies of a priority kept per site. */
  static final int QUOTA_LOW = 30;

  static final int QUOTA_MEDIUM = 50;
  static final int QUOTA_HIGH = 70;

  /** Chromium {@code kSafeFromGlobalPurgeDays}: recently used cookies survive the global purge. */
  static final Duration SAFE_FROM_GLOBAL_PURGE = Duration.ofDays(30);

  /** Chromium {@code kPerPartitionDomainMaxCookies} / {@code kPerPartitionDomainMaxCookieBytes}. */
  static final int PARTITION_DOMAIN_MAX_COOKIES = 180;

  static final int PARTITION_DOMAIN_MAX_BYTES = 10 * 1024;

  /** The purge rounds of {@code CookieMonster::GarbageCollect}: (priority, protect secure cookies). */
  private static final List<Map.Entry<CookiePriority, Boolean>> PURGE_ROUNDS =
      List.of(
          Map.entry(CookiePriority.LOW, true),
          Map.entry(CookiePriority.LOW, false),
          Map.entry(CookiePriority.MEDIUM, true),
          Map.entry(CookiePriority.HIGH, true),
          Map.entry(CookiePriority.MEDIUM, false),
          Map.entry(CookiePriority.HIGH, false));

  /**
   * {@code CookieMonster::GarbageCollect} after an insert. Per registrable domain, over 180 cookies:
   * expired ones go, then least recently used ones down to 150 in six rounds (low-priority
   * non-secure first, high-priority secure last, each priority keeping its quota). Over 3300 cookies
   * in all: least recently used ones down to 3000, non-secure first, but only those unused for 30
   * days. Partitioned cookies: per partition and domain at most 180 cookies and 10 KiB.
   */
  private void garbageCollect(StoredCookie added, Instant now) {
    if (added.partitioned()) {
      garbageCollectPartition(added, now);
      return;
    }
    String site = siteOf(added);
    if (perSite.getOrDefault(site, 0) > DOMAIN_MAX_COOKIES) {
      List<StoredCookie> live = new ArrayList<>();
      List<StoredCookie> expired = new ArrayList<>();
      for (StoredCookie c : cookies.values()) {
        if (c.partitioned() || !siteOf(c).equals(site)) continue;
        (c.expiredAt(now) ? expired : live).add(c);
      }
      expired.forEach(c -> remove(keyOf(c)));
      if (live.size() > DOMAIN_MAX_COOKIES) {
        int goal = live.size() - (DOMAIN_MAX_COOKIES - DOMAIN_PURGE_COOKIES);
        live.sort(LEAST_RECENTLY_ACCESSED);
        for (Map.Entry<CookiePriority, Boolean> round : PURGE_ROUNDS) {
          if (goal <= 0) break;
          goal -= purgeLeastRecentMatches(live, round.getKey(), quota(round.getKey()), goal, round.getValue());
        }
      }
    }
    if (unpartitioned > MAX_COOKIES) {
      Instant safeDate = now.minus(SAFE_FROM_GLOBAL_PURGE);
      List<StoredCookie> secure = new ArrayList<>();
      List<StoredCookie> nonSecure = new ArrayList<>();
      for (StoredCookie c : List.copyOf(cookies.values())) {
        if (c.partitioned()) continue;
        if (c.expiredAt(now)) remove(keyOf(c));
        else (c.secure() ? secure : nonSecure).add(c);
      }
      int live = secure.size() + nonSecure.size();
      if (live > MAX_COOKIES) {
        int goal = live - (MAX_COOKIES - PURGE_COOKIES);
        int deleted = deleteLeastRecentlyAccessed(nonSecure, Math.min(goal, nonSecure.size()), safeDate);
        if (deleted < goal) {
          deleteLeastRecentlyAccessed(secure, Math.min(goal - deleted, secure.size()), safeDate);
        }
      }
    }
  }

  private static int quota(CookiePriority p) {
    return switch (p) {
      case LOW -> QUOTA_LOW;
      case MEDIUM -> QUOTA_MEDIUM;
      case HIGH -> QUOTA_HIGH;
    };
  }

  private static final Comparator<StoredCookie> LEAST_RECENTLY_ACCESSED =
      Comparator.comparing(StoredCookie::lastAccess).thenComparing(StoredCookie::creation);

  /** {@code CookieMonster::PurgeLeastRecentMatches}: {@code cookies} is sorted, least recent first. */
  private int purgeLeastRecentMatches(
      List<StoredCookie> cookies, CookiePriority priority, int toProtect, int goal, boolean protectSecure) {
    int atPriority = 0;
    int secureAtPriority = 0;
    for (StoredCookie c : cookies) {
      if (c.priority() == priority) {
        atPriority++;
        if (c.secure()) secureAtPriority++;
      }
    }
    if (atPriority <= toProtect) return 0;
    int deletable = atPriority - (protectSecure ? Math.max(secureAtPriority, toProtect) : toProtect);
    int removed = 0;
    for (java.util.Iterator<StoredCookie> it = cookies.iterator();
        it.hasNext() && removed < goal && deletable > 0; ) {
      StoredCookie c = it.next();
      if (c.priority() == priority && !(protectSecure && c.secure())) {
        remove(keyOf(c));
        it.remove();
        removed++;
        deletable--;
      }
    }
    return removed;
  }

  /** {@code GarbageCollectLeastRecentlyAccessed}: of the {@code goal} least recent, those unused since {@code safeDate}. */
  private int deleteLeastRecentlyAccessed(List<StoredCookie> cookies, int goal, Instant safeDate) {
    cookies.sort(LEAST_RECENTLY_ACCESSED);
    int deleted = 0;
    for (int i = 0; i < goal && i < cookies.size(); i++) {
      StoredCookie c = cookies.get(i);
      if (!c.lastAccess().isBefore(safeDate)) break;
      remove(keyOf(c));
      deleted++;
    }
    return deleted;
  }

  /** {@code GarbageCollectPartitionedCookies}: per partition and domain, 180 cookies and 10 KiB. */
  private void garbageCollectPartition(StoredCookie added, Instant now) {
    String site = siteOf(added);
    List<StoredCookie> live = new ArrayList<>();
    int bytes = 0;
    for (StoredCookie c : List.copyOf(cookies.values())) {
      if (!added.partitionKey().equals(c.partitionKey()) || !siteOf(c).equals(site)) continue;
      if (c.expiredAt(now)) {
        remove(keyOf(c));
      } else {
        live.add(c);
        bytes += nameValueBytes(c);
      }
    }
    if (live.size() <= PARTITION_DOMAIN_MAX_COOKIES && bytes <= PARTITION_DOMAIN_MAX_BYTES) return;
    live.sort(LEAST_RECENTLY_ACCESSED);
    for (int i = 0;
        i < live.size()
            && (bytes > PARTITION_DOMAIN_MAX_BYTES || live.size() - i > PARTITION_DOMAIN_MAX_COOKIES);
        i++) {
      bytes -= nameValueBytes(live.get(i));
      remove(keyOf(live.get(i)));
    }
  }

  private static int nameValueBytes(StoredCookie c) {
    return SetCookieParser.utf8Length(c.name()) + SetCookieParser.utf8Length(c.value());
  }

  private static Key keyOf(StoredCookie c) {
    return new Key(c.name(), c.domain(), c.path(), c.partitionKey());
  }

  // ---------------------------------------------------------------- sending

  /** Every cookie of the jar, sent with a request to {@code requestUrl} or not, and why not. */
  public SendResult send(URI requestUrl, RequestContext ctx) {
    requireNonNull(requestUrl);
    requireNonNull(ctx);
    SameSiteContext ful;
    SameSiteContext less;
    boolean thirdParty;
    PartitionKey partition;
    if (ctx.context() == Context.NAVIGATION) {
      ful = requestContextType(requestUrl, ctx, true);
      less = requestContextType(requestUrl, ctx, false);
      thirdParty = false;
      partition = partitionKey(requestUrl, null, false);
    } else {
      ful = requestContextType(requestUrl, ctx, true);
      less = requestContextType(requestUrl, ctx, false);
      // Schemeful, as for setting (SiteForCookies).
      thirdParty = ful == SameSiteContext.CROSS_SITE;
      partition = partitionKey(requestUrl, ctx.topLevelPage(), less == SameSiteContext.CROSS_SITE);
    }
    return select(requestUrl, ful, less, thirdParty, partition, true);
  }

  /** The {@code Cookie} header the browser sends with this request, if any. */
  public Optional<String> cookieHeader(URI requestUrl, RequestContext ctx) {
    return send(requestUrl, ctx).cookieHeader();
  }

  /** {@code document.cookie} of a top-level document at {@code pageUrl}: HttpOnly cookies are invisible. */
  public String documentCookie(URI pageUrl) {
    return documentCookie(pageUrl, null);
  }

  /** {@code document.cookie} of a document at {@code pageUrl} inside {@code topLevel} (null: top-level). */
  public String documentCookie(URI pageUrl, @Nullable URI topLevel) {
    String header = documentCookieDecisions(pageUrl, topLevel).cookieHeaderValue();
    return header == null ? "" : header;
  }

  /** The decisions behind {@link #documentCookie(URI, URI)}. */
  public SendResult documentCookieDecisions(URI pageUrl, @Nullable URI topLevel) {
    requireNonNull(pageUrl);
    boolean ful = sites.sameSite(topLevel, pageUrl, true);
    boolean less = sites.sameSite(topLevel, pageUrl, false);
    return select(
        pageUrl,
        ful ? SameSiteContext.SAME_SITE_STRICT : SameSiteContext.CROSS_SITE,
        less ? SameSiteContext.SAME_SITE_STRICT : SameSiteContext.CROSS_SITE,
        !ful,
        partitionKey(pageUrl, topLevel, !less),
        false);
  }

  /**
   * Chromium {@code ComputeSameSiteContextForRequest}: a navigation is STRICT when typed or started by
   * a same-site page, else LAX (LAX_METHOD_UNSAFE for POST); a subresource or iframe is STRICT when the
   * top-level page and the initiator are same-site with the URL, else CROSS_SITE.
   */
  private SameSiteContext requestContextType(URI url, RequestContext ctx, boolean schemeful) {
    if (ctx.context() == Context.NAVIGATION) {
      if (sites.sameSite(ctx.from(), url, schemeful)) return SameSiteContext.SAME_SITE_STRICT;
      return ctx.safeMethod()
          ? SameSiteContext.SAME_SITE_LAX
          : SameSiteContext.SAME_SITE_LAX_METHOD_UNSAFE;
    }
    if (sites.sameSite(ctx.topLevelPage(), url, schemeful)
        && sites.sameSite(ctx.from(), url, schemeful)) {
      return SameSiteContext.SAME_SITE_STRICT;
    }
    return SameSiteContext.CROSS_SITE;
  }

  private SendResult select(
      URI url,
      SameSiteContext ful,
      SameSiteContext less,
      boolean thirdParty,
      PartitionKey partition,
      boolean httpApi) {
    Instant now = clock.instant();
    purgeExpired(now);
    String scheme = Sites.scheme(url);
    // Chromium attaches no cookies at all to URLs of other schemes (file:, ftp:, data:).
    if (!Sites.isCookieableScheme(scheme)) return new SendResult(List.of(), null);
    String host = Sites.host(url);
    boolean cryptographic = Sites.isCryptographic(scheme);
    boolean secureUrl = cryptographic || Sites.isLocalhost(host);
    String path = CookieRules.requestPath(url);
    int port = port(url);
    List<StoredCookie> ordered = new ArrayList<>(cookies.values());
    // §5.8.3 step 2: longer paths first, then earlier creation times.
    ordered.sort(
        Comparator.comparingInt((StoredCookie c) -> -c.path().length())
            .thenComparing(StoredCookie::creation));
    Map<String, Boolean> hostOnlyNames = new HashMap<>();
    for (StoredCookie c : ordered) {
      if (c.hostOnly() && c.domain().equals(host)) hostOnlyNames.put(c.name(), Boolean.TRUE);
    }
    List<CookieDecision> decisions = new ArrayList<>(ordered.size());
    StringBuilder header = new StringBuilder();
    for (StoredCookie c : ordered) {
      List<ExclusionReason> ex = new ArrayList<>(2);
      List<WarningReason> warn = new ArrayList<>(0);
      if (!CookieRules.domainMatch(c.domain(), host)) ex.add(ExclusionReason.EXCLUDE_DOMAIN_MISMATCH);
      if (!CookieRules.pathMatch(c.path(), path)) ex.add(ExclusionReason.EXCLUDE_NOT_ON_PATH);
      if (c.secure()) {
        if (!secureUrl) ex.add(ExclusionReason.EXCLUDE_SECURE_ONLY);
        else if (!cryptographic) warn.add(WarningReason.WARN_SECURE_ACCESS_GRANTED_NON_CRYPTOGRAPHIC);
      }
      if (!httpApi && c.httpOnly()) ex.add(ExclusionReason.EXCLUDE_HTTP_ONLY);
      ExclusionReason ss = sameSiteGetExclusion(c, ful, now, warn);
      boolean schemefulOnly = false;
      if (ss != null) {
        ex.add(ss);
        schemefulOnly = sameSiteGetExclusion(c, less, now, new ArrayList<>()) == null;
      }
      if (c.sameSite() == SameSite.NONE && !c.secure()) {
        ex.add(ExclusionReason.EXCLUDE_SAMESITE_NONE_INSECURE);
      }
      if (policy == ThirdPartyCookies.BLOCKED && thirdParty && !c.partitioned()) {
        ex.add(ExclusionReason.EXCLUDE_USER_PREFERENCES);
      }
      // Origin-bound cookies are off by default: scheme and port mismatches are only warnings.
      boolean trustworthyHttp = secureUrl && !cryptographic;
      if ((c.sourceSecure() && !secureUrl && !ex.contains(ExclusionReason.EXCLUDE_SECURE_ONLY))
          || (!c.sourceSecure() && cryptographic)) {
        warn.add(WarningReason.WARN_SCHEME_MISMATCH);
      }
      if (c.sourcePort() != port && c.hostOnly() && !(trustworthyHttp && c.sourcePort() == 443)) {
        warn.add(WarningReason.WARN_PORT_MISMATCH);
      }
      if (!c.hostOnly() && hostOnlyNames.containsKey(c.name())) {
        warn.add(WarningReason.WARN_SHADOWING_DOMAIN);
      }
      clearSameSiteWarnings(ex, warn);
      boolean otherPartition = c.partitioned() && !partition.equals(c.partitionKey());
      boolean sent = ex.isEmpty() && !otherPartition;
      if (sent) {
        if (!header.isEmpty()) header.append("; ");
        header.append(c.pair());
        StoredCookie touched = c.withLastAccess(now);
        cookies.put(new Key(c.name(), c.domain(), c.path(), c.partitionKey()), touched);
        c = touched;
      }
      String finding = CookieRules.pickFinding(ex, false);
      if (finding == null && otherPartition) finding = CatalogIds.THIRD_PARTY_CONTEXT;
      decisions.add(new CookieDecision(c, sent, ex, warn, finding, otherPartition, schemefulOnly));
    }
    return new SendResult(decisions, header.isEmpty() ? null : header.toString());
  }

  /**
   * The SameSite rule for sending (Chromium {@code IncludeForRequestURL}); an unspecified cookie at
   * most 2 minutes old is "Lax allowing unsafe": also sent on a cross-site top-level POST.
   */
  private static @Nullable ExclusionReason sameSiteGetExclusion(
      StoredCookie c, SameSiteContext context, Instant now, List<WarningReason> warn) {
    switch (c.sameSite()) {
      case STRICT:
        return context.atLeast(SameSiteContext.SAME_SITE_STRICT)
            ? null
            : ExclusionReason.EXCLUDE_SAMESITE_STRICT;
      case LAX:
        return context.atLeast(SameSiteContext.SAME_SITE_LAX)
            ? null
            : ExclusionReason.EXCLUDE_SAMESITE_LAX;
      case NONE:
        return null;
      case UNSPECIFIED:
      default:
        boolean recent =
            Duration.between(c.creation(), now).compareTo(StoredCookie.LAX_ALLOW_UNSAFE_MAX_AGE) <= 0;
        if (context.atLeast(SameSiteContext.SAME_SITE_LAX)) return null;
        warn.add(WarningReason.WARN_SAMESITE_UNSPECIFIED_CROSS_SITE_CONTEXT);
        if (recent && context == SameSiteContext.SAME_SITE_LAX_METHOD_UNSAFE) {
          // The more specific warning replaces the general one.
          warn.remove(WarningReason.WARN_SAMESITE_UNSPECIFIED_CROSS_SITE_CONTEXT);
          warn.add(WarningReason.WARN_SAMESITE_UNSPECIFIED_LAX_ALLOW_UNSAFE);
          return null;
        }
        return ExclusionReason.EXCLUDE_SAMESITE_UNSPECIFIED_TREATED_AS_LAX;
    }
  }

  // ---------------------------------------------------------------- listing

  /** The cookies of the jar that have not expired, in creation order. */
  public List<StoredCookie> cookies() {
    purgeExpired(clock.instant());
    List<StoredCookie> out = new ArrayList<>(cookies.values());
    out.sort(Comparator.comparing(StoredCookie::creation));
    return List.copyOf(out);
  }

  /** Removes every cookie (a new browser profile). */
  public void clear() {
    cookies.clear();
    perSite.clear();
    unpartitioned = 0;
  }

  private String siteOf(StoredCookie c) {
    return sites.siteHost(c.domainWithoutDot());
  }

  private void add(Key key, StoredCookie c) {
    if (cookies.put(key, c) == null && !c.partitioned()) {
      perSite.merge(siteOf(c), 1, Integer::sum);
      unpartitioned++;
    }
  }

  private void remove(Key key) {
    StoredCookie old = cookies.remove(key);
    if (old != null && !old.partitioned()) uncount(old);
  }

  private void uncount(StoredCookie c) {
    perSite.computeIfPresent(siteOf(c), (k, n) -> n <= 1 ? null : n - 1);
    unpartitioned--;
  }

  private void purgeExpired(Instant now) {
    for (Iterator<StoredCookie> it = cookies.values().iterator(); it.hasNext(); ) {
      StoredCookie c = it.next();
      if (c.expiredAt(now)) {
        it.remove();
        if (!c.partitioned()) uncount(c);
      }
    }
  }

  @Override
  public String toString() {
    return "CookieJar[policy=" + policy + ", cookies=" + cookies.size() + "]";
  }
}
