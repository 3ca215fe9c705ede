package authdoctor.collect.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LoginTracker}: DevTools events, in the orders Chromium sends them, gathered into hops. */
class LoginTrackerTest {
  private static DevToolsConnection.Event event(String method, String json) throws IOException {
    JsonNode params = Json.mapper().readTree(json.replace('\'', '"'));
    return new DevToolsConnection.Event(method, params, "s");
  }

  @Test
  void aRedirectIsAHopOfItsOwnAndEachHopGetsItsOwnWireHeadersAndVerdicts() throws IOException {
    LoginTracker t = new LoginTracker();
    t.submitted();
    // The extra-info of the POST arrives before its requestWillBeSent, as Chromium often sends it.
    t.onEvent(event("Network.requestWillBeSentExtraInfo", "{'requestId':'7','headers':{'Cookie':'sid=a','Origin':'https://app.test'},"
        + "'associatedCookies':[{'cookie':{'name':'sid','domain':'app.test','path':'/'},'blockedReasons':[]},"
        + "{'cookie':{'name':'pref','domain':'app.test','path':'/x'},'blockedReasons':['NotOnPath']}]}"));
    t.onEvent(event("Network.requestWillBeSent", "{'requestId':'7','type':'Document','request':{'url':'https://app.test/login',"
        + "'method':'POST','headers':{'Content-Type':'application/x-www-form-urlencoded'},'postData':'username=alice'}}"));
    t.onEvent(event("Network.responseReceivedExtraInfo", "{'requestId':'7','statusCode':303,"
        + "'headers':{'location':'/dashboard','set-cookie':'sid=b; Secure\\nbad=1; SameSite=None'},"
        + "'blockedCookies':[{'cookieLine':'bad=1; SameSite=None','blockedReasons':['SameSiteNoneInsecure']}]}"));
    t.onEvent(event("Network.requestWillBeSent", "{'requestId':'7','type':'Document','redirectResponse':{'status':303,"
        + "'protocol':'h2','headers':{'location':'/dashboard'}},'request':{'url':'https://app.test/dashboard','method':'GET','headers':{}}}"));
    t.onEvent(event("Network.responseReceived", "{'requestId':'7','response':{'status':200,'protocol':'h2','headers':{'x':'1'}}}"));
    assertThat(t.onEvent(event("Network.loadingFinished", "{'requestId':'7'}"))).isEqualTo("7");

    List<LoginRun.Hop> hops = t.hops();
    assertThat(hops).hasSize(2);
    LoginRun.Hop post = hops.get(0);
    assertThat(post.method()).isEqualTo("POST");
    assertThat(post.afterSubmit()).isTrue();
    assertThat(post.redirectOf()).isFalse();
    assertThat(post.status()).isEqualTo(303);
    assertThat(post.postData()).isEqualTo("username=alice");
    assertThat(post.requestHeaders()).extracting(h -> h.name()).containsExactly("Cookie", "Origin");
    assertThat(post.responseHeaders()).filteredOn(h -> h.is("set-cookie")).extracting(h -> h.value())
        .containsExactly("sid=b; Secure", "bad=1; SameSite=None");
    assertThat(post.blocked()).containsExactly(new LoginRun.Blocked("bad=1; SameSite=None", List.of("SameSiteNoneInsecure")));
    assertThat(post.associated()).extracting(SendOutcome::name, SendOutcome::sent)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sid", true), org.assertj.core.groups.Tuple.tuple("pref", false));
    LoginRun.Hop landing = hops.get(1);
    assertThat(landing.url()).isEqualTo(URI.create("https://app.test/dashboard"));
    assertThat(landing.redirectOf()).isTrue();
    assertThat(landing.status()).isEqualTo(200);
    // No extra-info for this hop: the headers of responseReceived stand in.
    assertThat(landing.responseHeaders()).extracting(h -> h.name()).containsExactly("x");
  }

  @Test
  void aFailedRequestKeepsChromiumsReason() throws IOException {
    LoginTracker t = new LoginTracker();
    t.onEvent(event("Network.requestWillBeSent", "{'requestId':'1','type':'Fetch','request':{'url':'https://other.test/api','method':'GET','headers':{}}}"));
    t.onEvent(event("Network.loadingFailed", "{'requestId':'1','errorText':'net::ERR_BLOCKED_BY_CLIENT'}"));
    LoginRun.Hop h = t.hops().get(0);
    assertThat(h.status()).isZero();
    assertThat(h.afterSubmit()).isFalse();
    assertThat(h.failure()).isEqualTo("net::ERR_BLOCKED_BY_CLIENT");
  }

  @Test
  void theNetworkFlagsResolveOnlyPinnedAndNamedHosts() {
    BrowserLogin.Network n = new BrowserLogin.Network(Map.of("app.lab.test", "127.0.0.1"), List.of("prod.example.com"),
        false, List.of("AAAA"), (u, b) -> true);
    assertThat(n.flags()).contains("--host-resolver-rules=MAP app.lab.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE prod.example.com",
        "--no-proxy-server", "--ignore-certificate-errors-spki-list=AAAA").doesNotContain("--ignore-certificate-errors");
    BrowserLogin.Network insecure = new BrowserLogin.Network(Map.of(), List.of(), true, List.of(), (u, b) -> true);
    assertThat(insecure.flags()).contains("--ignore-certificate-errors", "--host-resolver-rules=MAP * ~NOTFOUND");
  }
}
