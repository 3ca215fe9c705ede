# Per-case smoke checks, sourced by lab/smoke. A case without a function here must be
# healthy (it then runs the healthy flow). Function name: check_ + the case name, - as _.
