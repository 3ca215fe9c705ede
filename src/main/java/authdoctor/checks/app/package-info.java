/**
 * What the cross-layer detectors ({@code …InApp}) share: an application setting's value as production
 * sees it, its evidence, and the proxy routes and app servers in front of the app.
 */
@NullMarked
package authdoctor.checks.app;

import org.jspecify.annotations.NullMarked;
