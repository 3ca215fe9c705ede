# Per-case smoke checks, sourced by lab/smoke. A case without a function here must be
# healthy (it then runs the healthy flow). Function name: check_ + the case name, - as _.

check_flask_forwarded_proto_missing() { redirect_loop; }
check_flask_forwarded_proto_untrusted() { redirect_loop; }
check_django_forwarded_proto_missing() { redirect_loop; }
check_django_forwarded_proto_untrusted() { redirect_loop; }
check_fastapi_forwarded_proto_untrusted() { redirect_loop; }
check_express_forwarded_proto_missing() { no_cookie; }
check_express_forwarded_proto_untrusted() { no_cookie; }
check_spring_forwarded_proto_missing() {
  req "$DASH"
  check "the login redirect is downgraded to http ($(hdr location))" has "$(hdr location)" "http://app.lab.test:18130/login"
  req "http://app.lab.test:18130/login"
  check "following it hits the TLS port with plain http (HTTP $ST)" is "$ST" 400
}

cookie_attr() { # the last Set-Cookie contains ($1) / lacks ($2) an attribute (lower case)
  local sc ok=false; sc=$(setcookie | tr 'A-Z' 'a-z')
  has "$sc" "$1" && { [[ -z ${2:-} ]] || lacks "$sc" "$2"; } && ok=true
  check "Set-Cookie has '$1'${2:+ and no '$2'}: ${sc:0:60}...${sc: -60}" $ok
}
samesite_none_insecure() { login; cookie_attr "samesite=none" "secure"; }
check_flask_samesite_none_insecure() { samesite_none_insecure; }
check_express_samesite_none_insecure() { samesite_none_insecure; }

rejected_cookie() { # $1: the attribute that makes the browser (and curl) drop or withhold it
  login; cookie_attr "$1"
  check "the protected page still redirects to login" eval '! signed_in'
}
check_flask_cookie_domain_mismatch() { rejected_cookie "domain=.acme-old.test"; }
check_express_cookie_domain_mismatch() { rejected_cookie "domain=staging.lab.test"; }
check_flask_cookie_path() { rejected_cookie "path=/app"; }
check_express_cookie_path() {
  rejected_cookie "path=/api"
  check "the API under /api does see the session" signed_in "$JAR" "$B/api/me"
}

check_flask_secret_mismatch() { logged_out_on_hop; }
check_express_secret_mismatch() { logged_out_on_hop; }
check_django_store_not_shared() {
  # The instance that does not know the session answers with a deleting Set-Cookie.
  check "login succeeds" login
  local sc; signed_in; sc=$(setcookie); signed_in; sc+=$(setcookie)
  check "one of the next two requests (the other instance) deletes the cookie" has "$sc" 'sessionid=""'
  check "and the user stays signed out (0/10 signed in)" is "$(refreshes 10)" 0
}
check_express_store_not_shared() { logged_out_on_hop; }
check_flask_secret_missing() { logged_out_on_hop; }

lost_on_restart() {
  check "login succeeds" login
  check "signed in before the restart" signed_in
  "$LAB/restart" "$NAME"
  check "signed out after the app restarted" eval '! signed_in'
}
check_flask_lost_on_restart() { lost_on_restart; }
check_express_lost_on_restart() { lost_on_restart; }

check_express_store_unreachable() {
  login; check "login answers 500" is "$ST" 500
}

logout_not_invalidated() {
  check "login succeeds" login
  cp "$JAR" "$T/jar.old"
  logout; check "after logout the browser is signed out" eval '! signed_in'
  check "replaying the pre-logout cookie is still signed in" signed_in "$T/jar.old"
}
check_flask_logout_not_invalidated() { logout_not_invalidated; }
check_express_logout_not_invalidated() { logout_not_invalidated; }
check_fastapi_starlette_logout_not_invalidated() {
  check "login succeeds" login
  cp "$JAR" "$T/jar.old"
  logout; check "Starlette deletes its cookie as session=null" eval 'setcookie | grep -q "^session=null;"'
  check "after logout the browser is signed out" eval '! signed_in'
  check "replaying the pre-logout cookie is still signed in" signed_in "$T/jar.old"
}

logout_cookie_not_cleared() {
  check "login succeeds" login
  logout
  local sc; sc=$(setcookie | tr 'A-Z' 'a-z')
  check "logout's deleting Set-Cookie has no Domain ($sc)" lacks "$sc" "domain="
  check "the browser is still signed in after logout" signed_in
}
check_flask_logout_cookie_not_cleared() { logout_cookie_not_cleared; }
check_express_logout_cookie_not_cleared() { logout_cookie_not_cleared; }

# --- CSRF
applog() { cat "$RUN/cases/$NAME"/logs/*.log; }
check_django_csrf_origin_untrusted() {
  login; check "login answers 403" is "$ST" 403
  check "Django logs the untrusted origin" eval 'applog | grep -q "does not match any trusted origins"'
}
check_express_csrf_origin_untrusted() { login; check "login answers 403" is "$ST" 403; }
check_django_csrf_token_missing() {
  login; check "login answers 403" is "$ST" 403
  check "Django logs that the CSRF cookie is missing" eval 'applog | grep -q "CSRF cookie not set"'
}

# --- CORS: preflight URL METHOD HEADERS, then the headers of the answer
preflight() {
  req -X OPTIONS -H "Origin: $FRONT" -H "Access-Control-Request-Method: $2" \
    ${3:+-H "Access-Control-Request-Headers: $3"} "$1"
}
acao() { hdr access-control-allow-origin; }
check_express_cors_wildcard_credentials() {
  preflight "$LOGIN_URL" POST content-type
  check "preflight: Access-Control-Allow-Origin: * ($(acao)) with credentials" \
    eval '[[ $(acao) == "*" && $(hdr access-control-allow-credentials) == true ]]'
  login; check "login response: Access-Control-Allow-Origin: *" is "$(acao)" "*"
}
check_flask_cors_wildcard_credentials() { check_express_cors_wildcard_credentials; }
check_express_cors_credentials_not_allowed() {
  login
  check "login response allows the origin ($(acao))" is "$(acao)" "$FRONT"
  check "but sends no Access-Control-Allow-Credentials: true" is "$(hdr access-control-allow-credentials)" ""
}
check_express_cors_origin_not_allowed() {
  preflight "$LOGIN_URL" POST content-type
  check "preflight allows another origin ($(acao)), not $FRONT" eval '[[ -n $(acao) && $(acao) != "$FRONT" ]]'
}
check_express_cors_header_not_allowed() {
  preflight "$DASH" GET authorization
  local ah; ah=$(hdr access-control-allow-headers | tr 'A-Z' 'a-z')
  check "preflight allows the origin ($(acao))" is "$(acao)" "$FRONT"
  check "but not the Authorization header (allowed: $ah)" lacks "$ah" authorization
}

# --- Authorization
authorization_stripped() {
  login; local tok; tok=$(grep -o '"token":"[^"]*"' "$BODY" | cut -d'"' -f4)
  check "the token endpoint answers a token" test -n "$tok"
  req -H "Authorization: Bearer $tok" "$DASH"
  check "through nginx the token is refused (HTTP $ST)" is "$ST" 401
  local direct; direct=$(field direct_urls | cut -d' ' -f1)
  req -H "Authorization: Bearer $tok" "$direct/api/me"
  check "direct to the app it is accepted" grep -q "\"user\": *\"$U\"" "$BODY"
}
check_flask_authorization_stripped() { authorization_stripped; }
check_express_authorization_stripped() { authorization_stripped; }

# --- host, prefix, scheme, redirects
check_fastapi_host_not_forwarded() {
  login; check "the login redirect names the upstream ($(hdr location))" has "$(hdr location)" "://127.0.0.1:"
}
check_spring_host_not_forwarded() {
  req "$DASH"; check "the login redirect names the upstream ($(hdr location))" has "$(hdr location)" "://127.0.0.1"
}
check_flask_prefix_not_forwarded() {
  login; check "the login redirect leaves the /app mount ($(hdr location))" is "$(hdr location)" "/dashboard"
  req "$ORIGIN/dashboard"; check "where nginx answers 404" is "$ST" 404
  check "the page under the mount works" signed_in
}
check_flask_forwarded_proto_overwritten() { redirect_loop; }
check_express_redirect_https_downgrade() {
  login; check "the login redirect is http ($(hdr location))" has "$(hdr location)" "http://app.lab.test:18460/"
  req -b "$JAR" "$(hdr location)"; check "following it hits the TLS port with plain http (HTTP $ST)" is "$ST" 400
}

# --- caches
check_express_set_cookie_cached() {
  login; signed_in
  req "$DASH"
  check "an anonymous request gets the cached page of $U" grep -q "Signed in as $U" "$BODY"
  check "and $U's session cookie with it" has "$(setcookie)" "sid=s%3A"
}
check_flask_auth_response_cached() {
  login; signed_in
  req "$DASH"
  check "an anonymous request gets the cached page of $U" grep -q "Signed in as $U" "$BODY"
}

# --- more cookie rules
check_flask_secure_over_http() { rejected_cookie "; secure"; }
check_flask_cookie_too_large() {
  login; local sc; sc=$(setcookie | cut -d';' -f1)
  check "the session cookie is ${#sc} bytes (> 4096)" eval '(( ${#sc} > 4096 ))'
  check "curl drops it too: the protected page redirects to login" eval '! signed_in'
}
check_express_cookie_prefix() {
  login; cookie_attr "__host-sid=" ""; cookie_attr "domain=lab.test"
  check "curl refuses it too: the protected page redirects to login" eval '! signed_in'
}
check_express_cookie_expired() {
  login; local exp; exp=$(setcookie | grep -oi 'expires=[^;]*' | cut -d= -f2)
  check "the cookie expires at once ($exp; now $(hdr date))" \
    eval '(( $(date -d "$exp" +%s) <= $(date -d "$(hdr date)" +%s) ))'
  check "the protected page still redirects to login" eval '! signed_in'
}
check_express_cookie_no_content() {
  login; check "a Set-Cookie line with neither name nor value (browsers refuse it)" \
    eval '[[ $(grep -ci "^set-cookie: *=" "$H") -ge 1 ]]'
  check "the session itself still works" signed_in
}
check_flask_cookie_invalid_characters() {
  # the pattern holds a literal TAB
  login; check "a Set-Cookie value carries a raw TAB (browsers refuse the cookie)" \
    grep -qi "^set-cookie: display_name=[^;]*	" "$H"
  check "the session itself still works" signed_in
}
check_flask_samesite_strict() {
  login; cookie_attr "samesite=strict"
  check "same-site requests are signed in" signed_in
}
check_express_cookie_scope_host() {
  login; check "signed in on app.lab.test" signed_in "$JAR" "$B/dashboard"
  check "but api.lab.test answers without the session" eval '! signed_in'
}
check_express_cookie_partitioned() { login; cookie_attr "partitioned" "secure"; }
check_flask_cookie_public_suffix() { rejected_cookie "domain=herokuapp.com"; }
check_fastapi_cookie_missing() { no_cookie; }

check_flask_cookie_name_collision() {
  check "sign in to /admin" login
  check "/admin is signed in" signed_in
  LOGIN_URL=${ORIGIN}/shop/login FORM_URL=${ORIGIN}/shop/login
  check "sign in to /shop" login
  check "/shop is signed in" signed_in "$JAR" "$ORIGIN/shop/dashboard"
  check "/admin is signed out again: the shop's cookie replaced its own" eval '! signed_in'
}
check_express_secure_overwrite() {
  check "login succeeds" login
  logout
  check "logout over http answers a deleting Set-Cookie without Secure" \
    eval 'has "$(setcookie)" "sid=;" && lacks "$(setcookie | tr A-Z a-z)" secure'
  check "the https dashboard is still signed in" signed_in
}

check_express_cors_healthy() {
  preflight "$LOGIN_URL" POST content-type
  check "preflight allows exactly the frontend, with credentials" \
    eval '[[ $(acao) == "$FRONT" && $(hdr access-control-allow-credentials) == true ]]'
  check "login from the frontend succeeds" login
  cookie_attr "samesite=none" ""
  check "the API answers the frontend signed in" signed_in
  cp "$JAR" "$T/jar.old"
  req -b "$JAR" -c "$JAR" -X POST -H "Origin: $FRONT" -H 'Content-Type: application/json' --data '{}' "$LOGOUT"
  check "after logout the old cookie is refused" eval '! signed_in "$T/jar.old"'
}

check_flask_header_inheritance() {
  req "$LOGIN_URL"
  check "/login redirects to https and the upstream's name ($(hdr location))" \
    is "$(hdr location)" "https://flask_header_inheritance/login"
  req "$B/healthz"
  check "other locations are fine (HTTP $ST)" is "$ST" 200
}

# --- bearer APIs of the OIDC provider (flask-jwt-*): a client-credentials token, then the API
provider_token() { # sets TOK: the access token the case's token endpoint answers
  req --data-urlencode grant_type=client_credentials --data-urlencode client_id=lab-client \
    --data-urlencode "client_secret=$PW" "$LOGIN_URL"
  TOK=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("access_token",""))' "$BODY" 2>/dev/null)
  check "the provider answers a token (HTTP $ST)" test -n "$TOK"
}
api_accepts() {
  provider_token; req -H "Authorization: Bearer $TOK" "$DASH"
  check "the API accepts it (HTTP $ST)" grep -q "\"user\": *\"$U\"" "$BODY"
}
api_refuses() { # $1: what the API's WWW-Authenticate error_description says
  local why=$1 wa
  provider_token; req -H "Authorization: Bearer $TOK" "$DASH"; wa=$(hdr www-authenticate)
  check "the API refuses it: HTTP $ST, $wa" \
    eval 'is "$ST" 401 && has "$wa" "invalid_token" && has "$wa" "$why"'
}
check_flask_jwt_healthy() { api_accepts; }
check_flask_jwt_expired() { api_refuses "token expired"; }
check_flask_jwt_not_yet_valid() { api_refuses "not yet valid"; }
check_flask_jwt_issuer_mismatch() { api_refuses "issuer not accepted"; }
check_flask_jwt_audience_mismatch() { api_refuses "audience not accepted"; }
check_flask_jwt_unknown_kid() { api_refuses "no key with kid lab"; }
check_flask_jwt_signature_invalid() { api_refuses "signature verification failed"; }
check_flask_jwt_alg_mismatch() { api_refuses "alg RS256 not accepted"; }
check_flask_jwt_missing_claim() { api_refuses "required claim sub missing"; }
check_flask_jwt_clock_drift() {
  api_refuses "token expired"
  local d; d=$(( $(date -d "$(hdr date)" +%s) - $(date +%s) ))
  check "the API's Date header is ${d} s off" eval '(( d > 600 ))'
}

# --- OAuth clients of the provider (flask-oauth-*): /login -> the provider's login form -> callback
oauth_start() { # sets AUTHZ: the authorization request /login redirects to
  req -c "$JAR" -b "$JAR" "$(field oauth_start)"; AUTHZ=$(hdr location)
  check "/login redirects to the provider ($AUTHZ)" eval '[[ $ST == 302 && -n $AUTHZ ]]'
}
oauth_param() { /usr/bin/python3 -c 'import sys, urllib.parse as u
print(u.parse_qs(u.urlsplit(sys.argv[1]).query).get(sys.argv[2], [""])[0])' "$AUTHZ" "$1"; }
oauth_login() { # signs in at the provider; sets CB: where the provider sends the browser back
  oauth_start
  req -c "$JAR" -b "$JAR" --data-urlencode "username=$U" --data-urlencode claims= "$AUTHZ"
  CB=$(hdr location)
  check "the provider's login redirects to the app's redirect_uri" has "$CB" "$(oauth_param redirect_uri)?code="
}
check_flask_oauth_healthy() {
  oauth_login; req -c "$JAR" -b "$JAR" "$CB"
  check "the callback signs in ($(hdr location))" eval 'is "$ST" 302 && is "$(hdr location)" /dashboard'
  check "the dashboard shows the user" signed_in
}
check_flask_oauth_redirect_uri_scheme() {
  oauth_start
  check "redirect_uri is http ($(oauth_param redirect_uri))" has "$(oauth_param redirect_uri)" "http://app.lab.test:18750/callback"
  oauth_login; req -c "$JAR" -b "$JAR" "$CB"
  check "plain http to the TLS port fails (HTTP $ST)" is "$ST" 400
}
check_flask_oauth_redirect_uri_mismatch() {
  oauth_login
  check "redirect_uri has a trailing slash ($(oauth_param redirect_uri))" is "$(oauth_param redirect_uri)" "$(field expect_redirect_uri)/"
  req -c "$JAR" -b "$JAR" "$CB"
  check "the callback URL is not routed (HTTP $ST)" is "$ST" 404
}
check_flask_oauth_state_cookie_lost() {
  oauth_login
  check "the state cookie is scoped to Path=/login" grep -q $'/login\tTRUE\t[0-9]*\toauth_state' "$JAR"
  req -c "$JAR" -b "$JAR" "$CB"
  check "the callback misses it (HTTP $ST)" eval 'is "$ST" 400 && grep -q "no oauth_state cookie" "$BODY"'
}
check_flask_oauth_discovery_mismatch() {
  req "https://login.lab.test:18780/web/.well-known/openid-configuration"
  local iss; iss=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["issuer"])' "$BODY")
  check "discovery at https://login.lab.test:18780/web names issuer $iss" is "$iss" "http://login.lab.test:18982/web"
  oauth_start
  check "/login sends the browser to plain http on the internal port" has "$AUTHZ" "http://login.lab.test:18982/web/authorize?"
}
check_spring_jwt_healthy() { api_accepts; }
check_spring_jwt_audience_mismatch() { api_refuses "aud claim is not valid"; }
check_flask_oauth_form_post_lax() {
  # curl applies no SameSite: show the parts that make a browser drop the cookie on the callback.
  oauth_start
  check "response_mode=form_post ($(oauth_param response_mode))" is "$(oauth_param response_mode)" form_post
  check "the provider is on another site ($AUTHZ)" has "$AUTHZ" "https://sso.other.test:18810/"
  cookie_attr "samesite=lax"
  req -c "$JAR" -b "$JAR" --data-urlencode "username=$U" --data-urlencode claims= "$AUTHZ"
  check "the provider answers a page that posts the code to the app" \
    eval 'is "$ST" 200 && grep -q "https://app.lab.test:18810/callback" "$BODY" && grep -qi "method=\"post\"" "$BODY"'
}

# --- token APIs and single-page apps (#14): a JSON login answers a bearer token
api_token() { # sets TOK: the token the JSON login answers
  req -H "Origin: ${FRONT:-$ORIGIN}" -H 'Content-Type: application/json' \
    --data "{\"username\":\"$U\",\"password\":\"$PW\"}" "$LOGIN_URL"
  TOK=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("token", ""))' "$BODY" 2>/dev/null)
  [[ $ST == 200 && -n $TOK ]]
}
api_me() { req -H "Authorization: Bearer $TOK" "${1:-$DASH}"; }
direct_me() { req -H "Authorization: Bearer $TOK" -H "Host: ${DASH#https://}" "$(field direct_urls.0)/api/me"; }
preflight() { # preflight URL METHOD HEADER -> ST, H
  req -X OPTIONS -H "Origin: $FRONT" -H "Access-Control-Request-Method: $2" -H "Access-Control-Request-Headers: $3" "$1"
}
preflight_allows() { # the header ($1) is in Access-Control-Allow-Headers, for the frontend's origin
  [[ ${ST:0:1} == 2 && $(hdr access-control-allow-origin) == "$FRONT" ]] && has "$(hdr access-control-allow-headers | tr 'A-Z' 'a-z')" "$1"
}
check_express_token_api_authorization_cleared() {
  check "the JSON login answers a token" api_token
  api_me; check "GET /api/me with it through nginx answers 401 (HTTP $ST, $(hdr www-authenticate))" is "$ST" 401
  direct_me; check "the same call to the app's own port answers the user (HTTP $ST)" grep -q "\"user\":\"$U\"" "$BODY"
}
api_token_cookie() { # sets TOK: the token the JSON login answers in its cookie `token`
  api_token || true
  TOK=$(grep -i '^set-cookie: token=' "$H" | head -1 | sed 's/^[^=]*=//; s/;.*//' | tr -d '\r')
  [[ $ST == 200 && -n $TOK ]] && ! grep -qi '^set-cookie: token=.*httponly' "$H"
}
check_express_token_cookie_authorization_cleared() {
  check "the JSON login answers the token in a cookie the frontend can read (not HttpOnly)" api_token_cookie
  api_me; check "GET /api/me with it as the bearer token through nginx answers 401 (HTTP $ST)" is "$ST" 401
  direct_me; check "the same call to the app's own port answers the user (HTTP $ST)" grep -q "\"user\":\"$U\"" "$BODY"
}
check_express_token_instances_secret_mismatch() {
  check "the JSON login answers a token" api_token
  local host=${DASH#https://}; host=${host%%/*}
  req -H "Authorization: Bearer $TOK" -H "Host: $host" "$(field direct_urls.0)/api/me"; local a=$ST
  req -H "Authorization: Bearer $TOK" -H "Host: $host" "$(field direct_urls.1)/api/me"; local b=$ST
  check "one instance accepts the token and the other refuses it (HTTP $a, $b)" eval '[[ "$a $b" == "200 401" || "$a $b" == "401 200" ]]'
}
check_express_token_refused_unexplained() {
  check "the JSON login answers a token" api_token
  api_me; check "GET /api/me with it through nginx answers 401 (HTTP $ST)" is "$ST" 401
  direct_me; check "and directly too (HTTP $ST): not the proxy" is "$ST" 401
}
check_express_spa_bearer_header_not_allowed() {
  preflight "$LOGIN_URL" POST content-type; check "the login's preflight allows content-type" preflight_allows content-type
  check "the JSON login answers a token" api_token
  preflight "$DASH" GET authorization
  check "the API call's preflight leaves out authorization ($(hdr access-control-allow-headers))" eval '! preflight_allows authorization'
}
check_express_spa_login_preflight_refused() {
  preflight "$LOGIN_URL" POST content-type
  check "the login's preflight leaves out content-type ($(hdr access-control-allow-headers))" eval '! preflight_allows content-type'
  preflight "$DASH" GET authorization; check "the API call's preflight allows authorization" preflight_allows authorization
}
check_express_token_api_healthy() {
  check "the JSON login answers a token" api_token
  api_me; check "GET /api/me with it through nginx answers the user" grep -q "\"user\":\"$U\"" "$BODY"
}
check_express_spa_bearer_healthy() {
  preflight "$LOGIN_URL" POST content-type; check "the login's preflight allows content-type" preflight_allows content-type
  check "the JSON login answers a token" api_token
  preflight "$DASH" GET authorization; check "the API call's preflight allows authorization" preflight_allows authorization
  api_me; check "GET /api/me answers the user" grep -q "\"user\":\"$U\"" "$BODY"
}

# --- which cookie or token is the session (#23)
check_flask_hub_secret_mismatch() {
  check "login succeeds" login
  check "it sets the opaque hub-session-id and the signed hub-hub-login (Path=/hub/)" \
    eval 'grep -q "hub-session-id" "$JAR" && grep -q $'"'"'/hub/\tTRUE\t[0-9]*\thub-hub-login'"'"' "$JAR"'
  local n; n=$(refreshes 20)
  check "some of 20 refreshes are signed out ($n/20 signed in)" eval "(( n > 0 && n < 20 ))"
}
check_flask_password_grant_store_not_shared() {
  req --data-urlencode grant_type=password --data-urlencode "username=$U" --data-urlencode "password=$PW" "$LOGIN_URL"
  TOK=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$BODY" 2>/dev/null)
  check "the password grant answers an opaque token" eval '[[ $TOK =~ ^[0-9a-f]{32}$ ]]'
  local n=0; for _ in $(seq 10); do api_me; [[ $ST == 200 ]] && n=$((n + 1)); done
  check "some of 10 API calls with it answer 401 ($n/10 accepted)" eval "(( n > 0 && n < 10 ))"
}
check_flask_jwt_login_name_claim() {
  check "the JSON login answers a token" api_token
  local claims; claims=$(echo "$TOK" | cut -d. -f2 | tr '_-' '/+' | base64 -d 2>/dev/null)
  check "a JWT naming the user in name, without sub ($claims)" eval 'has "$claims" "\"name\":\"$U\"" && lacks "$claims" "\"sub\""'
  api_me; check "GET /api/me with it answers the user" grep -q "\"user\":\"$U\"" "$BODY"
}

# --- third-party software (#13): Keycloak's own login pages
kc_login() { # oauth_start, then Keycloak's login form (its action URL carries the session code); sets CB
  oauth_start
  req -c "$JAR" -b "$JAR" "$AUTHZ"
  local action; action=$(grep -o 'id="kc-form-login"[^>]*action="[^"]*"' "$BODY" | grep -o 'action="[^"]*"' | cut -d'"' -f2 | sed 's/&amp;/\&/g')
  check "Keycloak's login page has its form (HTTP $ST)" eval '[[ $ST == 200 && -n $action ]]'
  req -c "$JAR" -b "$JAR" --data-urlencode "username=$U" --data-urlencode "password=$PW" "$action"
  CB=$(hdr location)
  check "the login redirects to the app's redirect_uri" has "$CB" "$(oauth_param redirect_uri)?state="
}
check_keycloak_healthy() {
  kc_login; req -c "$JAR" -b "$JAR" "$CB"
  check "the callback signs in ($(hdr location))" eval 'is "$ST" 302 && is "$(hdr location)" /dashboard'
  check "the dashboard shows the user" signed_in
}
check_keycloak_session_cookie_loop() {
  kc_login; req -c "$JAR" -b "$JAR" "$CB"
  check "the callback sets its session cookie for the old domain" has "$(grep -i '^set-cookie: lab_session=' "$H" | tr 'A-Z' 'a-z')" "domain=app.example.org"
  req -c "$JAR" -b "$JAR" "$DASH"
  check "without it the dashboard sends the browser back to /login" eval 'is "$ST" 302 && is "$(hdr location)" /login'
  oauth_start
  req -c "$JAR" -b "$JAR" "$AUTHZ"
  check "Keycloak remembers the user and sends the browser straight back to the callback" eval 'is "$ST" 302 && has "$(hdr location)" "$(oauth_param redirect_uri)?"'
}
check_keycloak_prefix_stripped() {
  req "https://sso.lab.test:19810/auth/realms/prefix/.well-known/openid-configuration"
  local iss; iss=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["issuer"])' "$BODY")
  check "Keycloak under /auth names issuer $iss" is "$iss" "https://sso.lab.test:19810/realms/prefix"
  oauth_start
  check "/login sends the browser outside /auth" has "$AUTHZ" "https://sso.lab.test:19810/realms/prefix/protocol/openid-connect/auth?"
  req "$AUTHZ"
  check "where nginx answers 404 (HTTP $ST)" is "$ST" 404
}
check_keycloak_forwarded_proto_missing() {
  req "https://sso.lab.test:18920/realms/staging/.well-known/openid-configuration"
  local iss; iss=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["issuer"])' "$BODY")
  check "Keycloak's discovery behind TLS names issuer $iss" is "$iss" "http://sso.lab.test:18920/realms/staging"
  oauth_start
  check "/login sends the browser to plain http on the TLS port" has "$AUTHZ" "http://sso.lab.test:18920/realms/staging/protocol/openid-connect/auth?"
  req "$AUTHZ"
  check "which nginx refuses (HTTP $ST)" is "$ST" 400
}

# --- Django's admin site
admin_login() { # the admin's login form, posted as a browser does (Origin, Referer, CSRF token)
  req -c "$JAR" -b "$JAR" "$FORM_URL"
  local tok; tok=$(token csrfmiddlewaretoken)
  req -c "$JAR" -b "$JAR" -H "Origin: $ORIGIN" -H "Referer: $FORM_URL" --data-urlencode "username=$U" \
    --data-urlencode "password=$PW" --data-urlencode next=/admin/ --data-urlencode "csrfmiddlewaretoken=$tok" "$LOGIN_URL"
}
admin_welcomes() { req -b "$JAR" -c "$JAR" "$DASH"; grep -q "<strong>$U</strong>" "$BODY"; }
check_django_admin_healthy() {
  admin_login; check "the admin's login redirects to /admin/ (HTTP $ST)" eval 'is "$ST" 302'
  check "/admin/ welcomes the user" admin_welcomes
  req -b "$JAR" -c "$JAR" "$LOGOUT"; check "logout signs out" eval '! admin_welcomes'
}
check_django_admin_csrf_origin_untrusted() {
  admin_login
  check "the admin's login answers 403 CSRF verification failed (HTTP $ST)" eval 'is "$ST" 403 && grep -q "CSRF verification failed" "$BODY"'
  check "the user is not signed in" eval '! admin_welcomes'
}

# --- a React-rendered login whose CSRF token is in <script type="application/json" id="app-state">
react_login() { # what the page's script does: the token from the JSON state, added to the form as _csrf
  req -c "$JAR" -b "$JAR" "$FORM_URL"
  local tok; tok=$(grep -o '<script type="application/json" id="app-state">[^<]*' "$BODY" | sed 's/.*>//' \
    | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])')
  check "the page has no hidden token field, the JSON state has one" eval '! grep -q "type=\"hidden\"" "$BODY" && [[ -n $tok ]]'
  req -c "$JAR" -b "$JAR" -H "Origin: $ORIGIN" -H "Referer: $FORM_URL" --data-urlencode "username=$U" \
    --data-urlencode "password=$PW" --data-urlencode "_csrf=$tok" "$LOGIN_URL"
}
check_react_login_healthy() {
  react_login; check "the login redirects (HTTP $ST)" is "$ST" 303
  check "the dashboard shows the user" signed_in
}
check_react_login_origin_untrusted() {
  react_login
  check "the login answers 403 (HTTP $ST: $(head -c 60 "$BODY"))" eval 'is "$ST" 403 && grep -q "Cross-site POST" "$BODY"'
  check "the user is not signed in" eval '! signed_in'
}

# --- Apache httpd + mod_auth_openidc in front of a CGI app, Keycloak behind it
check_apache_openidc_healthy() {
  kc_login; req -c "$JAR" -b "$JAR" "$CB"
  check "mod_auth_openidc's redirect_uri signs in ($(hdr location))" eval 'is "$ST" 302 && is "$(hdr location)" "$DASH"'
  check "the app greets the user" signed_in
}
check_apache_openidc_redirect_uri_scheme() {
  oauth_start
  check "redirect_uri is http ($(oauth_param redirect_uri))" is "$(oauth_param redirect_uri)" "http://app.lab.test:18000/protected/redirect_uri"
  req -c "$JAR" -b "$JAR" "$AUTHZ"
  check "Keycloak refuses it (HTTP $ST, Invalid parameter: redirect_uri)" eval 'is "$ST" 400 && grep -q "Invalid parameter: redirect_uri" "$BODY"'
}
