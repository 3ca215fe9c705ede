package authdoctor.cookie;

/** What kind of request carries the cookies (or receives the Set-Cookie). */
public enum Context {
  /** A top-level (main-frame) navigation: typed, a link or a form post from another page. */
  NAVIGATION,
  /** A fetch/XHR/img/script request made by a page. */
  SUBRESOURCE,
  /** The navigation of an iframe embedded in a page. */
  IFRAME
}
