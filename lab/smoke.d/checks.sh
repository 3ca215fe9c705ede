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
