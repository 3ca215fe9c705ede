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

logout_cookie_not_cleared() {
  check "login succeeds" login
  logout
  local sc; sc=$(setcookie | tr 'A-Z' 'a-z')
  check "logout's deleting Set-Cookie has no Domain ($sc)" lacks "$sc" "domain="
  check "the browser is still signed in after logout" signed_in
}
check_flask_logout_cookie_not_cleared() { logout_cookie_not_cleared; }
check_express_logout_cookie_not_cleared() { logout_cookie_not_cleared; }
