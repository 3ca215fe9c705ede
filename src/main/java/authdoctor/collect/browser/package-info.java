/**
 * Drives headless Chromium over the DevTools protocol to replay cookie scenarios and report what the
 * real browser stored, sent and withheld, with Chromium's own reasons.
 *
 * <p>Entry point: {@link authdoctor.collect.browser.BrowserScenarioRunner}: {@code start()}, then
 * {@code run(CookieScenario)} per scenario, giving a {@link authdoctor.collect.browser.BrowserRun}
 * ({@link authdoctor.collect.browser.BrowserRunJson} renders it). How it works, and what it cannot do:
 *
 * <ul>
 *   <li><b>Network.</b> Chromium starts with {@code --host-resolver-rules="MAP * 127.0.0.1"}, so every
 *       host name reaches our {@link authdoctor.collect.browser.ScenarioServer} on 127.0.0.1, which
 *       speaks HTTPS and HTTP on one port and answers any {@code Host}. Scenario URLs keep scheme, host,
 *       path and query; only the port is rewritten to the server's. Chromium ignores the port for cookie
 *       scope and same-site, and Secure depends on the scheme, which is kept. IP-literal hosts other than
 *       127.0.0.1 bypass the mapping and are never replayed.
 *   <li><b>Contexts.</b> A typed navigation is {@code Page.navigate}. With {@code from}, a page on that
 *       origin clicks a link or submits a form (POST) to the target, embeds it in an iframe, or
 *       {@code fetch}es it with {@code credentials: 'include'} (or loads it as an image). A POST without
 *       {@code from} is replayed as a form on the target's own origin (the site's own login form).
 *   <li><b>Evidence.</b> {@code Network.responseReceivedExtraInfo.blockedCookies} (Set-Cookie blocked,
 *       with {@code SetCookieBlockedReason}s), {@code Network.requestWillBeSentExtraInfo.associatedCookies}
 *       (sent or withheld, with {@code CookieBlockedReason}s), {@code Storage.getCookies} for the jar,
 *       and the {@code Cookie} header names the server really received, as a cross-check.
 *   <li><b>Isolation.</b> One browser per third-party setting, reused; each scenario in a fresh
 *       {@code Target.createBrowserContext}, disposed afterwards.
 *   <li><b>Third-party cookies.</b> The setting is the profile preference
 *       {@code profile.cookie_controls_mode} (0 allowed, 1 blocked), written into the fresh profile before
 *       start; browser contexts inherit it, so it cannot change per context and each setting gets its own
 *       browser. Each browser is checked at start (a probe cross-site fetch must send a {@code
 *       SameSite=None} cookie exactly when allowed) and refused if it ignores the setting. Without the
 *       preference, Debian's Chromium 156 blocks third-party cookies in browser contexts ({@code
 *       UserPreferences}); mode 2 ("block in Incognito") does not block there.
 *   <li><b>Time.</b> Waits up to {@link authdoctor.collect.browser.BrowserScenarioRunner#MAX_REAL_WAIT}
 *       are replayed in real time; a longer {@code after} makes that step and every later one
 *       {@link authdoctor.collect.browser.BrowserStep.NotReplayed}.
 *   <li><b>Chromium facts worth knowing</b> (Chromium 156): every SameSite exclusion is reported in its
 *       {@code Schemeful*} form ({@code SchemefulSameSiteLax}) even between two https sites; some
 *       exclusions are not reported at all ({@code Partitioned} without Secure: not blocked, yet not in
 *       the jar; see {@link authdoctor.collect.browser.StoreOutcome#inJar()}); HSTS-preloaded hosts
 *       ({@code *.dev}, {@code *.app}) are upgraded to https before any cookie rule runs.
 * </ul>
 *
 * <p>No cookie value is kept anywhere in these results: names, attributes and reasons only.
 *
 * <p>The probe's {@code --browser chromium} uses the same driver for another purpose: {@link
 * authdoctor.collect.browser.BrowserLogin} signs in to a live deployment in one fresh-profile Chromium
 * (only the {@code --resolve}d and named hosts resolve; every request is checked against the probe's own
 * rules through {@code Fetch.requestPaused}) and returns a {@link authdoctor.collect.browser.LoginRun}: the
 * hops with their wire headers and Chromium's cookie verdicts, and the session it ended with. That result
 * does hold values (cookies, storage), because they are the session handed on; the probe remembers each
 * in its redactor before anything is rendered.
 */
@NullMarked
package authdoctor.collect.browser;

import org.jspecify.annotations.NullMarked;
